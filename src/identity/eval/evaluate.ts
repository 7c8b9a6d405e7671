/**
 * Deduplicate one labelled dataset and measure it: blocking recall and reduction ratio, then
 * pairwise precision, recall and F1 of the pairs the trained model accepts — at the review
 * threshold (probability ≥ 0.5) and at the automatic-merge threshold (≥ 0.99) — and of the
 * clusters the automatic merges form by transitive closure.
 *
 * @example
 * const r = evaluate(parseDataset(text, "dataset1.csv"));
 * r.pairsKept; r.reduction; r.review.f1; r.auto.precision;
 */
import { performance } from "node:perf_hooks";
import {
  type BlockingRule,
  type Comparison,
  candidatePairs,
  compareAll,
  priorWeight,
  probabilityOf,
  ruleRanges,
  trainOnLevels,
  UnionFind,
  weightOf,
  weightTable,
} from "../model/index.js";
import { FEBRL_BLOCKING, FEBRL_COMPARISONS } from "../schemas/febrl.js";
import { SPLINK_BLOCKING, SPLINK_COMPARISONS } from "../schemas/splink-fake.js";
import type { Dataset } from "./dataset.js";

export const REVIEW_THRESHOLD = 0.5;
export const AUTO_MERGE_THRESHOLD = 0.99;

export interface PairMetrics {
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  name: string;
  kind: Dataset["kind"];
  records: number;
  truePairs: number;
  candidates: number;
  pairsKept: number;
  reduction: number;
  /** Full comparison vectors per second (each covers every comparison of the schema). */
  pairsPerSecond: number;
  review: PairMetrics;
  auto: PairMetrics;
  /** Clusters formed by transitive closure of the automatic merges, counted as pairs. */
  closure: PairMetrics;
  lambda: number;
  iterations: number;
}

export function evaluate(dataset: Dataset): Evaluation {
  return dataset.kind === "febrl"
    ? {
        kind: dataset.kind,
        ...run(dataset.name, dataset.records, dataset.truth, FEBRL_COMPARISONS, FEBRL_BLOCKING),
      }
    : {
        kind: dataset.kind,
        ...run(dataset.name, dataset.records, dataset.truth, SPLINK_COMPARISONS, SPLINK_BLOCKING),
      };
}

function metrics(predicted: number, correct: number, truePairs: number): PairMetrics {
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, correct, precision, recall, f1 };
}

function pairsWithin(groups: Map<string | number, number>): number {
  let n = 0;
  for (const s of groups.values()) n += (s * (s - 1)) / 2;
  return n;
}

function run<R>(
  name: string,
  records: R[],
  truth: number[],
  comparisons: Comparison<R>[],
  blocking: BlockingRule<R>[],
): Omit<Evaluation, "kind"> {
  const n = records.length;
  const sizes = new Map<number, number>();
  for (const t of truth) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  const truePairs = pairsWithin(sizes);

  const pairs = candidatePairs(records, blocking);
  const t0 = performance.now();
  const levels = compareAll(records, comparisons, pairs);
  const seconds = (performance.now() - t0) / 1000;
  const trained = trainOnLevels(records, comparisons, levels, {
    seed: 1,
    rules: ruleRanges(blocking, pairs),
  });
  const table = weightTable(trained.model);
  const prior = priorWeight(trained.model);
  const c = comparisons.length;

  let kept = 0;
  let review = 0;
  let reviewOk = 0;
  let auto = 0;
  let autoOk = 0;
  const uf = new UnionFind(n);
  for (let p = 0; p < pairs.count; p++) {
    const a = pairs.left[p] as number;
    const b = pairs.right[p] as number;
    const same = truth[a] === truth[b];
    if (same) kept++;
    const prob = probabilityOf(weightOf(table, levels, p * c), prior);
    if (prob >= REVIEW_THRESHOLD) {
      review++;
      if (same) reviewOk++;
    }
    if (prob >= AUTO_MERGE_THRESHOLD) {
      auto++;
      if (same) autoOk++;
      uf.union(a, b);
    }
  }
  const clusterSizes = new Map<number, number>();
  const jointSizes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    clusterSizes.set(root, (clusterSizes.get(root) ?? 0) + 1);
    const key = `${root}|${truth[i]}`;
    jointSizes.set(key, (jointSizes.get(key) ?? 0) + 1);
  }
  return {
    name,
    records: n,
    truePairs,
    candidates: pairs.count,
    pairsKept: truePairs === 0 ? 1 : kept / truePairs,
    reduction: 1 - pairs.count / ((n * (n - 1)) / 2),
    pairsPerSecond: seconds > 0 ? pairs.count / seconds : 0,
    review: metrics(review, reviewOk, truePairs),
    auto: metrics(auto, autoOk, truePairs),
    closure: metrics(pairsWithin(clusterSizes), pairsWithin(jointSizes), truePairs),
    lambda: trained.model.lambda,
    iterations: trained.iterations,
  };
}
