/**
 * What the graph benchmarks (ties, web, brief, graph) and the links test write straight into a
 * store to build a synthetic graph fast: numbered people, and interactions with the columns
 * every one of them fills.
 *
 * @example
 * await store.conn.transaction((tx) => addNumberedPeople(tx, 100_000, now));
 * await tx.insertNew("interactions", INTERACTION_COLUMNS, rows);
 */
import type { SqlExecutor } from "../store/connection.js";

/** The interaction columns a synthetic row gives, in this order. */
export const INTERACTION_COLUMNS = [
  "source_key",
  "channel",
  "kind",
  "direction",
  "occurred_at",
  "from_person_id",
  "to_person_id",
  "size",
  "status",
] as const;

/** `count` people named "Person 0", "Person 1", …; their ids follow the user's in order. */
export async function addNumberedPeople(
  tx: SqlExecutor,
  count: number,
  at: number,
  name: (i: number) => string = (i) => `Person ${i}`,
): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => [name(i), 0, at]);
  await tx.insertNew("people", ["display_name", "is_me", "created_at"], rows);
}
