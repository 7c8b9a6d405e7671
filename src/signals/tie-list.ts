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
  let q = peopleBase(store, query).select([
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
  ]);
  q =
    query.sort === "name"
      ? q.orderBy("p.display_name").orderBy("p.id")
      : query.sort === "recent"
        ? q.orderBy(sql`coalesce(t.last_at, -1)`, "desc").orderBy("p.display_name")
        : query.sort === "interactions"
          ? q.orderBy("t.events", "desc").orderBy("p.display_name")
          : q.orderBy("t.score", "desc").orderBy("p.display_name");
  if (query.limit) q = q.limit(query.limit);
  if (query.offset) q = q.offset(query.offset);
  const rows = await q.execute();
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
