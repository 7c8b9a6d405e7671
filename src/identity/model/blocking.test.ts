import { describe, expect, it } from "vitest";
import { candidatePairs, radixSortByKey, uniquePairs } from "./blocking.js";
import { seeded } from "./random.js";

describe("radixSortByKey", () => {
  it("sorts unsigned 32-bit keys stably, carrying values", () => {
    const rnd = seeded(4);
    const n = 5000;
    const keys = new Uint32Array(n);
    const values = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      keys[i] = Math.floor(rnd() * 300) * 0x1000000 + (i % 3);
      values[i] = i;
    }
    const expected = Array.from(keys, (k, i) => [k, i] as const).sort(
      (x, y) => x[0] - y[0] || x[1] - y[1],
    );
    const sorted = radixSortByKey(keys.slice(), values.slice(), n);
    expect(Array.from(sorted.keys)).toEqual(expected.map((e) => e[0]));
    expect(Array.from(sorted.values)).toEqual(expected.map((e) => e[1]));
  });
});

describe("uniquePairs", () => {
  it("keeps each pair once, sorted, with the rule bits of all its duplicates", () => {
    const left = Uint32Array.of(2, 0, 0, 2, 1, 0, 0);
    const right = Uint32Array.of(3, 5, 1, 3, 4, 5, 1);
    const masks = Uint32Array.of(1, 2, 1, 4, 1, 1, 1);
    const u = uniquePairs(left, right, masks, left.length, 4);
    expect(u.count).toBe(4);
    expect(Array.from(u.left)).toEqual([0, 0, 1, 2]);
    expect(Array.from(u.right)).toEqual([1, 5, 4, 3]);
    expect(Array.from(u.rules)).toEqual([1, 3, 1, 5]);
  });
});

describe("candidatePairs with refine", () => {
  it("splits an oversized block on the refining keys instead of dropping it", () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ name: "smith", city: `c${i % 10}` }));
    type Rec = { name: string; city: string };
    const rule = { name: "name", keys: (r: Rec) => [r.name] };
    expect(candidatePairs(records, [rule], { maxBlock: 10 }).count).toBe(0);
    const refined = candidatePairs(records, [{ ...rule, refine: (r: Rec) => [r.city] }], {
      maxBlock: 10,
    });
    // Ten cities of four records each: 10 × 6 pairs, all in the same city.
    expect(refined.count).toBe(60);
    for (let p = 0; p < refined.count; p++) {
      expect(records[refined.left[p] as number]?.city).toBe(
        records[refined.right[p] as number]?.city,
      );
    }
    expect(refined.perRule[0]?.pairs).toBe(60);
  });
});
