/**
 * The user's own say over a person's tier: pin (always in the IRL group), snooze (a quiet
 * tie is not called dormant or due until then), or a tier of their choosing. Stored apart
 * from computed ties, so recomputation never overwrites them.
 *
 * @example
 * await setFlags(store.conn, 12, { pinned: true });
 * await setFlags(store.conn, 12, { snoozedUntil: Date.now() + 30 * DAY });
 */
import type { SqlExecutor } from "./connection.js";

export interface FlagChange {
  pinned?: boolean;
  /** null clears the snooze. */
  snoozedUntil?: number | null;
  /** null goes back to the computed tier. */
  tier?: string | null;
}

export async function setFlags(tx: SqlExecutor, person: number, change: FlagChange): Promise<void> {
  await tx.run(
    `INSERT INTO person_flags (person_id, pinned, snoozed_until, tier, updated_at)
     VALUES (?, 0, NULL, NULL, ?) ON CONFLICT (person_id) DO NOTHING`,
    [person, Date.now()],
  );
  if (change.pinned !== undefined) {
    await tx.run("UPDATE person_flags SET pinned = ?, updated_at = ? WHERE person_id = ?", [
      change.pinned ? 1 : 0,
      Date.now(),
      person,
    ]);
  }
  if (change.snoozedUntil !== undefined) {
    await tx.run("UPDATE person_flags SET snoozed_until = ?, updated_at = ? WHERE person_id = ?", [
      change.snoozedUntil,
      Date.now(),
      person,
    ]);
  }
  if (change.tier !== undefined) {
    await tx.run("UPDATE person_flags SET tier = ?, updated_at = ? WHERE person_id = ?", [
      change.tier,
      Date.now(),
      person,
    ]);
  }
}
