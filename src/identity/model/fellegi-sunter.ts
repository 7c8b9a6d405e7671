/**
 * The Fellegi–Sunter model, estimated from the data itself. For each comparison level, `u`
 * (chance of that level between two unrelated records) is counted over seeded random pairs,
 * and `m` (chance between two records of one person) and λ (share of candidate pairs that
 * match) are found by expectation–maximisation over the candidate pairs, with `u` held fixed.
 * Blocking makes candidate pairs agree on the blocked fields more than random pairs do, so EM
 * runs once per blocking rule over that rule's pairs with the rule's own comparisons left out;
 * each comparison's m is the match-weighted mean over the rules that did not block on it, and
 * λ is the estimated matches (per rule, over the pairs it found first) over all n(n−1)/2 pairs.
 * A pair's match weight is the sum of log2(m/u) over its comparisons (missing data adds 0);
 * its probability adds the prior log2(λ / (1 − λ)).
 *
 * @example
 * const trained = train(records, comparisons, blockingRules, { seed: 1 });
 * const s = score(trained.model, comparisons, records[0], records[1]);
 * s.probability;                 // 0.9993
 * s.contributions[0].description; // "same surname"
 */
import { type BlockingOptions, type CandidatePairs, candidatePairs } from "./blocking.js";
import type { BlockingRule, Comparison } from "./comparison.js";
import { MAX_LEVELS } from "./comparison.js";
import { randomInt, seeded } from "./random.js";

export interface ComparisonParameters {
  name: string;
  levels: readonly string[];
  /** m[level]; m[0] unused (null level). */
  m: number[];
  /** u[level]; u[0] unused. */
  u: number[];
}

export interface Model {
  comparisons: ComparisonParameters[];
  /**
   * Prior probability that two records picked at random match. Blocking is evidence too, and
   * u is measured on random pairs, so the prior is over all pairs, not over candidate pairs.
   */
  lambda: number;
}

export interface TrainOptions<R = unknown> extends BlockingOptions {
  seed?: number;
  /** Random pairs used to count u (default 200,000, or every pair when there are fewer). */
  uSamples?: number;
  maxIterations?: number;
  /** Stop when no parameter moves more than this (default 1e-6). */
  tolerance?: number;
  /** All comparisons of a pair at once (faster than one `compare` call per comparison). */
  compare?: CompareInto<R>;
}

export interface Trained {
  model: Model;
  pairs: CandidatePairs;
  /** Levels of every candidate pair, `comparisons.length` per pair. */
  levels: Uint8Array;
  iterations: number;
  converged: boolean;
}

export interface Contribution {
  comparison: string;
  level: number;
  description: string;
  /** log2(m/u) of this level; 0 for missing data. */
  weight: number;
}

export interface Score {
  /** Sum of log2(m/u) over the comparisons. */
  weight: number;
  probability: number;
  contributions: Contribution[];
}

/** Writes the levels of one pair under every comparison into `out` at `offset`. */
export type CompareInto<R> = (a: R, b: R, out: Uint8Array, offset: number) => void;

/** Levels of one pair under every comparison, written into `out` at `offset`. */
export function compareInto<R>(
  comparisons: readonly Comparison<R>[],
  a: R,
  b: R,
  out: Uint8Array,
  offset: number,
): void {
  for (let k = 0; k < comparisons.length; k++) {
    const level = (comparisons[k] as Comparison<R>).compare(a, b);
    out[offset + k] = level;
  }
}

/** Levels for every candidate pair. */
export function compareAll<R>(
  records: readonly R[],
  comparisons: readonly Comparison<R>[],
  pairs: CandidatePairs,
  compare?: CompareInto<R>,
): Uint8Array {
  const c = comparisons.length;
  const levels = new Uint8Array(pairs.count * c);
  for (let p = 0; p < pairs.count; p++) {
    const a = records[pairs.left[p] as number] as R;
    const b = records[pairs.right[p] as number] as R;
    if (compare) compare(a, b, levels, p * c);
    else compareInto(comparisons, a, b, levels, p * c);
  }
  return levels;
}

