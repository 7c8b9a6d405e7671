/**
 * The who-to-meet-next evaluation on a temporal message network (`SRC DST UNIXTIME` lines, read
 * by the strength evaluation's reader; SNAP's CollegeMsg is the default).
 *
 * Protocol:
 * 1. Sort the messages by time; T = the time of the message at the 70th percentile (the strength
 *    evaluation's split).
 * 2. The graph at T: a link for every pair with a message up to T, its strength from the pair's
 *    messages (link-strength.ts, as for links between people in the store), each person's
 *    number of links, recent activity (7-day half-life) and last activity, as of T.
 * 3. A new tie is a pair with no message up to T and at least one in (T, T + 30 days].
 * 4. For each person in the graph at T with a new tie to someone also in the graph at T (new
 *    people nobody could have suggested do not count; this reproduces the reference figures
 *    AA ≈ 0.095, PA ≈ 0.157 on CollegeMsg), irl's list (candidates.ts scored by
 *    model.ts, everyone they already have a tie with excluded) is checked against their new
 *    ties: hit@10 and P@10 (ties in score counted in expectation, see ranking.ts), averaged over
 *    those people. Baselines over the same people, candidates = everyone in the graph at T but
 *    them and their ties: Adamic–Adar, and preferential attachment (rank by number of ties).
 * 5. two_hop_share: of the new ties (pairs) between people both in the graph at T, the share
 *    whose two people had a common neighbour at T — the ceiling for neighbour-based methods.
 * 6. The model's weights are fitted on this network's own earlier history: the same graph and
 *    candidates at T′ = the 50th-percentile message, labelled by new ties in (T′, min(T′ + 30
 *    days, T)] — nothing after T is seen. `fixedWeights` scores with irl's shipped weights instead.
 *
 * @example
 * const r = await evaluateSuggest("../shared/corpora/temporal/CollegeMsg.txt");
 * r.irl.hit10; r.aa.hit10; r.pa.hit10; r.twoHopShare;
 */
import { seeded } from "../../identity/model/random.js";
import { readMessages } from "../../signals/eval/protocol.js";
import { candidatesFor } from "../../signals/graph/candidates.js";
import { LinkTally, linkGrowth, linkStrength } from "../../signals/graph/link-strength.js";
import {
  fitConditionalLogit,
  type Group,
  type LinkModel,
  SUGGEST_WEIGHTS,
  scoreOf,
} from "../../signals/graph/model.js";
import { MemoryGraph } from "../../signals/graph/source.js";
import { DAY } from "../../signals/phrases.js";
import { WEEK_HALF_LIFE_DAYS } from "../../signals/strength.js";
import { type AtK, adamicAdar, atK, preferentialAttachment } from "./ranking.js";

export interface SuggestEvalOptions {
  percentile?: number;
  trainPercentile?: number;
  horizonDays?: number;
  k?: number;
  /** Score with SUGGEST_WEIGHTS instead of weights fitted at T′. */
  fixedWeights?: boolean;
}

export interface SuggestEvalReport {
  file: string;
  messages: number;
  people: number;
  cutAt: number;
  trainCutAt: number;
  trainEndAt: number;
  /** New ties (pairs) in the outcome window; people evaluated (with a new tie, in the graph at T). */
  newTies: number;
  evaluated: number;
  irl: AtK;
  aa: AtK;
  pa: AtK;
  twoHopShare: number;
  /** Share of the evaluated people's new ties that irl's candidate set holds. */
  candidateRecall: number;
  model: LinkModel;
  trainExamples: number;
  trainPositives: number;
  seconds: number;
}

export interface Messages {
  src: number[];
  dst: number[];
  at: number[];
  order: number[];
}

