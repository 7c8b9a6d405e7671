/**
 * Monthly interaction counts for a handful of people (a page of the people list), for their
 * activity sparklines: one indexed range read per person and direction, counted in the
 * database, so a page costs the same at 100 or 100,000 people.
 *
 * @example
 * const counts = await monthlyActivity(store, [12, 40], { now: Date.now(), months: 12 });
 * counts.get(12); // [0, 0, 3, 1, 0, 0, 0, 2, 5, 0, 1, 4]  (oldest month first)
 */
import type { Store } from "./store.js";

/** An average month, a whole number of milliseconds. */
const MONTH_MS = 2_630_016_000;

export async function monthlyActivity(
  store: Store,
  people: readonly number[],
  options: { now: number; months: number },
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (people.length === 0) return out;
  const since = Math.floor(options.now - options.months * MONTH_MS);
  const marks = people.map(() => "?").join(", ");
  const bucket = `CAST(FLOOR((occurred_at - ?) / ${MONTH_MS}) AS INTEGER)`;
  const rows = await store.conn.all<{ person: number; b: number; n: number }>(
    `SELECT person, b, count(*) AS n FROM (
       SELECT from_person_id AS person, ${bucket} AS b FROM interactions
         WHERE from_person_id IN (${marks}) AND occurred_at >= ? AND occurred_at <= ?
       UNION ALL
       SELECT to_person_id AS person, ${bucket} AS b FROM interactions
         WHERE to_person_id IN (${marks}) AND occurred_at >= ? AND occurred_at <= ?
     ) x GROUP BY person, b`,
    [since, ...people, since, options.now, since, ...people, since, options.now],
  );
  for (const p of people) out.set(p, new Array(options.months).fill(0));
  for (const r of rows) {
    const list = out.get(Number(r.person));
    const b = Math.min(options.months - 1, Math.max(0, Number(r.b)));
    if (list) list[b] = (list[b] ?? 0) + Number(r.n);
  }
  return out;
}