/** u per comparison level from random pairs (all pairs when there are few records). */
export function estimateU<R>(
  records: readonly R[],
  comparisons: readonly Comparison<R>[],
  options: { seed?: number; uSamples?: number; compare?: CompareInto<R> } = {},
): number[][] {
  const n = records.length;
  const compare =
    options.compare ??
    ((a: R, b: R, out: Uint8Array, offset: number) => compareInto(comparisons, a, b, out, offset));
  const c = comparisons.length;
  const counts = comparisons.map((cmp) => new Array<number>(cmp.levels.length).fill(0));
  const scratch = new Uint8Array(c);
  const total = (n * (n - 1)) / 2;
  const wanted = options.uSamples ?? 200_000;
  const tally = () => {
    for (let k = 0; k < c; k++) {
      const row = counts[k] as number[];
      const l = scratch[k] as number;
      row[l] = (row[l] as number) + 1;
    }
  };
  if (total <= wanted) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        compare(records[i] as R, records[j] as R, scratch, 0);
        tally();
      }
    }
  } else {
    const rnd = seeded(options.seed ?? 1);
    for (let s = 0; s < wanted; s++) {
      const i = randomInt(rnd, n);
      let j = randomInt(rnd, n - 1);
      if (j >= i) j++;
      compare(records[i] as R, records[j] as R, scratch, 0);
      tally();
    }
  }
  return counts.map((row) => smooth(row));
}

/** Share of each non-null level, with half a pseudo-count per level so no level is 0. */
function smooth(row: readonly number[]): number[] {
  const levels = row.length - 1;
  let sum = 0;
  for (let l = 1; l < row.length; l++) sum += row[l] as number;
  return row.map((v, l) => (l === 0 ? 0 : (v + 0.5) / (sum + 0.5 * levels)));
}

/** Generic starting m: most mass on the strongest level, least on "different". */
function initialM(levels: number): number[] {
  const k = levels - 1;
  const m = new Array<number>(levels).fill(0);
  if (k === 1) {
    m[1] = 1;
    return m;
  }
  m[1] = 0.8;
  m[k] = 0.05;
  for (let l = 2; l < k; l++) m[l] = 0.15 / (k - 2);
  if (k === 2) m[1] = 0.95;
  return m;
}

interface Pattern {
  levels: number[];
  count: number;
}

/** Levels of one pair packed 4 bits each into one number (exact for up to 13 comparisons). */
export function packLevels(
  levels: Uint8Array,
  offset: number,
  c: number,
  skip?: readonly boolean[],
): number {
  let code = 0;
  for (let k = c - 1; k >= 0; k--) {
    code = code * MAX_LEVELS + (skip?.[k] ? 0 : (levels[offset + k] as number));
  }
  return code;
}

/** The level vector of a code from `packLevels`. */
export function unpackLevels(code: number, c: number): number[] {
  const out: number[] = [];
  let rest = code;
  for (let k = 0; k < c; k++) {
    out.push(rest % MAX_LEVELS);
    rest = Math.floor(rest / MAX_LEVELS);
  }
  return out;
}

/**
 * Distinct level vectors with their counts: EM runs over these, not over every pair. With
 * `pairs`, only those pair numbers are counted; comparisons with `skip[k]` count as level 0.
 */
