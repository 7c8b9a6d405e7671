/**
 * What each page shows, gathered by the same functions the CLI commands call (`listPeople`,
 * `tieOf`, `personView`, `whatIsDue`, `listDupes`, `store.stats()`, …): the pages render it and
 * the JSON API returns it as it is, so a page and its API route never disagree.
 *
 * @example
 * const home = await homeData(env);
 * home.summary; // "of your 812 contacts, 37 are real relationships; 9 of them are dormant"
 */
import { IrlError } from "../errors.js";
import { listDupes } from "../plans/corrections.js";
import { whatIsDue } from "../plans/due.js";
import { ensureTies, graphNow } from "../signals/compute-ties.js";
import { networkAround } from "../signals/network.js";
import { strengthHistory } from "../signals/strength-history.js";
import {
  countPeople,
  listedPersonJson,
  listPeople,
  type PeopleListSort,
  tieOf,
  tierCounts,
} from "../signals/tie-list.js";
import { summarizeTiers, TIERS, type Tier } from "../signals/tiers.js";
import { monthlyActivity } from "../store/activity.js";
import { importLog } from "../store/import-log.js";
import { notesOf } from "../store/notes.js";
import { personView, timelineLength } from "../store/person-view.js";
import type { Store } from "../store/store.js";
import type { ImportJobs } from "./import-jobs.js";
import type { WriteLock } from "./write-lock.js";

export interface WebEnv {
  store: Store;
  lock: WriteLock;
  jobs: ImportJobs;
}

export const PAGE_SIZE = 50;
export const TIMELINE_PAGE = 50;
export const SPARK_MONTHS = 12;
export const SORTS = ["strength", "recent", "name", "interactions"] as const;

/** Ties recomputed when stale — unless an import is writing, then as last computed. */
export async function freshTies(env: WebEnv): Promise<void> {
  if (!env.lock.busy) await env.lock.run(() => ensureTies(env.store));
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export async function homeData(env: WebEnv) {
  await freshTies(env);
  const { store } = env;
  const counts = await tierCounts(store);
  const irl = await listPeople(store, { tier: "irl", sort: "strength", limit: 12 });
  const due = await whatIsDue(store, { budget: 5, limit: 8 });
  const imports = (await importLog(store)).slice(0, 6);

  const tiers = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  for (const c of counts) tiers[c.tier]++;
  return {
    summary: summarizeTiers(counts),
    tiers,
    irl: irl.map(listedPersonJson),
    due: {
      budget: due.budget.map((t) => ({ ...t, reasons: [t.reason] })),
      owed: due.owed.map((o) => ({ ...o, at: iso(o.at), reasons: [`waiting since ${iso(o.at)}`] })),
      unanswered: due.unanswered.map((u) => ({ ...u, lastSentAt: iso(u.lastSentAt) })),
      silentOrganizations: due.silentOrganizations,
      quiet: due.quiet.map((q) => ({ ...q, lastAt: iso(q.lastAt), reasons: [q.reason] })),
      totals: due.totals,
    },
    people: counts.length,
    imports,
  };
}

export interface PeopleParams {
  q?: string;
  tier?: Tier;
  sort: PeopleListSort;
  page: number;
}

export function peopleParams(query: Record<string, string | undefined>): PeopleParams {
  const tier =
    query.tier && (TIERS as readonly string[]).includes(query.tier) ? query.tier : undefined;
  if (query.tier && !tier) {
    throw new IrlError("usage", `tier must be one of ${TIERS.join(", ")}, not "${query.tier}"`);
  }
  const sort = query.sort ?? "strength";
  if (!(SORTS as readonly string[]).includes(sort)) {
    throw new IrlError("usage", `sort must be one of ${SORTS.join(", ")}, not "${sort}"`);
  }
  const page = query.page === undefined || query.page === "" ? 1 : Number(query.page);
  if (!Number.isInteger(page) || page < 1) {
    throw new IrlError("usage", `page must be a whole number from 1, not "${query.page}"`);
  }
  return {
    q: query.q?.trim() || undefined,
    tier: tier as Tier | undefined,
    sort: sort as PeopleListSort,
    page,
  };
}

export async function peopleData(env: WebEnv, params: PeopleParams) {
  await freshTies(env);
  const { store } = env;
  const filter = { tier: params.tier, search: params.q };
  const total = await countPeople(store, filter);
  const rows = await listPeople(store, {
    ...filter,
    sort: params.sort,
    limit: PAGE_SIZE,
    offset: (params.page - 1) * PAGE_SIZE,
  });
  const now = await graphNow(store);
  const activity = await monthlyActivity(
    store,
    rows.map((r) => r.id),
    { now, months: SPARK_MONTHS },
  );
  return {
    ...params,
    total,
    pageSize: PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    summary: summarizeTiers(await tierCounts(store)),
    people: rows.map((r) => ({ ...listedPersonJson(r), activity: activity.get(r.id) ?? [] })),
  };
}

export async function personData(env: WebEnv, id: number, page: number) {
  if (!Number.isInteger(id) || id < 1) throw new IrlError("usage", `"${id}" is not a person id`);
  if (!Number.isInteger(page) || page < 1) throw new IrlError("usage", "page must be 1 or more");
  await freshTies(env);
  const { store } = env;
  const person = await store.person(id);
  const tie = person.is_me === 1 ? undefined : await tieOf(store, id);
  const view = await personView(store, id, {
    limit: TIMELINE_PAGE,
    offset: (page - 1) * TIMELINE_PAGE,
  });
  const timelineTotal = await timelineLength(store, id);
  const history = await strengthHistory(store, id, { months: 36 });
  const notes = await notesOf(store, id);
  return {
    id: Number(person.id),
    name: person.display_name,
    me: person.is_me === 1,
    strength: tie ? Math.round(tie.strength * 1000) / 1000 : null,
    tier: tie?.tier ?? null,
    tierReason: tie?.why ?? null,
    reasons: tie?.reasons ?? [],
    pinned: view.pinned,
    snoozedUntil: iso(view.snoozedUntil),
    tierOverride: view.tierOverride,
    identities: view.identities.map((i) => ({
      kind: i.kind,
      value: i.display,
      source: i.source,
      verified: i.verified === 1,
      reason: i.reason,
    })),
    merges: view.merges,
    writings: view.writings,
    history,
    notes: notes.map((n) => ({ id: n.id, body: n.body, at: iso(n.at) })),
    timeline: view.timeline.map((t) => ({ ...t, at: iso(t.at) as string })),
    timelinePage: page,
    timelinePages: Math.max(1, Math.ceil(timelineTotal / TIMELINE_PAGE)),
    timelineTotal,
  };
}

export async function dupesData(env: WebEnv) {
  return listDupes(env.store, 100);
}

export async function networkData(env: WebEnv, limit: number) {
  await freshTies(env);
  return networkAround(env.store, { limit });
}

export async function statsData(env: WebEnv) {
  return { ...(await env.store.stats()), importLog: await importLog(env.store) };
}
