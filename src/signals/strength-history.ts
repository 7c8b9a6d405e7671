/**
 * A tie's strength month by month: the user's interactions with one person, fed in time order
 * through the same `TieAccumulator` that scores today's tie, scored at the end of each month.
 * The history leaves out what only the whole graph knows (each person's share of the other's
 * attention), so its last point can differ a little from today's score; the tie's cards and
 * connections are taken into account.
 *
 * @example
 * const points = await strengthHistory(store, 12, { now: Date.now(), months: 24 });
 * points.at(-1); // { month: "2026-11", at: 1795…, strength: 0.61, events: 3 }
 */
import type { Store } from "../store/store.js";
import { graphNow } from "./compute-ties.js";
import { TieAccumulator, type TieDirection } from "./strength.js";

export interface StrengthPoint {
  /** "2026-11". */
  month: string;
  /** The end of the month (or now, for the current month), when the score was taken. */
  at: number;
  strength: number;
  /** Interactions in that month. */
  events: number;
}

/** At most this many months back. */
export const HISTORY_MAX_MONTHS = 120;

export async function strengthHistory(
  store: Store,
  person: number,
  options: { now?: number; months?: number } = {},
): Promise<StrengthPoint[]> {
  const now = options.now ?? (await graphNow(store));
  const me = (await store.me())?.id;
  if (me === undefined || me === person) return [];
  const rows = await store.conn.all<{
    at: number;
    direction: string;
    channel: string;
    kind: string;
    size: number;
  }>(
    // Each half read from the person's side of the indexes (the user's side holds everything;
    // the unary + keeps the planner off the user's side).
    `SELECT occurred_at AS at, id, direction, channel, kind, size FROM interactions
       WHERE to_person_id = ? AND +from_person_id = ?
     UNION ALL
     SELECT occurred_at AS at, id, direction, channel, kind, size FROM interactions
       WHERE from_person_id = ? AND +to_person_id = ?
     ORDER BY 1, 2`,
    [person, me, person, me],
  );
  const contactKinds = (
    await store.conn.all<{ kind: string }>(
      "SELECT DISTINCT kind FROM contacts WHERE person_id = ?",
      [person],
    )
  ).map((r) => r.kind);
  const first = rows[0] ? Number(rows[0].at) : undefined;
  if (first === undefined || first > now) return [];
  const months = Math.min(options.months ?? HISTORY_MAX_MONTHS, HISTORY_MAX_MONTHS);
  const end = monthStart(now);
  let start = Math.max(monthStart(first), addMonths(end, -(months - 1)));
  const tie = new TieAccumulator();
  const points: StrengthPoint[] = [];
  let i = 0;
  while (start <= end) {
    const next = addMonths(start, 1);
    const until = Math.min(next, now + 1);
    let events = 0;
    for (; i < rows.length && Number((rows[i] as { at: number }).at) < until; i++) {
      const r = rows[i] as (typeof rows)[number];
      const at = Number(r.at);
      tie.add({
        at,
        direction: r.direction as TieDirection,
        channel: r.channel,
        kind: r.kind,
        size: Number(r.size),
      });
      if (at >= start) events++;
    }
    const at = Math.min(next - 1, now);
    const { score } = tie.finish(at, { contactKinds });
    points.push({
      month: new Date(start).toISOString().slice(0, 7),
      at,
      strength: Math.round(score * 1000) / 1000,
      events,
    });
    start = next;
  }
  return points;
}

function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
}