export async function evaluateSuggest(
  file: string,
  options: SuggestEvalOptions = {},
): Promise<SuggestEvalReport> {
  const started = performance.now();
  const { src, dst, at, people } = await readMessages(file);
  const m = at.length;
  if (m === 0) throw new Error(`${file}: no messages`);
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (i, j) => (at[i] as number) - (at[j] as number) || i - j,
  );
  const msgs: Messages = { src, dst, at, order };
  const timeAt = (pct: number) => at[order[Math.floor(((m - 1) * pct) / 100)] as number] as number;
  const cutAt = timeAt(options.percentile ?? 70);
  const trainCutAt = timeAt(options.trainPercentile ?? 50);
  const horizon = (options.horizonDays ?? 30) * DAY;
  const trainEndAt = Math.min(trainCutAt + horizon, cutAt);
  const k = options.k ?? 10;

  let model = SUGGEST_WEIGHTS;
  let trainExamples = 0;
  let trainPositives = 0;
  if (!options.fixedWeights) {
    const groups = await trainingGroups(msgs, trainCutAt, trainEndAt);
    for (const g of groups) {
      trainExamples += g.rows.length;
      trainPositives += g.ys.filter((y) => y === 1).length;
    }
    if (trainPositives > 0) model = fitConditionalLogit(groups);
  }

  const graph = graphAt(msgs, cutAt);
  const outcome = newTies(msgs, cutAt, cutAt + horizon);
  const adjacency = graph.adjacency;
  const universe = adjacency.size;
  const sums = { irl: [0, 0], aa: [0, 0], pa: [0, 0] };
  let evaluated = 0;
  let found = 0;
  let wanted = 0;
  for (const [u, targets] of outcome) {
    const mine = adjacency.get(u);
    if (!mine) continue;
    const inGraph = [...targets].filter((v) => adjacency.has(v));
    if (inGraph.length === 0) continue;
    evaluated++;
    // Everyone in the graph but u and u's ties.
    const others = universe - 1 - mine.size;
    const positivesInGraph = inGraph.length;

    const candidates = await candidatesFor(graph, u, {
      now: cutAt,
      exclude: async (ids) => new Set(ids.filter((id) => mine.has(id))),
    });
    const ours = candidates.map((c) => ({
      score: scoreOf(model, c.features),
      positive: targets.has(c.id),
    }));
    const hitsInList = ours.filter((c) => c.positive).length;
    found += hitsInList;
    wanted += targets.size;
    add(sums.irl, atK(k, ours));

    const aa = adamicAdar(adjacency, u);
    const aaScored = [...aa]
      .filter(([v]) => !mine.has(v) && v !== u)
      .map(([v, score]) => ({ score, positive: targets.has(v) }));
    const aaHits = aaScored.filter((s) => s.positive).length;
    add(
      sums.aa,
      atK(k, aaScored, { count: others - aaScored.length, positives: positivesInGraph - aaHits }),
    );

    const pa: { score: number; positive: boolean }[] = [];
    for (const v of adjacency.keys()) {
      if (v === u || mine.has(v)) continue;
      pa.push({ score: preferentialAttachment(adjacency, v), positive: targets.has(v) });
    }
    add(sums.pa, atK(k, pa));
  }

  // New ties whose two people were both in the graph at T: how many had a common neighbour.
  let pairs = 0;
  let twoHop = 0;
  for (const [u, targets] of outcome) {
    const mine = adjacency.get(u);
    if (!mine) continue;
    for (const v of targets) {
      if (v < u) continue;
      const theirs = adjacency.get(v);
      if (!theirs) continue;
      pairs++;
      const [small, large] = mine.size < theirs.size ? [mine, theirs] : [theirs, mine];
      for (const z of small.keys()) {
        if (large.has(z)) {
          twoHop++;
          break;
        }
      }
    }
  }
  let newTieCount = 0;
  for (const targets of outcome.values()) newTieCount += targets.size;
  const mean = (s: number[]): AtK => ({
    hit: evaluated ? (s[0] as number) / evaluated : Number.NaN,
    precision: evaluated ? (s[1] as number) / evaluated : Number.NaN,
  });
  return {
    file,
    messages: m,
    people,
    cutAt,
    trainCutAt,
    trainEndAt,
    newTies: newTieCount / 2,
    evaluated,
    irl: mean(sums.irl),
    aa: mean(sums.aa),
    pa: mean(sums.pa),
    twoHopShare: pairs ? twoHop / pairs : Number.NaN,
    candidateRecall: wanted ? found / wanted : Number.NaN,
    model,
    trainExamples,
    trainPositives,
    seconds: (performance.now() - started) / 1000,
  };
}

