/**
 * Measures of one person's ranked list for the who-to-meet-next evaluation: hit@k (is any of the
 * top k a new tie?) and P@k (what share of the top k are). Candidates with equal scores are in
 * no particular order, so where a group of equal scores straddles the cut-off both measures are
 * their expected value over the orders of that group. `rest` is one more group below every
 * scored candidate (the people a method gives no score at all).
 * Also the two baselines' scores: Adamic–Adar and preferential attachment.
 *
 * @example
 * atK(10, [{ score: 2, positive: false }, { score: 1, positive: true }]);  // { hit: 1, precision: 0.1 }
 * atK(1, [{ score: 1, positive: true }, { score: 1, positive: false }]);   // { hit: 0.5, precision: 0.5 }
 */

export interface Scored {
  score: number;
  positive: boolean;
}

export interface AtK {
  hit: number;
  precision: number;
}

export function atK(
  k: number,
  scored: readonly Scored[],
  rest: { count: number; positives: number } = { count: 0, positives: 0 },
): AtK {
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const groups: { size: number; positives: number }[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let positives = 0;
    while (j < sorted.length && (sorted[j] as Scored).score === (sorted[i] as Scored).score) {
      if ((sorted[j] as Scored).positive) positives++;
      j++;
    }
    groups.push({ size: j - i, positives });
    i = j;
  }
  if (rest.count > 0) groups.push({ size: rest.count, positives: rest.positives });
  let slots = k;
  let hits = 0;
  let missAll = 1;
  for (const g of groups) {
    if (slots <= 0) break;
    if (g.size <= slots) {
      hits += g.positives;
      if (g.positives > 0) missAll = 0;
      slots -= g.size;
      continue;
    }
    hits += (slots * g.positives) / g.size;
    // Chance that `slots` picks from the group hold none of its positives.
    let none = 1;
    for (let i = 0; i < slots; i++) none *= Math.max(0, g.size - g.positives - i) / (g.size - i);
    missAll *= none;
    slots = 0;
  }
  return { hit: 1 - missAll, precision: hits / k };
}

/** Adamic–Adar of u with every node two steps away: Σ over common neighbours z of 1 / ln deg(z). */
export function adamicAdar(
  adjacency: ReadonlyMap<number, ReadonlyMap<number, unknown>>,
  u: number,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const z of adjacency.get(u)?.keys() ?? []) {
    const links = adjacency.get(z);
    if (!links || links.size < 2) continue;
    const w = 1 / Math.log(links.size);
    for (const v of links.keys()) if (v !== u) out.set(v, (out.get(v) ?? 0) + w);
  }
  return out;
}

/** Preferential attachment's score for a candidate v of anyone: its number of ties. */
export function preferentialAttachment(
  adjacency: ReadonlyMap<number, ReadonlyMap<number, unknown>>,
  v: number,
): number {
  return adjacency.get(v)?.size ?? 0;
}
