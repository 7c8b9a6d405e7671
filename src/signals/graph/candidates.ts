/**
 * Who one person might meet next, and the numbers that say how likely: candidates within three
 * steps of them in the graph, plus the most linked and most active people, each with the
 * link-prediction features the who-to-meet-next model weighs (model.ts):
 *
 * | feature   | what it is                                                                 |
 * |-----------|----------------------------------------------------------------------------|
 * | cn        | ln(1 + common neighbours)                                                  |
 * | aa        | Adamic–Adar: Σ over common neighbours z of 1 / ln(links of z)              |
 * | wcn       | Σ over common neighbours z of strength(me, z) · strength(z, them)          |
 * | katz3     | ln(1 + paths of three steps)                                               |
 * | degree    | ln(1 + their links): preferential attachment                               |
 * | recent    | ln(1 + their acts lately, 7-day half-life)                                 |
 * | idle      | ln(1 + days since they last did anything)                                  |
 * | fresh     | 0.5^(age of the freshest two-step path / 30 days): how recent the paths are |
 * | growth    | ln(1 + their new links lately: Σ 0.5^(age of each link / 14 days))         |
 *
 * The same code serves `irl suggest` (the store's links) and the evaluation (a message network
 * held in memory), so what is measured is what the user gets. Bounded work on any graph: paths
 * go through the ego's `egoNeighbours` strongest links, each node's `perNode` strongest links,
 * and three-step paths through the `frontier` best-connected two-step nodes.
 *
 * @example
 * const found = await candidatesFor(graph, me, { now, exclude: async (ids) => new Set() });
 * found[0].features; // [cn, aa, wcn, katz3, degree, recent, idle, fresh, growth]
 */
import type { Edge, GraphSource } from "./source.js";

export const FEATURES = [
  "cn",
  "aa",
  "wcn",
  "katz3",
  "degree",
  "recent",
  "idle",
  "fresh",
  "growth",
] as const;
export type FeatureName = (typeof FEATURES)[number];

export const CANDIDATE_LIMITS = {
  egoNeighbours: 200,
  perNode: 500,
  frontier: 300,
  popular: 100,
};

/** A tie at least this strong is a strong tie (tiers.ts: the "strong" threshold). */
export const STRONG_LINK = 0.55;
const DAY = 86_400_000;
const FRESH_HALF_LIFE = 30 * DAY;

export interface Mutual {
  id: number;
  /** Strength of the ego's link to them, and of theirs to the candidate. */
  mine: number;
  theirs: number;
}

export interface Candidate {
  id: number;
  features: number[];
  commonNeighbours: number;
  /** Common neighbours the ego has a strong link with (strength ≥ STRONG_LINK). */
  strongMutuals: number;
  threeStepPaths: number;
  degree: number;
  lastActiveAt: number | null;
  /** The strongest common neighbours (up to three), by mine · theirs. */
  mutuals: Mutual[];
}

export interface CandidateOptions {
  now: number;
  /** Of these ids, the ones that must not be suggested (the ego is never suggested). */
  exclude: (ids: number[]) => Promise<Set<number>>;
  limits?: Partial<typeof CANDIDATE_LIMITS>;
}

interface Acc {
  cn: number;
  aa: number;
  wcn: number;
  fresh: number;
  katz3: number;
  strong: number;
  mutuals: Mutual[];
}

export async function candidatesFor(
  graph: GraphSource,
  ego: number,
  options: CandidateOptions,
): Promise<Candidate[]> {
  const limits = { ...CANDIDATE_LIMITS, ...options.limits };
  const { now } = options;
  const mine = (await graph.neighbours([ego], limits.egoNeighbours)).get(ego) ?? new Map();
  const firstHop = [...mine.keys()];
  const firstStats = await graph.stats(firstHop);
  const second = await graph.neighbours(firstHop, limits.perNode);
  const acc = new Map<number, Acc>();
  const get = (id: number) => {
    let a = acc.get(id);
    if (!a) {
      a = { cn: 0, aa: 0, wcn: 0, fresh: 0, katz3: 0, strong: 0, mutuals: [] };
      acc.set(id, a);
    }
    return a;
  };
  for (const [z, toZ] of mine as Map<number, Edge>) {
    const links = second.get(z);
    if (!links) continue;
    const degree = Math.max(2, firstStats.get(z)?.degree ?? links.size);
    const aa = 1 / Math.log(degree);
    for (const [v, zv] of links) {
      if (v === ego) continue;
      const a = get(v);
      a.cn++;
      if (toZ.strength >= STRONG_LINK) a.strong++;
      a.aa += aa;
      const w = toZ.strength * zv.strength;
      a.wcn += w;
      const pathAt = Math.min(toZ.lastAt ?? 0, zv.lastAt ?? 0);
      if (pathAt > 0)
        a.fresh = Math.max(a.fresh, 0.5 ** (Math.max(0, now - pathAt) / FRESH_HALF_LIFE));
      insertMutual(a.mutuals, { id: z, mine: toZ.strength, theirs: zv.strength });
    }
  }
  // Three steps: ego → z → w → v, through the best-connected two-step nodes w.
  const frontier = [...acc]
    .sort((x, y) => y[1].cn - x[1].cn || x[0] - y[0])
    .slice(0, limits.frontier);
  const third = await graph.neighbours(
    frontier.map(([w]) => w),
    limits.perNode,
  );
  for (const [w, a] of frontier) {
    const links = third.get(w);
    if (!links) continue;
    for (const v of links.keys()) if (v !== ego) get(v).katz3 += a.cn;
  }
  for (const id of await graph.popular(limits.popular)) if (id !== ego) get(id);
  const ids = [...acc.keys()].filter((id) => id !== ego);
  const excluded = await options.exclude(ids);
  const kept = ids.filter((id) => !excluded.has(id));
  const stats = await graph.stats(kept);
  return kept.map((id) => {
    const a = acc.get(id) as Acc;
    const s = stats.get(id);
    const degree = s?.degree ?? 0;
    const idleDays =
      s?.lastActiveAt === null || s?.lastActiveAt === undefined
        ? 3650
        : Math.max(0, (now - s.lastActiveAt) / DAY);
    return {
      id,
      features: [
        Math.log1p(a.cn),
        a.aa,
        a.wcn,
        Math.log1p(a.katz3),
        Math.log1p(degree),
        Math.log1p(s?.recent ?? 0),
        Math.log1p(idleDays),
        a.fresh,
        Math.log1p(s?.growth ?? 0),
      ],
      commonNeighbours: a.cn,
      strongMutuals: a.strong,
      threeStepPaths: a.katz3,
      degree,
      lastActiveAt: s?.lastActiveAt ?? null,
      mutuals: a.mutuals,
    };
  });
}

function insertMutual(list: Mutual[], m: Mutual): void {
  const w = m.mine * m.theirs;
  if (list.length === 3 && w <= (list[2] as Mutual).mine * (list[2] as Mutual).theirs) return;
  list.push(m);
  list.sort((x, y) => y.mine * y.theirs - x.mine * x.theirs);
  if (list.length > 3) list.pop();
}
