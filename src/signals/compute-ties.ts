/**
 * Tie strength and tier for everyone in the store, written to the `ties` table: the user's
 * interactions with each person, in time order, go through a `TieAccumulator`, together
 * with what else the store knows (cards and connections, shared events, when the person was
 * last active anywhere, how much of each one's recent attention the tie holds, the user's pin,
 * snooze or tier). One sequential pass over the interactions feeds it all (see my-events.ts);
 * the replies the user owes are found on the way and written to `owed`.
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
import { LinkCollector, writeLinks } from "./graph/compute-links.js";
import { type MyEvent, scanInteractions } from "./my-events.js";
import { TieAccumulator, WEEK_HALF_LIFE_DAYS } from "./strength.js";
import { assignTier, summarizeTiers, type Tier, type TierOverride } from "./tiers.js";

const DAY = 86_400_000;
/** How far back an unanswered message still counts as a reply owed. */
export const OWED_WINDOW_DAYS = 60;
/** Kinds of act that ask for an answer. */
const ANSWERABLE = new Set(["comment", "message", "reply", "mention", "dm"]);
const OWED_COLUMNS = [
  "person_id",
  "interaction_id",
  "channel",
  "kind",
  "thread_id",
  "at",
  "waiting",
] as const;
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
  "events",
  "observed",
  "channels",
  "first_at",
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
  // Recent activity (7-day half-life, every act counts 1): the user's, and each person's with
  // anyone — so a tie's share of both people's attention can be judged.
  const weight = (at: number) => (at > now ? 0 : 0.5 ** ((now - at) / (WEEK_HALF_LIFE_DAYS * DAY)));
  // Links between other people are gathered on the same pass (graph/compute-links.ts).
  const links = new LinkCollector(me, now);
  const file = store.dialect === "sqlite" && store.location !== ":memory:" ? store.location : "";
  const scan = await scanInteractions(conn, me, {
    weight,
    observed: links.observe,
    ...(file ? { file } : {}),
  });
  const context = await loadContext(conn, me, scan.lastActive);
  const otherRecent = scan.observedRecent;
  const owed = new OwedTracker(now - OWED_WINDOW_DAYS * DAY);
  const ties = new Map<number, TieAccumulator>();
  let myRecentTotal = 0;
  scan.forEachPerson((person, events) => {
    const tie = new TieAccumulator();
    let recent = 0;
    for (let k = 0; k < events.length; k++) {
      const e = events.get(k);
      recent += weight(e.at);
      tie.add(e);
      owed.add(e);
    }
    myRecentTotal += recent;
    if (recent > 1e-6) otherRecent.set(person, (otherRecent.get(person) ?? 0) + recent);
    ties.set(person, tie);
  });
  const ids = (
    await conn.all<{ id: number }>("SELECT id FROM people WHERE is_me = 0 ORDER BY id")
  ).map((r) => Number(r.id));
  const rows: unknown[][] = [];
  const assigned: { tier: Tier }[] = [];
  for (const person of ids) {
    const tie = (ties.get(person) ?? new TieAccumulator()).finish(now, {
      otherLastActiveAt: context.lastActive.get(person),
      contactKinds: context.contacts.get(person),
      sharedEvents: context.sharedEvents.get(person) ?? 0,
      myRecentTotal,
      otherRecentTotal: otherRecent.get(person) ?? 0,
    });
    ties.delete(person);
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
      tie.features.events,
      scan.observedCount.get(person) ?? 0,
      tie.features.channels.join(","),
      tie.features.firstAt ?? null,
    ]);
  }
  await conn.transaction(async (tx) => {
    await tx.run("DELETE FROM ties");
    await tx.insertNew("ties", COLUMNS, rows);
    await tx.run("DELETE FROM owed");
    const open = owed.open();
    await tx.insertNew("owed", OWED_COLUMNS, open);
  });
  await writeLinks(conn, links, { recent: otherRecent, lastActive: context.lastActive });
  const counts: Record<string, number> = {};
  for (const a of assigned) counts[a.tier] = (counts[a.tier] ?? 0) + 1;
  return { people: ids.length, counts, summary: summarizeTiers(assigned, "contacts") };
}

/** Recompute when the table is empty for a non-empty graph, or older than `TIES_MAX_AGE`. */
export async function ensureTies(store: Store, at?: number): Promise<void> {
  const now = at ?? (await graphNow(store));
  // Three single-aggregate reads: SQLite answers a lone min() from the index at once.
  const counted = await store.conn.all<{ n: number }>("SELECT count(*) AS n FROM ties");
  const first = await store.conn.all<{ oldest: number | null }>(
    "SELECT min(computed_at) AS oldest FROM ties",
  );
  const people = await store.conn.all<{ n: number }>(
    "SELECT count(*) AS n FROM people WHERE is_me = 0",
  );
  const n = Number(counted[0]?.n ?? 0);
  const oldest = first[0]?.oldest == null ? 0 : Number(first[0]?.oldest);
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

async function loadContext(
  conn: SqlExecutor,
  me: number,
  lastActive: Map<number, number>,
): Promise<Context> {
  const bump = (person: number, at: number) => {
    if (at > (lastActive.get(person) ?? Number.NEGATIVE_INFINITY)) lastActive.set(person, at);
  };
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

/**
 * Replies owed, followed in time order: per person and place (thread, or channel), their
 * latest answerable message since `since`, cleared by a message of mine to them there.
 */
class OwedTracker {
  private readonly entries = new Map<string, unknown[]>();

  constructor(private readonly since: number) {}

  add(e: MyEvent): void {
    if (e.at < this.since) return;
    const key = `${e.threadId ?? e.channel}|${e.other}`;
    if (e.direction === "outbound" || e.direction === "mutual") {
      this.entries.delete(key);
      return;
    }
    if (e.direction !== "inbound" || !e.approved || !ANSWERABLE.has(e.kind)) return;
    const waiting = ((this.entries.get(key)?.[6] as number | undefined) ?? 0) + 1;
    this.entries.set(key, [e.other, e.id, e.channel, e.kind, e.threadId, e.at, waiting]);
  }

  open(): unknown[][] {
    return [...this.entries.values()];
  }
}
