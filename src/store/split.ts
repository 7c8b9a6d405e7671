/**
 * Splitting a person: some of their identities were someone else's. The identities move to
 * a new person together with every row that came through them (interactions, content,
 * contacts, attendance remember the identity they were resolved by), and a rule records that
 * the two are different people, so neither a re-import nor automatic resolution joins them
 * again.
 *
 * @example
 * const { person } = await store.conn.transaction((tx) => splitPerson(tx, 4, [17, 18]));
 */
import { IrlError } from "../errors.js";
import type { SqlExecutor } from "./connection.js";
import { recomputeDirections } from "./store.js";

/** Identity pairs recorded per split at most (moved × kept); enough to stop any re-merge. */
const RULES_MAX = 2_500;

export interface SplitResult {
  /** The new person the identities now belong to. */
  person: number;
  name: string;
  moved: { identities: number; interactions: number; content: number; contacts: number };
}

export async function splitPerson(
  tx: SqlExecutor,
  personId: number,
  identityIds: number[],
): Promise<SplitResult> {
  const all = await tx.all<{ id: number; kind: string; display: string }>(
    "SELECT id, kind, display FROM identities WHERE person_id = ? ORDER BY id",
    [personId],
  );
  const ids = new Set(identityIds);
  const moving = all.filter((i) => ids.has(Number(i.id)));
  const staying = all.filter((i) => !ids.has(Number(i.id)));
  const missing = identityIds.filter((id) => !all.some((i) => Number(i.id) === id));
  if (missing.length > 0) {
    throw new IrlError("usage", `identity ${missing.join(", ")} is not one of #${personId}'s`);
  }
  if (moving.length === 0) throw new IrlError("usage", "name at least one identity to split off");
  if (!staying.some((i) => i.kind !== "name")) {
    throw new IrlError(
      "usage",
      `#${personId} would keep no e-mail, site, handle or profile: split the others off instead`,
    );
  }
  const name = (moving.find((i) => i.kind === "name") ?? moving[0])?.display ?? "someone";
  const made = await tx.all<{ id: number }>(
    "INSERT INTO people (display_name, is_me, created_at) VALUES (?, 0, ?) RETURNING id",
    [name, Date.now()],
  );
  const person = Number((made[0] as { id: number }).id);
  const list = moving.map((i) => Number(i.id));
  const marks = list.map(() => "?").join(", ");
  const moved = {
    identities: await tx.run(`UPDATE identities SET person_id = ? WHERE id IN (${marks})`, [
      person,
      ...list,
    ]),
    interactions:
      (await tx.run(
        `UPDATE interactions SET from_person_id = ? WHERE from_person_id = ? AND from_identity_id IN (${marks})`,
        [person, personId, ...list],
      )) +
      (await tx.run(
        `UPDATE interactions SET to_person_id = ? WHERE to_person_id = ? AND to_identity_id IN (${marks})`,
        [person, personId, ...list],
      )),
    content: await tx.run(
      `UPDATE content SET person_id = ? WHERE person_id = ? AND identity_id IN (${marks})`,
      [person, personId, ...list],
    ),
    contacts: await tx.run(
      `UPDATE contacts SET person_id = ? WHERE person_id = ? AND identity_id IN (${marks})`,
      [person, personId, ...list],
    ),
  };
  await tx.run(
    `UPDATE attendance SET person_id = ? WHERE person_id = ? AND identity_id IN (${marks})`,
    [person, personId, ...list],
  );
  let rules = 0;
  for (const a of moving) {
    for (const b of staying) {
      if (b.kind === "name" || a.kind === "name" || rules >= RULES_MAX) continue;
      await tx.run(
        `INSERT INTO identity_rules (kind, identity_a, identity_b, created_at)
         VALUES ('different', ?, ?, ?) ON CONFLICT DO NOTHING`,
        [a.id, b.id, Date.now()],
      );
      rules++;
    }
  }
  // The merges whose identities all left are undone: drop them from the log.
  const merges = await tx.all<{ id: number; identity_ids: string }>(
    "SELECT id, identity_ids FROM merges WHERE into_person_id = ?",
    [personId],
  );
  for (const m of merges) {
    const mergedIds = JSON.parse(m.identity_ids) as number[];
    if (mergedIds.length > 0 && mergedIds.every((id) => ids.has(id))) {
      await tx.run("DELETE FROM merges WHERE id = ?", [m.id]);
    }
  }
  // The kept person should not go on under a name that left.
  const keptName = staying.find((i) => i.kind === "name")?.display;
  if (keptName) {
    await tx.run("UPDATE people SET display_name = ? WHERE id = ? AND display_name = ?", [
      keptName,
      personId,
      name,
    ]);
  }
  const me = await tx.all<{ is_me: number }>("SELECT is_me FROM people WHERE id = ?", [personId]);
  if (Number(me[0]?.is_me) === 1) await recomputeDirections(tx, personId);
  return { person, name, moved };
}

/** The identities that came with the most recent merge into a person (what `split` undoes). */
export async function lastMerge(
  tx: SqlExecutor,
  personId: number,
): Promise<{ name: string; identityIds: number[] } | undefined> {
  const rows = await tx.all<{ from_name: string; identity_ids: string }>(
    "SELECT from_name, identity_ids FROM merges WHERE into_person_id = ? ORDER BY id DESC",
    [personId],
  );
  for (const row of rows) {
    const ids = JSON.parse(row.identity_ids) as number[];
    const present = await tx.all<{ id: number }>(
      `SELECT id FROM identities WHERE person_id = ? AND id IN (${ids.map(() => "?").join(", ") || "NULL"})`,
      [personId, ...ids],
    );
    if (present.length > 0) {
      return { name: row.from_name, identityIds: present.map((p) => Number(p.id)) };
    }
  }
  return undefined;
}