export function patternsOf(
  levels: Uint8Array,
  c: number,
  pairs?: Uint32Array,
  skip?: readonly boolean[],
): Pattern[] {
  const total = pairs ? pairs.length : levels.length / c;
  // Mixed radix over the levels that occur: a dense count per code, no map, when the codes fit.
  const radix = new Array<number>(c).fill(1);
  for (let i = 0; i < total; i++) {
    const at = (pairs ? (pairs[i] as number) : i) * c;
    for (let k = 0; k < c; k++) {
      const l = levels[at + k] as number;
      if (l >= (radix[k] as number)) radix[k] = l + 1;
    }
  }
  let space = 1;
  for (let k = 0; k < c; k++) if (!skip?.[k]) space *= radix[k] as number;
  if (space <= 1 << 22) {
    const counts = new Float64Array(space);
    for (let i = 0; i < total; i++) {
      const at = (pairs ? (pairs[i] as number) : i) * c;
      let code = 0;
      for (let k = c - 1; k >= 0; k--) {
        if (skip?.[k]) continue;
        code = code * (radix[k] as number) + (levels[at + k] as number);
      }
      counts[code] = (counts[code] as number) + 1;
    }
    const out: Pattern[] = [];
    for (let code = 0; code < space; code++) {
      const count = counts[code] as number;
      if (count === 0) continue;
      const row = new Array<number>(c).fill(0);
      let rest = code;
      for (let k = 0; k < c; k++) {
        if (skip?.[k]) continue;
        const r = radix[k] as number;
        row[k] = rest % r;
        rest = Math.floor(rest / r);
      }
      out.push({ levels: row, count });
    }
    return out;
  }
  if (c <= 13) {
    const counts = new Map<number, number>();
    for (let i = 0; i < total; i++) {
      const p = pairs ? (pairs[i] as number) : i;
      const code = packLevels(levels, p * c, c, skip);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return [...counts].map(([code, count]) => ({ levels: unpackLevels(code, c), count }));
  }
  const map = new Map<string, Pattern>();
  for (let i = 0; i < total; i++) {
    const p = pairs ? (pairs[i] as number) : i;
    const row = Array.from(levels.subarray(p * c, p * c + c), (l, k) => (skip?.[k] ? 0 : l));
    const key = String.fromCharCode(...row);
    const found = map.get(key);
    if (found) found.count++;
    else map.set(key, { levels: row, count: 1 });
  }
  return [...map.values()];
}

/**
 * EM for m and λ with u fixed. Returns the fitted model, the number of iterations and
 * whether it converged.
 */
export function fitEm(
  patterns: readonly Pattern[],
  params: ComparisonParameters[],
  options: { maxIterations?: number; tolerance?: number; lambda?: number } = {},
): { model: Model; iterations: number; converged: boolean } {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  let lambda = options.lambda ?? 0.1;
  const c = params.length;
  let total = 0;
  for (const p of patterns) total += p.count;
  for (let it = 1; it <= maxIterations; it++) {
    const mSums = params.map((p) => new Array<number>(p.levels.length).fill(0));
    let matchMass = 0;
    for (const pat of patterns) {
      let logRatio = Math.log(lambda / (1 - lambda));
      for (let k = 0; k < c; k++) {
        const l = pat.levels[k] as number;
        if (l === 0) continue;
        const prm = params[k] as ComparisonParameters;
        logRatio += Math.log((prm.m[l] as number) / (prm.u[l] as number));
      }
      const post = 1 / (1 + Math.exp(-logRatio));
      const w = post * pat.count;
      matchMass += w;
      for (let k = 0; k < c; k++) {
        const row = mSums[k] as number[];
        const l = pat.levels[k] as number;
        row[l] = (row[l] as number) + w;
      }
    }
    let delta = 0;
    const newLambda = Math.min(1 - 1e-9, Math.max(1e-9, matchMass / total));
    delta = Math.max(delta, Math.abs(newLambda - lambda));
    lambda = newLambda;
    for (let k = 0; k < c; k++) {
      const prm = params[k] as ComparisonParameters;
      const fresh = smoothM(mSums[k] as number[]);
      for (let l = 1; l < fresh.length; l++) {
        delta = Math.max(delta, Math.abs((fresh[l] as number) - (prm.m[l] as number)));
      }
      prm.m = fresh;
    }
    if (delta < tolerance)
      return { model: { comparisons: params, lambda }, iterations: it, converged: true };
  }
  return { model: { comparisons: params, lambda }, iterations: maxIterations, converged: false };
}

const clampLambda = (x: number) => Math.min(1 - 1e-12, Math.max(1e-12, x));

function smoothM(row: readonly number[]): number[] {
  const levels = row.length - 1;
  let sum = 0;
  for (let l = 1; l < row.length; l++) sum += row[l] as number;
  const alpha = 0.01;
  return row.map((v, l) => (l === 0 ? 0 : (v + alpha) / (sum + alpha * levels)));
}

/** Estimate u from random pairs and m, λ by EM over the blocked candidate pairs. */
export function train<R>(
  records: readonly R[],
  comparisons: readonly Comparison<R>[],
  blocking: readonly BlockingRule<R>[],
  options: TrainOptions<R> = {},
): Trained {
  for (const cmp of comparisons) {
    if (cmp.levels.length > MAX_LEVELS) throw new RangeError(`${cmp.name}: too many levels`);
  }
  const pairs = candidatePairs(records, blocking, options);
  const levels = compareAll(records, comparisons, pairs);
  const model = trainOnLevels(records, comparisons, levels, {
    ...options,
    rules: ruleRanges(blocking, pairs),
  });
  return { ...model, pairs, levels };
}

/** The pairs sharing a block under one rule, and the comparisons that rule blocks on. */
export interface RuleRange {
  /** Pair numbers (into the candidate pairs and their levels). */
  pairs: Uint32Array;
  uses: readonly string[];
  /** Pairs this rule found first (each candidate pair is counted under one rule). */
  produced: number;
}

export function ruleRanges<R>(
  blocking: readonly BlockingRule<R>[],
  pairs: CandidatePairs,
): RuleRange[] {
  return blocking.map((rule, r) => {
    const bit = 1 << r;
    let count = 0;
    for (let p = 0; p < pairs.count; p++) if ((pairs.rules[p] as number) & bit) count++;
    const ids = new Uint32Array(count);
    let i = 0;
    for (let p = 0; p < pairs.count; p++) if ((pairs.rules[p] as number) & bit) ids[i++] = p;
    return { pairs: ids, uses: rule.uses ?? [], produced: pairs.perRule[r]?.pairs ?? 0 };
  });
}

/** A rule needs this many pairs before its EM estimates are trusted. */
const MIN_RULE_PAIRS = 30;

/** The EM half of `train`, for callers that already hold the candidate pairs' levels. */
export function trainOnLevels<R>(
  records: readonly R[],
  comparisons: readonly Comparison<R>[],
  levels: Uint8Array,
  options: TrainOptions<R> & { rules?: readonly RuleRange[] } = {},
): { model: Model; iterations: number; converged: boolean } {
  const u = estimateU(records, comparisons, options);
  const c = comparisons.length;
  const fresh = (): ComparisonParameters[] =>
    comparisons.map((cmp, k) => ({
      name: cmp.name,
      levels: cmp.levels,
      m: initialM(cmp.levels.length),
      u: u[k] as number[],
    }));
  const global = fitEm(patternsOf(levels, c), fresh(), options);
  const n = records.length;
  const allPairs = Math.max(1, (n * (n - 1)) / 2);
  const rules = (options.rules ?? []).filter(
    (r) => r.uses.length > 0 && r.pairs.length >= MIN_RULE_PAIRS,
  );
  const fitted = new Map<RuleRange, number>();
  if (rules.length === 0) {
    const lambda = clampLambda((global.model.lambda * (levels.length / c)) / allPairs);
    return { ...global, model: { ...global.model, lambda } };
  }

  const mSum = comparisons.map((cmp) => new Array<number>(cmp.levels.length).fill(0));
  const mass = new Array<number>(c).fill(0);
  let iterations = global.iterations;
  let converged = global.converged;
  for (const rule of rules) {
    const count = rule.pairs.length;
    const skip = comparisons.map((cmp) => rule.uses.includes(cmp.name));
    const fit = fitEm(patternsOf(levels, c, rule.pairs, skip), fresh(), options);
    iterations = Math.max(iterations, fit.iterations);
    converged &&= fit.converged;
    const ruleMatches = fit.model.lambda * count;
    fitted.set(rule, fit.model.lambda);
    fit.model.comparisons.forEach((prm, k) => {
      if (skip[k]) return;
      mass[k] = (mass[k] as number) + ruleMatches;
      const row = mSum[k] as number[];
      for (let l = 1; l < prm.m.length; l++)
        row[l] = (row[l] as number) + ruleMatches * (prm.m[l] as number);
    });
  }
  const comparisonsOut = global.model.comparisons.map((prm, k) => {
    const w = mass[k] as number;
    if (w <= 0) return prm;
    return { ...prm, m: (mSum[k] as number[]).map((v) => v / w) };
  });
  let matches = 0;
  let counted = 0;
  for (const rule of options.rules ?? []) {
    const fit = fitted.get(rule);
    if (!fit) continue;
    matches += fit * rule.produced;
    counted += rule.produced;
  }
  matches += global.model.lambda * (levels.length / c - counted);
  const lambda = clampLambda(matches / allPairs);
  return { model: { comparisons: comparisonsOut, lambda }, iterations, converged };
}

/** log2(m/u) per comparison and level, for scoring many pairs quickly. */
export function weightTable(model: Model): Float64Array[] {
  return model.comparisons.map((p) => {
    const t = new Float64Array(p.levels.length);
    for (let l = 1; l < p.levels.length; l++)
      t[l] = Math.log2((p.m[l] as number) / (p.u[l] as number));
    return t;
  });
}

export function priorWeight(model: Model): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}

