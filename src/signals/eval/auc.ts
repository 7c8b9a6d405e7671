/**
 * Ranking measures for the strength evaluation: ROC AUC as the Mann–Whitney statistic (tied
 * scores get the mean rank, so a tie between a positive and a negative counts one half), and
 * per-person hit@1 (ties at the top count fractionally).
 *
 * @example
 * auc([0.9, 0.4, 0.4, 0.1], [true, true, false, false]) // (1 + 1 + 0.5 + 1) / 4 = 0.875
 * hitAt1([{ person: "a", score: 2, positive: true }, { person: "a", score: 1, positive: false }]) // 1
 */

/** Probability that a random positive outscores a random negative; NaN without both kinds. */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    const value = scores[order[i] as number] as number;
    while (j < n && scores[order[j] as number] === value) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (positive[order[k] as number]) {
        rankSum += meanRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface RankedTie {
  person: string | number;
  score: number;
  positive: boolean;
}

/**
 * Over the people with at least one positive tie: the share whose top-scored tie is positive.
 * When several ties share the top score, the person counts as the fraction of them that are
 * positive (the expected hit of a random pick among them).
 */
export function hitAt1(ties: Iterable<RankedTie>): number {
  const best = new Map<
    string | number,
    { score: number; hits: number; count: number; any: boolean }
  >();
  for (const t of ties) {
    let b = best.get(t.person);
    if (!b) {
      b = { score: Number.NEGATIVE_INFINITY, hits: 0, count: 0, any: false };
      best.set(t.person, b);
    }
    if (t.positive) b.any = true;
    if (t.score > b.score) {
      b.score = t.score;
      b.hits = 0;
      b.count = 0;
    }
    if (t.score === b.score) {
      b.count++;
      if (t.positive) b.hits++;
    }
  }
  let people = 0;
  let sum = 0;
  for (const b of best.values()) {
    if (!b.any) continue;
    people++;
    sum += b.hits / b.count;
  }
  return people === 0 ? Number.NaN : sum / people;
}
