/**
 * Tie strength and tier for everyone in the store, written to the `ties` table: the user's
 * interactions with each person, in time order, go through a `TieAccumulator`, together
 * with what else the store knows (cards and connections, shared events, when the person was
 * last active anywhere, the user's pin, snooze or tier). People are read in id ranges, so
 * memory stays bounded on graphs of millions of interactions.
 *
 * Recomputed after every import and every correction; reads (`irl people`, `irl due`) use
 * the table, and recompute first when it is older than a day (decay moves on).
 *
 * @example
 * const { summary } = await computeTies(store);
 * console.log(summary); // "of your 812 contacts, 37 are real relationships; 9 of them are dormant"
 */
import type { SqlExecutor } from "../store/connection.js";
import type { Store } from "../store/store.js";
import { TieAccumulator, type TieDirection } from "./strength.js";
import { assignTier, summarizeTiers, type Tier, type TierOverride } from "./tiers.js";

/** People per range query. */
const RANGE = 2_000;
/** Ties older than this are recomputed before they are read. */
export const TIES_MAX_AGE = 24 * 3_600_000;

const COLUMNS = [
  "person_id",
  "score",
  "tier",
  "tier_reason",
  "reasons",
  "last_at",
  "dialog_in",
  "dialog_out",
  "last_in_at",
  "last_out_at",
  "computed_at",
] as const;

export interface TiesResult {
  people: number;
  counts: Record<string, number>;
  /** "of your 812 contacts, 37 are real relationships; 9 of them are dormant". */
  summary: string;
}

/**
 * "Today" for this graph: the clock, unless the graph was built for a fixed day (the demo's
 * sample world lives on its reference date, kept in meta `fixed_now`).
 */
export async function graphNow(store: Store): Promise<number> {
  const rows = await store.conn.all<{ value: string }>(
    "SELECT value FROM meta WHERE key = 'fixed_now'",
  );
  return rows[0] ? Number(rows[0].value) : Date.now();
}

export async function computeTies(store: Store, at?: number): Promise<TiesResult> {
  const now = at ?? (await graphNow(store));
  const conn = store.conn;
  const meRows = await conn.all<{ id: number }>("SELECT id FROM people WHERE is_me = 1");
  const me = Number(meRows[0]?.id ?? -1);
  const context = await loadContext(conn, me);
  const ids = (
    await conn.all<{ id: number }>("SELECT id FROM people WHERE is_me = 0 ORDER BY id")
  ).map((r) => Number(r.id));
  const rows: unknown[][] = [];
  const assigned: { tier: Tier }[] = [];
  for (let i = 0; i < ids.length; i += RANGE) {
    const lo = ids[i] as number;
    const hi = ids[Math.min(i + RANGE, ids.length) - 1] as number;
    const events = await conn.all<{
      other: number;
      at: number;
      direction: TieDirection;
      channel: string;
      kind: string;
      size: number;
    }>(
      `SELECT CASE WHEN from_person_id = ? THEN to_person_id ELSE from_person_id END AS other,
         occurred_at AS at, direction, channel, kind, size FROM interactions
       WHERE (from_person_id = ? AND to_person_id BETWEEN ? AND ?)
          OR (to_person_id = ? AND from_person_id BETWEEN ? AND ?)
       ORDER BY other, occurred_at`,
      [me, me, lo, hi, me, lo, hi],
    );
    const ties = new Map<number, TieAccumulator>();
    for (const e of events) {
      const other = Number(e.other);
      let tie = ties.get(other);
      if (!tie) {
        tie = new TieAccumulator();
        ties.set(other, tie);
      }
      tie.add({
        at: Number(e.at),
        direction: e.direction,
        channel: e.channel,
        kind: e.kind,
        size: Number(e.size),
      });
    }
    for (let k = i; k < Math.min(i + RANGE, ids.length); k++) {
      const person = ids[k] as number;
      const tie = (ties.get(person) ?? new TieAccumulator()).finish(now, {
        otherLastActiveAt: context.lastActive.get(person),
        contactKinds: context.contacts.get(person),
        sharedEvents: context.sharedEvents.get(person) ?? 0,
      });
      const { tier, reason } = assignTier(tie, context.flags.get(person), now);
      assigned.push({ tier });
      rows.push([
        person,
        tie.score,
        tier,
        reason,
        JSON.stringify(tie.reasons),
        tie.features.lastAt ?? null,
        tie.features.dialogIn,
        tie.features.dialogOut,
        tie.features.lastInboundAt ?? null,
        tie.features.lastOutboundAt ?? null,
        now,
      ]);
    }
  }
  await conn.transaction(async (tx) => {
    await tx.run("DELETE FROM ties");
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insertNew("ties", COLUMNS, rows.slice(i, i + 1000));
    }
  });
  const counts: Record<string, number> = {};
  for (const a of assigned) counts[a.tier] = (counts[a.tier] ?? 0) + 1;
  return { people: ids.length, counts, summary: summarizeTiers(assigned, "contacts") };
}

