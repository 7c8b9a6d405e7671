/**
 * Reading the computed ties: the people list (sorted, filtered, searched and paged in the
 * database, so 100,000 people list as fast as 100), one person's tie, and the tier counts the
 * quality-over-quantity summary is made from. `irl people`, `irl person` and the web app all
 * read through here.
 *
 * @example
 * await ensureTies(store);
 * const top = await listPeople(store, { sort: "strength", limit: 20 });
 * const summary = summarizeTiers(await tierCounts(store));
 */
import { sql } from "kysely";
import type { PersonSummary, Store } from "../store/store.js";
import { ensureTies } from "./compute-ties.js";
import { countTiers, type Tier } from "./tiers.js";

export type PeopleListSort = "strength" | "recent" | "name" | "interactions";

export interface TieView {
  strength: number;
  tier: Tier;
  why: string;
  reasons: string[];
}

export interface ListedPerson extends PersonSummary {
  strength: number;
  tier: Tier;
  tierReason: string;
  reasons: string[];
}

/** A listed person as `irl people --json` and the web API give it (times as ISO strings). */
export function listedPersonJson(p: ListedPerson) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: p.id,
    name: p.name,
    strength: Math.round(p.strength * 1000) / 1000,
    tier: p.tier,
    tierReason: p.tierReason,
    reasons: p.reasons,
    interactions: p.interactions,
    inbound: p.inbound,
    outbound: p.outbound,
    observed: p.observed,
    channels: p.channels,
    firstAt: iso(p.firstAt),
    lastAt: iso(p.lastAt),
  };
}

export interface PeopleQuery {
  tier?: Tier;
  sort: PeopleListSort;
  limit?: number;
  /** Rows to skip (for pages). */
  offset?: number;
  /** Part of a display name (case-insensitive). */
  search?: string;
}

/** One person's tie (recomputed first when stale), or undefined for the user. */
export async function tieOf(store: Store, person: number): Promise<TieView | undefined> {
  await ensureTies(store);
  const r = await store.db
    .selectFrom("ties")
    .selectAll()
    .where("person_id", "=", person)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    strength: Number(r.score),
    tier: r.tier as Tier,
    why: r.tier_reason,
    reasons: JSON.parse(r.reasons) as string[],
  };
}

function peopleBase(store: Store, query: Pick<PeopleQuery, "tier" | "search">) {
  let q = store.db.selectFrom("ties as t").innerJoin("people as p", "p.id", "t.person_id");
  if (query.tier) q = q.where("t.tier", "=", query.tier);
  const words = query.search
    ?.trim()
    .toLowerCase()
    .replace(/[%_\\]/g, "");
  if (words) q = q.where(sql<boolean>`lower(p.display_name) like ${`%${words}%`}`);
  return q;
}

/**
 * The people list straight from the `ties` table, as last computed (call `ensureTies` first
 * to have it fresh): sorting, filtering, searching and paging happen in the database.
 */
export async function listPeople(store: Store, query: PeopleQuery): Promise<ListedPerson[]> {
  // The order and the page first, on narrow rows (sorting 100,000 rows with their reasons
  // would spill); then the page's rows in full.
  let keys = peopleBase(store, query).select("t.person_id");
  keys =
    query.sort === "name"
      ? keys.orderBy("p.display_name").orderBy("p.id")
      : query.sort === "recent"
        ? keys.orderBy(sql`coalesce(t.last_at, -1)`, "desc").orderBy("p.display_name")
        : query.sort === "interactions"
          ? keys.orderBy("t.events", "desc").orderBy("p.display_name")
          : keys.orderBy("t.score", "desc").orderBy("p.display_name");
  if (query.limit) keys = keys.limit(query.limit);
  if (query.offset) keys = keys.offset(query.offset);
  const ids = (await keys.execute()).map((r) => Number(r.person_id));
  if (ids.length === 0) return [];
  const rows = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    rows.push(...(await fullRows(store, ids.slice(i, i + IDS_PER_QUERY))));
  }
  const at = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (at.get(Number(a.id)) ?? 0) - (at.get(Number(b.id)) ?? 0));
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    strength: Number(r.score),
    tier: r.tier as Tier,
    tierReason: r.tier_reason,
    reasons: JSON.parse(r.reasons) as string[],
    interactions: Number(r.events),
    inbound: Number(r.dialog_in),
    outbound: Number(r.dialog_out),
    observed: Number(r.observed),
    channels: r.channels ? r.channels.split(",").sort() : [],
    firstAt: r.first_at === null ? null : Number(r.first_at),
    lastAt: r.last_at === null ? null : Number(r.last_at),
  }));
}

/** Ids per `IN (…)` list: well under SQLite's and PostgreSQL's parameter limits. */
const IDS_PER_QUERY = 5000;

function fullRows(store: Store, ids: number[]) {
  return store.db
    .selectFrom("ties as t")
    .innerJoin("people as p", "p.id", "t.person_id")
    .select([
      "p.id",
      "p.display_name as name",
      "t.score",
      "t.tier",
      "t.tier_reason",
      "t.reasons",
      "t.events",
      "t.dialog_in",
      "t.dialog_out",
      "t.observed",
      "t.channels",
      "t.first_at",
      "t.last_at",
    ])
    .where("t.person_id", "in", ids)
    .execute();
}

/** How many people `listPeople` would list without a limit. */
export async function countPeople(
  store: Store,
  query: Pick<PeopleQuery, "tier" | "search">,
): Promise<number> {
  const row = await peopleBase(store, query)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One `{ tier }` per person, for `summarizeTiers`. */
export async function tierCounts(store: Store): Promise<{ tier: Tier }[]> {
  const rows = await store.db
    .selectFrom("ties")
    .select(["tier", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("tier")
    .execute();
  return rows.flatMap((r) => new Array(Number(r.n)).fill({ tier: r.tier as Tier }));
}

/** People per tier, every tier present (0 when none). */
export async function tierTotals(store: Store): Promise<Record<Tier, number>> {
  return countTiers(await tierCounts(store));
}