function add(sum: number[], r: AtK): void {
  sum[0] = (sum[0] as number) + r.hit;
  sum[1] = (sum[1] as number) + r.precision;
}

/** The graph as of `cut`: links with their strength, each person's activity. */
export function graphAt(msgs: Messages, cut: number): MemoryGraph {
  const tallies = new Map<number, Map<number, LinkTally>>();
  const recent = new Map<number, number>();
  const lastActive = new Map<number, number>();
  const halfLife = WEEK_HALF_LIFE_DAYS * DAY;
  for (const i of msgs.order) {
    const t = msgs.at[i] as number;
    if (t > cut) break;
    const s = msgs.src[i] as number;
    const d = msgs.dst[i] as number;
    if (s === d) continue;
    const a = Math.min(s, d);
    const b = Math.max(s, d);
    let row = tallies.get(a);
    if (!row) {
      row = new Map();
      tallies.set(a, row);
    }
    let tally = row.get(b);
    if (!tally) {
      tally = new LinkTally();
      row.set(b, tally);
    }
    tally.addAct(s === a, "dm", "message", t, cut);
    const w = 0.5 ** ((cut - t) / halfLife);
    for (const p of [s, d]) {
      recent.set(p, (recent.get(p) ?? 0) + w);
      lastActive.set(p, t);
    }
  }
  const graph = new MemoryGraph();
  const growth = new Map<number, number>();
  for (const [a, row] of tallies) {
    for (const [b, tally] of row) {
      graph.link(a, b, { strength: linkStrength(tally), lastAt: tally.lastAt });
      const g = linkGrowth(tally.firstAt, cut);
      growth.set(a, (growth.get(a) ?? 0) + g);
      growth.set(b, (growth.get(b) ?? 0) + g);
    }
  }
  for (const [p, r] of recent) {
    graph.setStats(p, {
      degree: 0,
      recent: r,
      lastActiveAt: lastActive.get(p) ?? null,
      growth: growth.get(p) ?? 0,
    });
  }
  graph.fillDegrees();
  return graph;
}

/** Pairs with no message up to `from` and at least one in (from, to], both ways round. */
export function newTies(msgs: Messages, from: number, to: number): Map<number, Set<number>> {
  const before = new Set<string>();
  const out = new Map<number, Set<number>>();
  for (const i of msgs.order) {
    const t = msgs.at[i] as number;
    if (t > to) break;
    const s = msgs.src[i] as number;
    const d = msgs.dst[i] as number;
    if (s === d) continue;
    const key = s < d ? `${s} ${d}` : `${d} ${s}`;
    if (t <= from) {
      before.add(key);
      continue;
    }
    if (before.has(key)) continue;
    for (const [x, y] of [
      [s, d],
      [d, s],
    ] as const) {
      let set = out.get(x);
      if (!set) {
        set = new Set();
        out.set(x, set);
      }
      set.add(y);
    }
  }
  return out;
}

/**
 * Training groups at an earlier cut: each person with a new tie in (cut, end], their candidates
 * from the graph at the cut, 1 for a new tie.
 */
export async function trainingGroups(msgs: Messages, cut: number, end: number): Promise<Group[]> {
  const graph = graphAt(msgs, cut);
  const labels = newTies(msgs, cut, end);
  const now = cut;
  const groups: Group[] = [];
  const rand = seeded(12345);
  for (const [u, targets] of labels) {
    const mine = graph.adjacency.get(u);
    if (!mine) continue;
    const candidates = await candidatesFor(graph, u, {
      now,
      exclude: async (ids) => new Set(ids.filter((id) => mine.has(id))),
    });
    // Each person's new ties and a seeded sample of at most 400 of the others: the softmax
    // over a uniform sample of a list fits the same weights.
    const rows: number[][] = [];
    const ys: number[] = [];
    const negatives = candidates.filter((c) => !targets.has(c.id)).length;
    const keep = Math.min(1, 400 / Math.max(1, negatives));
    for (const c of candidates) {
      const y = targets.has(c.id) ? 1 : 0;
      if (y === 0 && rand() > keep) continue;
      rows.push(c.features);
      ys.push(y);
    }
    if (ys.some((y) => y === 1)) groups.push({ rows, ys });
  }
  return groups;
}
