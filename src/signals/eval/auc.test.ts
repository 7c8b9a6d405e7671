import { describe, expect, it } from "vitest";
import { auc, hitAt1 } from "./auc.js";

describe("auc", () => {
  it("counts a tied positive–negative pair as one half", () => {
    // pairs (pos, neg): (0.9,0.4) 1, (0.9,0.1) 1, (0.4,0.4) ½, (0.4,0.1) 1 → 3.5 / 4
    expect(auc([0.9, 0.4, 0.4, 0.1], [true, true, false, false])).toBe(0.875);
    expect(auc([1, 2, 3], [false, false, true])).toBe(1);
    expect(auc([1, 1], [true, false])).toBe(0.5);
    expect(auc([1, 2], [true, true])).toBeNaN();
  });

  it("hit@1 over people with a positive tie, ties at the top shared", () => {
    const hit = hitAt1([
      { person: "a", score: 2, positive: true },
      { person: "a", score: 1, positive: false },
      { person: "b", score: 5, positive: false },
      { person: "b", score: 5, positive: true },
      { person: "c", score: 1, positive: false },
    ]);
    expect(hit).toBe((1 + 0.5) / 2);
  });
});
