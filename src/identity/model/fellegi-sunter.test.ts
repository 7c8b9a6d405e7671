import { describe, expect, it } from "vitest";
import { candidatePairs } from "./blocking.js";
import type { BlockingRule, Comparison } from "./comparison.js";
import { patternsOf, score, train } from "./fellegi-sunter.js";
import { seeded } from "./random.js";

interface Rec {
  entity: number;
  a: number;
  b: number;
  c: number;
  key: string;
}

/**
 * Three categorical fields with 50 values each (u(agree) ≈ 0.02) and a blocking key; a
 * duplicate copies each field with probability 0.9 (m(agree) ≈ 0.9).
 */
function generate(n: number, seed: number): Rec[] {
  const rnd = seeded(seed);
  const out: Rec[] = [];
  const v = () => Math.floor(rnd() * 50);
  for (let e = 0; out.length < n; e++) {
    const base = { entity: e, a: v(), b: v(), c: v(), key: `k${Math.floor(rnd() * 400)}` };
    out.push(base);
    if (rnd() < 0.5) {
      out.push({
        entity: e,
        a: rnd() < 0.9 ? base.a : v(),
        b: rnd() < 0.9 ? base.b : v(),
        c: rnd() < 0.9 ? base.c : v(),
        key: base.key,
      });
    }
  }
  return out;
}

const field = (name: "a" | "b" | "c"): Comparison<Rec> => ({
  name,
  levels: [`${name} missing`, `same ${name}`, `different ${name}`],
  compare: (x, y) => (x[name] === y[name] ? 1 : 2),
});

const comparisons = [field("a"), field("b"), field("c")];
const rules: BlockingRule<Rec>[] = [{ name: "key", keys: (r) => [r.key] }];

describe("train", () => {
  it("recovers m and u from unlabelled data", () => {
    const records = generate(3000, 11);
    const t = train(records, comparisons, rules, { seed: 3 });
    for (const p of t.model.comparisons) {
      expect(p.u[1]).toBeGreaterThan(0.012);
      expect(p.u[1]).toBeLessThan(0.03);
      expect(p.m[1]).toBeGreaterThan(0.85);
      expect(p.m[1]).toBeLessThan(0.95);
    }
    expect(t.converged).toBe(true);
  });

  it("scores duplicates above non-duplicates and explains each comparison", () => {
    const records = generate(2000, 5);
    const t = train(records, comparisons, rules, { seed: 3 });
    const dup = records.findIndex((r, i) => i > 0 && records[i - 1]?.entity === r.entity);
    const same = score(t.model, comparisons, records[dup - 1] as Rec, records[dup] as Rec);
    const other = score(t.model, comparisons, records[0] as Rec, {
      ...(records[0] as Rec),
      a: -1,
      b: -1,
      c: -1,
    });
    expect(same.weight).toBeGreaterThan(other.weight);
    expect(other.contributions.map((c) => c.description)).toEqual([
      "different a",
      "different b",
      "different c",
    ]);
    expect(other.probability).toBeLessThan(0.01);
  });
});

describe("candidatePairs", () => {
  it("keeps planted pairs, emits each pair once and skips oversized blocks", () => {
    const records = generate(2000, 9);
    const p = candidatePairs(records, [...rules, { name: "a+b", keys: (r) => [`${r.a}|${r.b}`] }]);
    const seen = new Set<string>();
    let kept = 0;
    for (let i = 0; i < p.count; i++) {
      const key = `${p.left[i]}|${p.right[i]}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(p.left[i] as number).toBeLessThan(p.right[i] as number);
      if (records[p.left[i] as number]?.entity === records[p.right[i] as number]?.entity) kept++;
    }
    const planted = records.filter((r, i) => i > 0 && records[i - 1]?.entity === r.entity).length;
    expect(kept).toBe(planted);
    const capped = candidatePairs(records, [{ name: "all", keys: () => ["same"] }], {
      maxBlock: 100,
    });
    expect(capped.count).toBe(0);
    expect(capped.perRule[0]?.droppedBlocks).toBe(1);
  });
});

describe("patternsOf", () => {
  /** Counts of level vectors by plain string keys, for comparison. */
  function naive(levels: Uint8Array, c: number, pairs: number[], skip: boolean[]) {
    const counts = new Map<string, number>();
    for (const p of pairs) {
      const row = Array.from(levels.subarray(p * c, p * c + c), (l, k) => (skip[k] ? 0 : l));
      counts.set(row.join(","), (counts.get(row.join(",")) ?? 0) + 1);
    }
    return [...counts].sort();
  }
  const asSorted = (ps: { levels: number[]; count: number }[]) =>
    ps.map((p) => [p.levels.join(","), p.count] as [string, number]).sort();

  it("counts each distinct level vector, over a subset of pairs and with skipped comparisons", () => {
    const rnd = seeded(3);
    const c = 8;
    const n = 5000;
    const levels = new Uint8Array(n * c);
    for (let i = 0; i < levels.length; i++) levels[i] = Math.floor(rnd() * rnd() * 7);
    const all = Array.from({ length: n }, (_, i) => i);
    const none = new Array<boolean>(c).fill(false);
    expect(asSorted(patternsOf(levels, c))).toEqual(naive(levels, c, all, none));
    const some = all.filter((i) => i % 3 === 1);
    const skip = none.map((_, k) => k === 0 || k === 5);
    expect(asSorted(patternsOf(levels, c, Uint32Array.from(some), skip))).toEqual(
      naive(levels, c, some, skip),
    );
  });

  it("still counts when the level vectors do not fit a dense table", () => {
    const rnd = seeded(4);
    const c = 14;
    const n = 3000;
    const levels = new Uint8Array(n * c);
    for (let i = 0; i < levels.length; i++) levels[i] = Math.floor(rnd() * 15);
    const all = Array.from({ length: n }, (_, i) => i);
    expect(asSorted(patternsOf(levels, c))).toEqual(
      naive(levels, c, all, new Array<boolean>(c).fill(false)),
    );
  });
});
