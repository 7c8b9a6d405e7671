/**
 * Forgetting a person: every trace goes — the person, their identities, their interactions
 * (both ways), what they wrote, their cards and attendance, what sources said about them,
 * review candidates and merge-log rows naming them, problem reports quoting them, threads
 * and events that only existed through them. What stays is a one-way hash of each identity
 * key, so re-importing an old export keeps them out and says so (a counted "forgotten" skip)
 * instead of silently bringing them back.
 *
 * On SQLite the deletes run with `secure_delete` (freed pages are zeroed) and the WAL is
 * checkpointed and truncated afterwards, so the file itself no longer holds their data.
 *
 * @example
 * const gone = await forgetPerson(store, 12);
 * console.log(`${gone.name}: ${gone.interactions} interactions removed`);
 */
import { IrlError } from "../errors.js";
import { forgottenHash } from "../identity/forgotten.js";
import type { SqlExecutor } from "./connection.js";
import type { Store } from "./store.js";

export interface ForgetResult {
  name: string;
  identities: number;
  interactions: number;
  content: number;
  contacts: number;
}

export async function forgetPerson(store: Store, personId: number): Promise<ForgetResult> {
  if (store.dialect === "sqlite") await store.conn.all("PRAGMA secure_delete = ON");
  try {
    const result = await store.conn.transaction((tx) => forgetIn(tx, personId));
    if (store.dialect === "sqlite") await store.conn.all("PRAGMA wal_checkpoint(TRUNCATE)");
    return result;
  } finally {
    if (store.dialect === "sqlite") await store.conn.all("PRAGMA secure_delete = OFF");
  }
}

async function forgetIn(tx: SqlExecutor, personId: number): Promise<ForgetResult> {
  const people = await tx.all<{ display_name: string; is_me: number }>(
    "SELECT display_name, is_me FROM people WHERE id = ?",
    [personId],
  );
  const person = people[0];
  if (!person) throw new IrlError("not_found", `no person #${personId}`);
  if (Number(person.is_me) === 1) {
    throw new IrlError("usage", "irl cannot forget you; remove the database file instead");
  }
  const identities = await tx.all<{ key: string | null; value: string; display: string }>(
    "SELECT key, value, display FROM identities WHERE person_id = ?",
    [personId],
  );
  for (const i of identities) {
    if (!i.key) continue;
    await tx.run(
      "INSERT INTO forgotten (key_hash, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
      [forgottenHash(i.key), Date.now()],
    );
  }
  const traces = [person.display_name, ...identities.flatMap((i) => [i.value, i.display])].filter(
    (t) => t.trim().length >= 3,
  );

  const threads = await tx.all<{ thread_id: number }>(
    `SELECT DISTINCT thread_id FROM interactions
     WHERE (from_person_id = ? OR to_person_id = ?) AND thread_id IS NOT NULL`,
    [personId, personId],
  );
  const events = await tx.all<{ event_id: number }>(
    "SELECT DISTINCT event_id FROM attendance WHERE person_id = ?",
    [personId],
  );
  const interactions = await tx.run(
    "DELETE FROM interactions WHERE from_person_id = ? OR to_person_id = ?",
    [personId, personId],
  );
  const content = await tx.run("DELETE FROM content WHERE person_id = ?", [personId]);
  const contacts = await tx.run("DELETE FROM contacts WHERE person_id = ?", [personId]);
  await tx.run("DELETE FROM attendance WHERE person_id = ?", [personId]);
  await tx.run("DELETE FROM details WHERE person_id = ?", [personId]);
  await tx.run("DELETE FROM person_flags WHERE person_id = ?", [personId]);
  await tx.run("DELETE FROM dupe_candidates WHERE person_a = ? OR person_b = ?", [
    personId,
    personId,
  ]);
  await tx.run("DELETE FROM merges WHERE into_person_id = ? OR from_person_id = ?", [
    personId,
    personId,
  ]);
  const ids = await tx.all<{ id: number }>("SELECT id FROM identities WHERE person_id = ?", [
    personId,
  ]);
  for (const { id } of ids) {
    await tx.run("DELETE FROM identity_rules WHERE identity_a = ? OR identity_b = ?", [id, id]);
  }
  const removedIdentities = await tx.run("DELETE FROM identities WHERE person_id = ?", [personId]);
  await tx.run("DELETE FROM people WHERE id = ?", [personId]);

  // A thread (an e-mail subject) or an event ("Coffee with …") that only existed through them.
  for (const { thread_id } of threads) {
    await tx.run(
      `DELETE FROM threads WHERE id = ? AND NOT EXISTS (
         SELECT 1 FROM interactions WHERE thread_id = ?)`,
      [thread_id, thread_id],
    );
  }
  for (const { event_id } of events) {
    await tx.run(
      `DELETE FROM events WHERE id = ? AND NOT EXISTS (
         SELECT 1 FROM attendance a JOIN people p ON p.id = a.person_id
         WHERE a.event_id = ? AND p.is_me = 0)`,
      [event_id, event_id],
    );
  }
  await scrubProblems(tx, traces);
  return {
    name: person.display_name,
    identities: removedIdentities,
    interactions,
    content,
    contacts,
  };
}

/** Problem reports in the import log may quote them (a skipped record's description). */
async function scrubProblems(tx: SqlExecutor, traces: string[]): Promise<void> {
  if (traces.length === 0) return;
  const lowered = traces.map((t) => t.toLowerCase());
  const rows = await tx.all<{ id: number; problems: string }>("SELECT id, problems FROM imports");
  for (const row of rows) {
    const problems = JSON.parse(row.problems) as unknown[];
    const kept = problems.filter((p) => {
      const text = JSON.stringify(p).toLowerCase();
      return !lowered.some((t) => text.includes(t));
    });
    if (kept.length !== problems.length) {
      await tx.run("UPDATE imports SET problems = ? WHERE id = ?", [JSON.stringify(kept), row.id]);
    }
  }
}
