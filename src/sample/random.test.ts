import { describe, expect, it } from "vitest";
import { createRng, hashSeed, Rng } from "./random.js";

const draw = (rng: Rng, n = 1000) => Array.from({ length: n }, () => rng.uint32());

describe("Rng", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(draw(createRng("world", 1))).toEqual(draw(createRng("world", 1)));
  });

  it("gives different sequences for different seeds and labels", () => {
    const a = draw(createRng("world", 1), 50);
    expect(draw(createRng("world", 2), 50)).not.toEqual(a);
    expect(draw(createRng("other", 1), 50)).not.toEqual(a);
  });

  it("pins the first values, so output stays stable across refactors", () => {
    expect(draw(createRng("world", 1), 3)).toEqual([241402513, 1255937964, 2642516409]);
  });

  it("is sensitive to the order of seed parts", () => {
    expect(hashSeed("a", 1)).not.toBe(hashSeed(1, "a"));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
  });

  it("keeps floats in [0, 1) and integers within inclusive bounds, reaching both ends", () => {
    const rng = createRng("bounds");
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const k = rng.int(-2, 3);
      expect(k).toBeGreaterThanOrEqual(-2);
      expect(k).toBeLessThanOrEqual(3);
      seen.add(k);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it("weights picks by their weight", () => {
    const rng = createRng("weights");
    let b = 0;
    for (let i = 0; i < 20000; i++)
      if (
        rng.weighted([
          ["a", 1],
          ["b", 3],
        ] as const) === "b"
      )
        b++;
    expect(b / 20000).toBeGreaterThan(0.72);
    expect(b / 20000).toBeLessThan(0.78);
  });

  it("hits chance(p) about p of the time", () => {
    const rng = createRng("chance");
    let hits = 0;
    for (let i = 0; i < 20000; i++) if (rng.chance(0.1)) hits++;
    expect(hits / 20000).toBeGreaterThan(0.09);
    expect(hits / 20000).toBeLessThan(0.11);
  });

  it("shuffles into a permutation and samples distinct items", () => {
    const rng = createRng("shuffle");
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(items.slice());
    expect(shuffled).not.toEqual(items);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items, 80)).toHaveLength(50);
  });

  it("refuses to pick from an empty list", () => {
    expect(() => createRng("x").pick([])).toThrow(RangeError);
    expect(() => createRng("x").weighted([])).toThrow(RangeError);
  });

  it("forks streams that do not repeat the parent", () => {
    const parent = createRng("fork");
    const child = parent.fork("child");
    expect(draw(child, 20)).not.toEqual(draw(parent, 20));
    expect(draw(createRng("fork").fork("child"), 20)).toEqual(
      draw(createRng("fork").fork("child"), 20),
    );
  });
});
