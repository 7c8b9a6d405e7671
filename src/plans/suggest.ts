/**
 * Who to meet next: people the user has no real relationship with yet (no tie, card-only or
 * one-way; never the user, never someone snoozed), ranked by the who-to-meet-next model
 * (signals/graph/model.ts) over link-prediction features read from the store's links
 * (candidates.ts: mutual ties weighted Adamic–Adar style and by strength, three-step paths as in
 * Katz, how active and how fast-growing the person is, how fresh the paths are) — the very
 * model `npm run eval:suggest` measures — plus, where both have written something, how close
 * their interests are to the user's (signals/interests; not in the evaluation, whose network
 * has no text: its weight, INTEREST_WEIGHT, is set by reasoning). Each suggestion says why.
 *
 * @example
 * const list = await suggest(store, { limit: 10 });
 * list[0].reasons; // ["3 of your strong ties know her: Ana Ode, Ben Ruiz and Cy Tam", "active last week"]
 */
import { graphNow } from "../signals/compute-ties.js";
import { type Candidate, candidatesFor, FEATURES } from "../signals/graph/candidates.js";
import { type LinkModel, SUGGEST_WEIGHTS, scoreOf } from "../signals/graph/model.js";
import { ensureGraph, idsIn, idsParam, StoreGraph } from "../signals/graph/store-source.js";
import { cosine, sharedTerms, type TermVector } from "../signals/interests/index.js";
import { vectorsOf } from "../signals/interests/read.js";
import { ago, listOf } from "../signals/phrases.js";
import type { Store } from "../store/store.js";

/** Tiers that are not yet a relationship: their people may be suggested. */
export const SUGGESTABLE_TIERS: ReadonlySet<string> = new Set(["card-only", "one-way"]);
/** Score added per unit of interest similarity (cosine 0–1) with the user. */
export const INTEREST_WEIGHT = 2;
/** Candidates, best by the graph alone, whose interests are compared with the user's. */
const INTEREST_POOL = 200;
const DAY = 86_400_000;

export interface Suggestion {
  id: number;
  name: string;
  /** 0–1: the model's score squashed (higher is likelier), for display. */
  score: number;
  tier: string | null;
  reasons: string[];
  mutuals: { id: number; name: string; strength: number }[];
  features: Record<string, number>;
  interest: number;
}

export interface SuggestOptions {
  limit?: number;
  now?: number;
  model?: LinkModel;
}

