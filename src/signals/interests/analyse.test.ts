import { describe, expect, it } from "vitest";
import { analyse, MAX_TEXT_CHARS, plainText } from "./analyse.js";

const terms = (text: string, names?: Set<string>) => [...analyse(text, names).keys()];

describe("plainText", () => {
  it("drops markup, scripts and comments, and decodes entities", () => {
    const t = plainText(
      '<p>Fish &amp; chips &#8211; <a href="https://x.example">the&nbsp;best</a></p><script>alert("x")</script><!-- hidden -->',
    );
    expect(t).toBe("Fish & chips – the best");
  });

  it("drops URLs, e-mail addresses, @handles and quoted e-mail lines; hashtags keep their word", () => {
    const t = plainText(
      "See https://blog.example/post?id=3 and www.other.example/x, write to ada@example.org\n" +
        "> what you wrote before\nThanks @bob_k for #sourdough",
    );
    expect(t).toBe("See and write to Thanks for sourdough");
  });

  it("cuts a long text", () => {
    expect(plainText("word ".repeat(10_000)).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });
});

describe("analyse", () => {
  it("keeps nouns and adjectives, and the noun phrases they form", () => {
    const found = terms("We are rebuilding our editorial calendar around content marketing.");
    expect(found).toEqual(
      expect.arrayContaining(["editorial calendar", "content marketing", "calendar", "content"]),
    );
    expect(found).not.toContain("rebuilding");
    expect(found).not.toContain("our");
  });

  it("counts occurrences and makes plural nouns singular in words and phrases", () => {
    const counts = analyse("Volunteer shifts at food banks. One more volunteer shift this week.");
    expect(counts.get("volunteer shift")).toBe(2);
    expect(counts.get("shift")).toBe(2);
    expect(counts.get("food bank")).toBe(1);
    expect(counts.has("shifts")).toBe(false);
  });

  it("keeps a singular noun as written where the model's lemma would mangle it", () => {
    expect(terms("A bowl of ramen and some analytics.")).toEqual(
      expect.arrayContaining(["ramen", "analytics"]),
    );
  });

  it("joins hyphenated compounds", () => {
    const found = terms("Finding product-market fit with long-form content.");
    expect(found).toEqual(
      expect.arrayContaining(["product-market fit", "long-form content", "product-market"]),
    );
    expect(found).not.toContain("market");
  });

  it("leaves out stop words, numbers, generic words, contractions and job-title words alone", () => {
    const found = terms(
      "I’m sure there were 2024 great things in 12 weeks, said the community manager.",
    );
    for (const t of ["i’m", "2024", "12", "great", "thing", "week", "manager"]) {
      expect(found).not.toContain(t);
    }
    expect(found).toContain("community manager");
  });

  it("leaves out people's names given to it, as proper nouns only", () => {
    const text = "Thanks Tiago! Loved your notes on sourdough.";
    expect(terms(text)).toContain("tiago");
    expect(terms(text, new Set(["tiago"]))).not.toContain("tiago");
    expect(terms(text, new Set(["tiago"]))).toContain("sourdough");
  });

  it("reads HTML bodies without their tags and attributes", () => {
    const found = terms(
      '<p class="lead">Notes on <b>cohort analysis</b> <img src="chart.png"></p>',
    );
    expect(found).toContain("cohort analysis");
    expect(found.some((t) => /class|lead|img|src|png/.test(t))).toBe(false);
  });

  it("gives nothing for text without words, and never throws on odd input", () => {
    for (const odd of [
      "",
      "   ",
      "<<<>>>",
      "https://a.example/b",
      "12 34 5.6",
      "!!! ???",
      "\u0000\uFFFF",
    ]) {
      expect(analyse(odd).size).toBe(0);
    }
    expect(() => analyse("&#xFFFFFFF; &#0; <a href='").size).not.toThrow();
  });
});
