import { describe, expect, it } from "vitest";
import {
  cosine,
  distinctTerms,
  idf,
  MANY_WRITERS,
  ONE_WRITER_FACTOR,
  PHRASE_BOOST,
  sharedTerms,
  termFrequency,
  termWeight,
  unitVector,
} from "./weights.js";

const v = (entries: Record<string, number>) => new Map(Object.entries(entries));
const length = (m: Map<string, number>) =>
  Math.sqrt([...m.values()].reduce((s, w) => s + w * w, 0));

describe("weights", () => {
  it("idf is positive and falls as a term gets common", () => {
    const values = [1, 2, 10, 100, 1000].map((df) => idf(df, 1000));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] as number);
    expect(values[values.length - 1]).toBeGreaterThan(0);
  });

  it("term frequency grows with texts, less with repeats, and only with the log of the count", () => {
    expect(termFrequency(2, 2)).toBeGreaterThan(termFrequency(1, 1));
    expect(termFrequency(1, 4)).toBeGreaterThan(termFrequency(1, 1));
    expect(termFrequency(1, 4)).toBeLessThan(termFrequency(4, 4));
    expect(termFrequency(150, 150) / termFrequency(40, 40)).toBeLessThan(1.5);
    expect(termFrequency(0, 0)).toBe(0);
  });

  it("a term only one writer uses counts less, once the graph has many writers", () => {
    const e = { term: "slide deck", texts: 9, uses: 9, df: 9, docs: 5000 };
    const shared = termWeight({ ...e, writers: 4, allWriters: MANY_WRITERS });
    expect(termWeight({ ...e, writers: 1, allWriters: MANY_WRITERS })).toBeCloseTo(
      shared * ONE_WRITER_FACTOR,
    );
    expect(termWeight({ ...e, writers: 1, allWriters: 3 })).toBeCloseTo(shared);
  });

  it("phrases weigh more than single words with the same evidence", () => {
    const e = { texts: 2, uses: 2, df: 5, docs: 100 };
    expect(termWeight({ ...e, term: "content marketing" })).toBeCloseTo(
      termWeight({ ...e, term: "marketing" }) * PHRASE_BOOST,
    );
  });

  it("unit vectors keep the heaviest terms and have length 1", () => {
    const u = unitVector(v({ a: 3, b: 4, c: 1, d: 0 }), 2);
    expect([...u.keys()]).toEqual(["b", "a"]);
    expect(length(u)).toBeCloseTo(1);
    expect(unitVector(new Map()).size).toBe(0);
  });

  it("cosine: 1 for the same direction, 0 for nothing shared, symmetric", () => {
    const a = v({ sourdough: 2, ramen: 1 });
    const b = v({ sourdough: 1, cycling: 3 });
    expect(cosine(a, v({ sourdough: 4, ramen: 2 }))).toBeCloseTo(1);
    expect(cosine(a, v({ cycling: 1 }))).toBe(0);
    expect(cosine(a, b)).toBeCloseTo(cosine(b, a));
    expect(cosine(a, b)).toBeCloseTo(2 / (Math.sqrt(5) * Math.sqrt(10)));
    expect(cosine(a, new Map())).toBe(0);
  });

  it("shared terms come biggest contribution first, without words a phrase holds", () => {
    const a = v({ "content marketing": 0.6, content: 0.5, sourdough: 0.3, ramen: 0.5 });
    const b = v({ "content marketing": 0.5, content: 0.5, sourdough: 0.6, cycling: 0.9 });
    expect(sharedTerms(a, b)).toEqual(["content marketing", "sourdough"]);
    expect(sharedTerms(a, b, 1)).toEqual(["content marketing"]);
    expect(sharedTerms(a, v({ cycling: 1 }))).toEqual([]);
  });

  it("distinct terms: a phrase replaces a word it holds, in the word's place", () => {
    expect(distinctTerms(["content", "sourdough", "content marketing", "marketing"], 5)).toEqual([
      "content marketing",
      "sourdough",
    ]);
    expect(distinctTerms(["a", "b", "c"], 2)).toEqual(["a", "b"]);
  });
});