export async function suggest(store: Store, options: SuggestOptions = {}): Promise<Suggestion[]> {
  const now = options.now ?? (await graphNow(store));
  const limit = options.limit ?? 10;
  const model = options.model ?? SUGGEST_WEIGHTS;
  await ensureGraph(store, now);
  const conn = store.conn;
  const meRow = await conn.all<{ id: number }>("SELECT id FROM people WHERE is_me = 1");
  if (!meRow[0]) return [];
  const me = Number(meRow[0].id);
  const tiers = new Map<number, string>();
  // Snoozed people are few (each one the user's own doing): read them all at once.
  const snoozed = (
    await conn.arrays("SELECT person_id FROM person_flags WHERE snoozed_until > ?", [now])
  ).map(([id]) => Number(id));
  const exclude = async (ids: number[]) => {
    const out = new Set<number>();
    if (ids.length === 0) return out;
    const list = idsParam(conn, ids);
    for (const [id, tier] of await conn.arrays(
      `SELECT person_id, tier FROM ties WHERE ${idsIn(conn, "person_id")}`,
      [list],
    )) {
      tiers.set(Number(id), String(tier));
      if (!SUGGESTABLE_TIERS.has(String(tier))) out.add(Number(id));
    }
    const asked = new Set(ids);
    for (const id of snoozed) if (asked.has(id)) out.add(id);
    return out;
  };
  const graph = new StoreGraph(conn);
  const candidates = await candidatesFor(graph, me, { now, exclude });
  const ranked = candidates
    .map((c) => ({ c, score: scoreOf(model, c.features) }))
    .sort((a, b) => b.score - a.score || a.c.id - b.c.id);
  // Interests: compared for the best candidates by the graph, and added to their score.
  const pool = ranked.slice(0, Math.max(INTEREST_POOL, limit));
  const vectors = await interestVectors(store, [me, ...pool.map((r) => r.c.id)]);
  const mine = vectors.get(me) ?? new Map();
  const scored = pool
    .map((r) => {
      const theirs = vectors.get(r.c.id) ?? new Map();
      const interest = mine.size && theirs.size ? cosine(mine, theirs) : 0;
      return { ...r, interest, total: r.score + INTEREST_WEIGHT * interest, theirs };
    })
    .sort((a, b) => b.total - a.total || a.c.id - b.c.id)
    .slice(0, limit);
  const people = new Set<number>();
  for (const s of scored) {
    people.add(s.c.id);
    for (const m of s.c.mutuals) people.add(m.id);
  }
  const names = await namesOf(store, [...people]);
  return scored.map((s) => ({
    id: s.c.id,
    name: names.get(s.c.id) ?? `#${s.c.id}`,
    score: 1 / (1 + Math.exp(-s.total)),
    tier: tiers.get(s.c.id) ?? null,
    reasons: reasonsFor(s.c, names, now, s.interest > 0 ? sharedTerms(mine, s.theirs, 3) : []),
    mutuals: s.c.mutuals.map((m) => ({
      id: m.id,
      name: names.get(m.id) ?? `#${m.id}`,
      strength: m.mine,
    })),
    features: Object.fromEntries(FEATURES.map((f, i) => [f, s.c.features[i] as number])),
    interest: s.interest,
  }));
}

/** Plain-word reasons from what the candidate's features say. */
export function reasonsFor(
  c: Candidate,
  names: ReadonlyMap<number, string>,
  now: number,
  sharedInterests: string[] = [],
): string[] {
  const out: string[] = [];
  const named = c.mutuals.map((m) => names.get(m.id) ?? `#${m.id}`);
  const n = c.commonNeighbours;
  const strong = c.strongMutuals;
  if (n > 0) {
    const who =
      strong > 0
        ? strong === 1
          ? "one of your strong ties"
          : `${strong} of your strong ties`
        : n === 1
          ? "one of your ties"
          : `${n} of your ties`;
    const verb = (strong > 0 ? strong : n) === 1 ? "knows" : "know";
    const others = strong > 0 && n > strong ? ` (and ${n - strong} more of your ties)` : "";
    out.push(`${who} ${verb} them: ${listOf(named)}${others}`);
  } else if (c.threeStepPaths > 0) {
    out.push(
      c.threeStepPaths === 1
        ? "a friend of a friend knows them"
        : `friends of friends know them (${c.threeStepPaths} paths)`,
    );
  }
  if (sharedInterests.length > 0) out.push(`writes about ${listOf(sharedInterests)}, like you`);
  if (c.lastActiveAt !== null) {
    const idle = now - c.lastActiveAt;
    if (idle < 45 * DAY) out.push(`active ${idle < DAY ? "today" : ago(idle)}`);
  }
  const growth = Math.expm1(c.features[FEATURES.indexOf("growth")] ?? 0);
  if (growth >= 1) out.push("making new connections lately");
  if (c.degree >= 10) out.push(`knows ${c.degree} people in your graph`);
  if (out.length === 0) out.push("one of the most connected people in your graph");
  return out;
}

async function namesOf(store: Store, ids: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (ids.length === 0) return names;
  for (const [id, name] of await store.conn.arrays(
    `SELECT id, display_name FROM people WHERE ${idsIn(store.conn, "id")}`,
    [idsParam(store.conn, ids)],
  )) {
    names.set(Number(id), String(name));
  }
  return names;
}

/** Interest vectors; none at all (not an error) when interests cannot be computed. */
async function interestVectors(store: Store, ids: number[]): Promise<Map<number, TermVector>> {
  try {
    return await vectorsOf(store, ids);
  } catch {
    return new Map();
  }
}
