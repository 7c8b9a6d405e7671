/**
 * The who-to-meet-next evaluation's measures on tiny hand-made graphs, computed by hand:
 * hit@k and P@k (with tied scores in expectation), Adamic–Adar, preferential attachment, and
 * the protocol's new ties and graph on a hand-made message list.
 */
import { describe, expect, it } from "vitest";
import { adamicAdar, atK, preferentialAttachment } from "./ranking.js";
import { graphAt, newTies } from "./suggest-protocol.js";

/** An undirected graph from edge pairs. */
function graph(edges: [number, number][]): Map<number, Map<number, true>> {
  const g = new Map<number, Map<number, true>>();
  const side = (x: number) => {
    let m = g.get(x);
    if (!m) {
      m = new Map();
      g.set(x, m);
    }
    return m;
  };
  for (const [a, b] of edges) {
    side(a).set(b, true);
    side(b).set(a, true);
  }
  return g;
}

describe("hit@k and P@k", () => {
  it("counts the positives in the top k", () => {
    const list = [
      { score: 5, positive: false },
      { score: 4, positive: true },
      { score: 3, positive: true },
      { score: 1, positive: true },
    ];
    expect(atK(2, list)).toEqual({ hit: 1, precision: 0.5 });
    expect(atK(1, list)).toEqual({ hit: 0, precision: 0 });
    expect(atK(10, list)).toEqual({ hit: 1, precision: 0.3 });
  });

  it("takes a tie that straddles the cut-off in expectation", () => {
    // Top 1 from two tied candidates, one positive: half a hit.
    expect(
      atK(1, [
        { score: 1, positive: true },
        { score: 1, positive: false },
      ]),
    ).toEqual({ hit: 0.5, precision: 0.5 });
    // Top 2 from four tied, one positive: P(hit) = 1 − C(3,2)/C(4,2) = 1 − 3/6; 2 · 1/4 hits.
    const four = [true, false, false, false].map((positive) => ({ score: 0, positive }));
    const r = atK(2, four);
    expect(r.hit).toBeCloseTo(0.5, 12);
    expect(r.precision).toBeCloseTo(0.25, 12);
  });

  it("ranks the unscored rest below every scored candidate", () => {
    // One scored negative, then 9 unscored of which 3 positive, top 4: 3 slots from the rest.
    const r = atK(4, [{ score: 1, positive: false }], { count: 9, positives: 3 });
    // P(no positive in 3 of 9 with 3 positive) = (6·5·4)/(9·8·7) = 120/504.
    expect(r.hit).toBeCloseTo(1 - 120 / 504, 12);
    expect(r.precision).toBeCloseTo((3 * 3) / 9 / 4, 12);
  });
});

describe("Adamic–Adar and preferential attachment", () => {
  // 1–2, 1–3, 2–4, 3–4, 3–5, 5–6: for 1, node 4 is reached through 2 (degree 2) and 3 (degree 3).
  const g = graph([
    [1, 2],
    [1, 3],
    [2, 4],
    [3, 4],
    [3, 5],
    [5, 6],
  ]);

  it("sums 1 / ln(degree) over the common neighbours", () => {
    const aa = adamicAdar(g, 1);
    expect(aa.get(4)).toBeCloseTo(1 / Math.log(2) + 1 / Math.log(3), 12);
    expect(aa.get(5)).toBeCloseTo(1 / Math.log(3), 12);
    expect(aa.has(6)).toBe(false);
    expect(aa.has(1)).toBe(false);
  });

  it("scores a candidate by its number of ties", () => {
    expect(preferentialAttachment(g, 3)).toBe(3);
    expect(preferentialAttachment(g, 6)).toBe(1);
    expect(preferentialAttachment(g, 99)).toBe(0);
  });
});

describe("the protocol's split", () => {
  const DAY = 86_400_000;
  // Times in days: 1–2 and 2–3 early; after the cut 1–3 is new, 1–2 is an old tie again.
  const src = [1, 2, 1, 1, 4];
  const dst = [2, 3, 3, 2, 1];
  const at = [1, 2, 5, 6, 40].map((d) => d * DAY);
  const msgs = { src, dst, at, order: [0, 1, 2, 3, 4] };

  it("finds the new ties in the window only, both ways round", () => {
    const ties = newTies(msgs, 3 * DAY, 33 * DAY);
    expect([...(ties.get(1) ?? [])]).toEqual([3]);
    expect([...(ties.get(3) ?? [])]).toEqual([1]);
    expect(ties.has(4)).toBe(false);
  });

  it("builds the graph from messages up to the cut only", () => {
    const g = graphAt(msgs, 3 * DAY);
    expect([...(g.adjacency.get(2)?.keys() ?? [])].sort()).toEqual([1, 3]);
    expect(g.adjacency.get(1)?.has(3)).toBe(false);
  });
});

describe("the fitted model", () => {
  it("learns to put the feature that marks new ties first", async () => {
    const { fitConditionalLogit, scoreOf } = await import("../../signals/graph/model.js");
    // Ten people; in each list the new tie has the higher first feature, the second is noise.
    const groups = Array.from({ length: 10 }, (_, g) => ({
      rows: [
        [2 + (g % 3) * 0.1, (g * 7) % 5],
        [1, (g * 3) % 5],
        [0.5, g % 5],
      ],
      ys: [1, 0, 0],
    }));
    const model = fitConditionalLogit(groups);
    expect(model.weights[0]).toBeGreaterThan(0);
    for (const g of groups) {
      const scores = g.rows.map((r) => scoreOf(model, r));
      expect(scores[0]).toBe(Math.max(...scores));
    }
  });
});
