import { describe, expect, it } from "vitest";
import { damerauLevenshtein, jaro, jaroWinkler, levenshtein } from "./similarity.js";

describe("jaro and jaro-winkler", () => {
  it("matches the published reference values", () => {
    expect(jaro("martha", "marhta")).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 4);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 4);
    expect(jaro("crate", "trace")).toBeCloseTo(0.7333, 4);
  });

  it("handles equal, empty and disjoint strings", () => {
    expect(jaroWinkler("", "")).toBe(1);
    expect(jaroWinkler("abc", "")).toBe(0);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("same", "same")).toBe(1);
  });

  it("is symmetric and works after long inputs grow the buffers", () => {
    const long = "x".repeat(500);
    expect(jaroWinkler(long, `${long}y`)).toBeGreaterThan(0.99);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(jaroWinkler("marhta", "martha"), 10);
  });
});

describe("edit distances", () => {
  it("counts levenshtein edits", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("flaw", "lawn")).toBe(2);
  });

  it("counts an adjacent transposition as one edit", () => {
    expect(damerauLevenshtein("ca", "ac")).toBe(1);
    expect(levenshtein("ca", "ac")).toBe(2);
    expect(damerauLevenshtein("19710624", "19716024")).toBe(1);
    expect(damerauLevenshtein("abc", "abc")).toBe(0);
    expect(damerauLevenshtein("a cat", "an act")).toBe(2);
  });
});
