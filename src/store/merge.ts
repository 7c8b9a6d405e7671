/**
 * Merging two people into one, and the log that explains it. Every merge — made by the user,
 * by automatic resolution, or by an import that saw two known identities stated together —
 * moves all rows of the merged person to the kept one and writes a `merges` row with the
 * reasons and the identities that came along, so `irl person` can say why and `irl split` can
 * undo it.
 *
 * @example
 * await store.conn.transaction((tx) =>
 *   mergePeople(tx, 4, 9, { method: "user", reasons: ["merged by you"] }),
 * );
 */
import { IrlError } from "../errors.js";
import type { SqlExecutor } from "./connection.js";

export interface MergeWhy {
  method: "user" | "auto" | "import";
  probability?: number;
  reasons: string[];
}

/**
 * Merge person `from` into person `into` and log why. Refuses (IrlError) when the user said
 * the two are different people; `force` (the user merging by hand) overrides and removes
 * that rule.
 */
export async function mergePeople(
  tx: SqlExecutor,
  into: number,
  from: number,
  why: MergeWhy,
  force = false,
): Promise<void> {
  if (into === from) return;
  if (await declaredDifferent(tx, into, from)) {
    if (!force) {
      throw new IrlError("conflict", `#${into} and #${from} were marked as different people`);
    }
    await tx.run(
      `DELETE FROM identity_rules WHERE kind = 'different' AND (
         (identity_a IN (SELECT id FROM identities WHERE person_id = ?)
          AND identity_b IN (SELECT id FROM identities WHERE person_id = ?))
         OR (identity_a IN (SELECT id FROM identities WHERE person_id = ?)
          AND identity_b IN (SELECT id FROM identities WHERE person_id = ?)))`,
      [into, from, from, into],
    );
  }
  const named = await tx.all<{ display_name: string }>(
    "SELECT display_name FROM people WHERE id = ?",
    [from],
  );
  const moved = await tx.all<{ id: number }>(
    "SELECT id FROM identities WHERE person_id = ? ORDER BY id",
    [from],
  );
  await tx.run(
    `INSERT INTO merges (into_person_id, from_person_id, from_name, method, probability, reasons,
       identity_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      into,
      from,
      named[0]?.display_name ?? `#${from}`,
      why.method,
      why.probability ?? null,
      JSON.stringify(why.reasons),
      JSON.stringify(moved.map((m) => Number(m.id))),
      Date.now(),
    ],
  );
  await mergeInto(tx, into, from);
  // A nickname or handle gives way to a full name that came with the merged person.
  const fromName = named[0]?.display_name ?? "";
  const kept = await tx.all<{ display_name: string; is_me: number }>(
    "SELECT display_name, is_me FROM people WHERE id = ?",
    [into],
  );
  const keptName = kept[0]?.display_name ?? "";
  if (Number(kept[0]?.is_me) !== 1 && words(keptName) < 2 && words(fromName) >= 2) {
    await tx.run("UPDATE people SET display_name = ? WHERE id = ?", [fromName, into]);
  }
}

function words(name: string): number {
  return name.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !/\d{4,}/.test(w)).length;
}

/**
 * Several merges in one go (a resolution pass, accepting every pair for review): remembers
 * where each merged person went, so later pairs that name them find the person they are now.
 * The older person (lower id) is always the one kept.
 */
export class MergeTrail {
  private readonly into = new Map<number, number>();

  /** The person `id` is now (itself, unless it was merged in this go). */
  current(id: number): number {
    let p = id;
    while (this.into.has(p)) p = this.into.get(p) as number;
    return p;
  }

  /** Merge the people `a` and `b` are now; returns the one kept. */
  async merge(tx: SqlExecutor, a: number, b: number, why: MergeWhy, force = false) {
    const [x, y] = [this.current(a), this.current(b)];
    const [keep, gone] = x < y ? [x, y] : [y, x];
    await mergePeople(tx, keep, gone, why, force);
    this.into.set(gone, keep);
    return keep;
  }
}

/**
 * Record that `a` and `b` are different people (the user dismissed a candidate pair): every
 * identity of one against every identity of the other, names aside. Returns rules added.
 */
export async function markDifferent(tx: SqlExecutor, a: number, b: number): Promise<number> {
  await tx.run(
    "DELETE FROM dupe_candidates WHERE (person_a = ? AND person_b = ?) OR (person_a = ? AND person_b = ?)",
    [a, b, b, a],
  );
  return tx.run(
    `INSERT INTO identity_rules (kind, identity_a, identity_b, created_at)
     SELECT 'different', x.id, y.id, ? FROM identities x, identities y
     WHERE x.person_id = ? AND y.person_id = ? AND x.kind <> 'name' AND y.kind <> 'name'
     ON CONFLICT DO NOTHING`,
    [Date.now(), a, b],
  );
}