/** Recompute when the table is empty for a non-empty graph, or older than `TIES_MAX_AGE`. */
export async function ensureTies(store: Store, at?: number): Promise<void> {
  const now = at ?? (await graphNow(store));
  const rows = await store.conn.all<{ n: number; oldest: number | null }>(
    "SELECT count(*) AS n, min(computed_at) AS oldest FROM ties",
  );
  const people = await store.conn.all<{ n: number }>(
    "SELECT count(*) AS n FROM people WHERE is_me = 0",
  );
  const n = Number(rows[0]?.n ?? 0);
  const oldest = rows[0]?.oldest === null ? 0 : Number(rows[0]?.oldest ?? 0);
  if (n !== Number(people[0]?.n ?? 0) || now - oldest > TIES_MAX_AGE) {
    await computeTies(store, now);
  }
}

interface Context {
  lastActive: Map<number, number>;
  contacts: Map<number, string[]>;
  sharedEvents: Map<number, number>;
  flags: Map<number, TierOverride>;
}

async function loadContext(conn: SqlExecutor, me: number): Promise<Context> {
  const lastActive = new Map<number, number>();
  const bump = (person: number, at: number) => {
    if (at > (lastActive.get(person) ?? Number.NEGATIVE_INFINITY)) lastActive.set(person, at);
  };
  for (const r of await conn.all<{ person: number; at: number }>(
    "SELECT from_person_id AS person, max(occurred_at) AS at FROM interactions GROUP BY from_person_id",
  )) {
    bump(Number(r.person), Number(r.at));
  }
  for (const r of await conn.all<{ person: number; at: number | null }>(
    "SELECT person_id AS person, max(published_at) AS at FROM content GROUP BY person_id",
  )) {
    if (r.at !== null) bump(Number(r.person), Number(r.at));
  }
  const contacts = new Map<number, string[]>();
  for (const r of await conn.all<{ person_id: number; kind: string }>(
    "SELECT DISTINCT person_id, kind FROM contacts",
  )) {
    const list = contacts.get(Number(r.person_id)) ?? [];
    list.push(r.kind);
    contacts.set(Number(r.person_id), list);
  }
  const sharedEvents = new Map<number, number>();
  for (const r of await conn.all<{ person_id: number; n: number }>(
    `SELECT a.person_id, count(DISTINCT a.event_id) AS n FROM attendance a
     JOIN attendance mine ON mine.event_id = a.event_id AND mine.person_id = ?
     WHERE a.person_id <> ? AND a.role <> 'declined' AND mine.role <> 'declined'
     GROUP BY a.person_id`,
    [me, me],
  )) {
    sharedEvents.set(Number(r.person_id), Number(r.n));
  }
  const flags = new Map<number, TierOverride>();
  for (const r of await conn.all<{
    person_id: number;
    pinned: number;
    snoozed_until: number | null;
    tier: string | null;
  }>("SELECT person_id, pinned, snoozed_until, tier FROM person_flags")) {
    const override: TierOverride = {};
    if (Number(r.pinned) === 1) override.pinned = true;
    if (r.snoozed_until !== null) override.snoozedUntil = Number(r.snoozed_until);
    if (r.tier) override.tier = r.tier as Tier;
    flags.set(Number(r.person_id), override);
  }
  return { lastActive, contacts, sharedEvents, flags };
}