export function probabilityOf(weight: number, prior: number): number {
  return 1 / (1 + 2 ** -(weight + prior));
}

/** Match weight of one pair from its levels (at `offset` in `levels`). */
export function weightOf(
  table: readonly Float64Array[],
  levels: Uint8Array,
  offset: number,
): number {
  let w = 0;
  for (let k = 0; k < table.length; k++)
    w += (table[k] as Float64Array)[levels[offset + k] as number] as number;
  return w;
}

/** Score one pair: weight, probability and what each comparison contributed. */
export function score<R>(model: Model, comparisons: readonly Comparison<R>[], a: R, b: R): Score {
  const levels = new Uint8Array(comparisons.length);
  compareInto(comparisons, a, b, levels, 0);
  return scoreLevels(model, levels);
}

export function scoreLevels(model: Model, levels: Uint8Array, offset = 0): Score {
  const contributions: Contribution[] = [];
  let weight = 0;
  model.comparisons.forEach((p, k) => {
    const level = levels[offset + k] as number;
    const w = level === 0 ? 0 : Math.log2((p.m[level] as number) / (p.u[level] as number));
    weight += w;
    contributions.push({
      comparison: p.name,
      level,
      description: p.levels[level] ?? "",
      weight: w,
    });
  });
  return { weight, probability: probabilityOf(weight, priorWeight(model)), contributions };
}