/** True when a rule says some identity of `a` and some identity of `b` are different people. */
export async function declaredDifferent(tx: SqlExecutor, a: number, b: number): Promise<boolean> {
  const rows = await tx.all<{ n: number }>(
    `SELECT count(*) AS n FROM identity_rules r
       JOIN identities x ON x.id = r.identity_a
       JOIN identities y ON y.id = r.identity_b
     WHERE r.kind = 'different'
       AND ((x.person_id = ? AND y.person_id = ?) OR (x.person_id = ? AND y.person_id = ?))`,
    [a, b, b, a],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Move everything of person `from` to person `into`, then delete `from`. No log. */
export async function mergeInto(tx: SqlExecutor, into: number, from: number): Promise<void> {
  // Names `into` already has would collide: point the rows that came through them at
  // `into`'s copy, then drop them. (Keyed identities are unique by key and never collide; a
  // claimed and a verified copy of one address both stay.)
  const twins = `SELECT d.id AS dup, o.id AS keep FROM identities d JOIN identities o
     ON o.person_id = ? AND o.kind = d.kind AND o.value = d.value AND o.key IS NULL
     WHERE d.person_id = ? AND d.key IS NULL`;
  for (const t of await tx.all<{ dup: number; keep: number }>(twins, [into, from])) {
    await repointIdentity(tx, Number(t.dup), Number(t.keep));
  }
  await tx.run(
    `DELETE FROM identities WHERE person_id = ? AND key IS NULL AND EXISTS (
       SELECT 1 FROM identities o WHERE o.person_id = ? AND o.kind = identities.kind
       AND o.value = identities.value AND o.key IS NULL)`,
    [from, into],
  );
  await tx.run("UPDATE identities SET person_id = ? WHERE person_id = ?", [into, from]);
  await tx.run("UPDATE interactions SET from_person_id = ? WHERE from_person_id = ?", [into, from]);
  await tx.run("UPDATE interactions SET to_person_id = ? WHERE to_person_id = ?", [into, from]);
  await tx.run("UPDATE content SET person_id = ? WHERE person_id = ?", [into, from]);
  await tx.run("UPDATE asks SET person_id = ? WHERE person_id = ?", [into, from]);
  await tx.run("UPDATE attendance SET person_id = ? WHERE person_id = ?", [into, from]);
  await tx.run("UPDATE contacts SET person_id = ? WHERE person_id = ?", [into, from]);
  await tx.run(
    `DELETE FROM details WHERE person_id = ? AND EXISTS (
       SELECT 1 FROM details o WHERE o.person_id = ? AND o.field = details.field
       AND o.value = details.value)`,
    [from, into],
  );
  await tx.run("UPDATE details SET person_id = ? WHERE person_id = ?", [into, from]);
  // The user's notes (0012_notes) follow the person.
  await tx.run("UPDATE notes SET person_id = ? WHERE person_id = ?", [into, from]);
  // The user's flags: the kept person's win; otherwise the merged person's move over.
  await tx.run(
    `UPDATE person_flags SET person_id = ? WHERE person_id = ?
       AND NOT EXISTS (SELECT 1 FROM person_flags o WHERE o.person_id = ?)`,
    [into, from, into],
  );
  // A candidate pair of the two merged people is settled; others now concern `into`.
  await tx.run(
    `DELETE FROM dupe_candidates WHERE (person_a = ? AND person_b = ?) OR (person_a = ? AND person_b = ?)`,
    [into, from, from, into],
  );
  await tx.run("DELETE FROM dupe_candidates WHERE person_a = ? OR person_b = ?", [from, from]);
  await tx.run("UPDATE merges SET into_person_id = ? WHERE into_person_id = ?", [into, from]);
  await tx.run("DELETE FROM people WHERE id = ?", [from]);
}

/** Rows that came through identity `from` now count as having come through `to`. */
async function repointIdentity(tx: SqlExecutor, from: number, to: number): Promise<void> {
  await tx.run("UPDATE interactions SET from_identity_id = ? WHERE from_identity_id = ?", [
    to,
    from,
  ]);
  await tx.run("UPDATE interactions SET to_identity_id = ? WHERE to_identity_id = ?", [to, from]);
  for (const table of ["content", "contacts", "attendance"]) {
    await tx.run(`UPDATE ${table} SET identity_id = ? WHERE identity_id = ?`, [to, from]);
  }
  for (const [side, other] of [
    ["identity_a", "identity_b"],
    ["identity_b", "identity_a"],
  ] as const) {
    // A rule `to` already has would become a duplicate: drop the copy first.
    await tx.run(
      `DELETE FROM identity_rules WHERE ${side} = ? AND EXISTS (SELECT 1 FROM identity_rules o
         WHERE o.kind = identity_rules.kind AND o.${side} = ? AND o.${other} = identity_rules.${other})`,
      [from, to],
    );
    await tx.run(`UPDATE identity_rules SET ${side} = ? WHERE ${side} = ?`, [to, from]);
  }
}
