import { describe, expect, it } from "vitest";
import { compareGiven, compareNames, foldName, parseName } from "./names.js";
import { formalNames, isNickname, NICKNAME_COUNT } from "./nicknames.js";
import { soundex } from "./phonetic.js";

const cmp = (a: string, b: string) => compareNames(parseName(a), parseName(b));

describe("parseName", () => {
  it("folds accents and reads 'Last, First' order", () => {
    expect(foldName("  Zoë  Ångström ")).toBe("zoe angstrom");
    const p = parseName("Lovelace, Ada King");
    expect(p.given).toBe("ada");
    expect(p.surname).toBe("lovelace");
    expect(p.middles).toEqual(["king"]);
  });

  it("drops titles and suffixes and keeps particles and hyphens in the surname", () => {
    expect(parseName("Dr. Martin Luther King, Jr.").surname).toBe("king");
    expect(parseName("Ludwig van Beethoven").surname).toBe("vanbeethoven");
    expect(parseName("Mary Smith-Jones").surnameParts).toEqual(["smith", "jones"]);
  });
});

describe("compareNames", () => {
  it("recognises nicknames", () => {
    expect(cmp("Bob Smith", "Robert Smith")).toBe("nickname");
    expect(cmp("Bill Gates", "William Gates")).toBe("nickname");
    expect(cmp("Liz Taylor", "Elizabeth Taylor")).toBe("nickname");
    expect(isNickname("bob", "bobby")).toBe(true);
    expect(formalNames("peggy")).toContain("margaret");
    expect(NICKNAME_COUNT).toBeGreaterThanOrEqual(150);
  });

  it("recognises initials, swapped order, accents and typos", () => {
    expect(cmp("J. Smith", "John Smith")).toBe("initials");
    expect(cmp("Smith John", "John Smith")).toBe("swapped");
    expect(cmp("Smith, John", "John Smith")).toBe("exact");
    expect(cmp("José García", "Jose Garcia")).toBe("exact");
    expect(cmp("Jonathon Smith", "Jonathan Smith")).toBe("fuzzy");
  });

  it("recognises maiden names and hyphenated surnames", () => {
    expect(cmp("Mary Jones", "Mary Smith-Jones")).toBe("surname-part");
    expect(cmp("Ada Byron", "Ada Lovelace")).toBe("given-only");
    expect(cmp("Ada Lovelace", "Grace Hopper")).toBe("different");
  });

  it("grades given names", () => {
    expect(compareGiven("j", "john")).toBe("initial");
    expect(compareGiven("john", "jon")).toBe("nickname");
    expect(compareGiven("anne", "mark")).toBe("different");
  });
});

describe("soundex", () => {
  it("codes names that sound alike the same way", () => {
    expect(soundex("robert")).toBe("r163");
    expect(soundex("rupert")).toBe("r163");
    expect(soundex("ashcraft")).toBe("a261");
    expect(soundex("tymczak")).toBe("t522");
    expect(soundex("")).toBe("");
  });
});

describe("foldName on plain ASCII", () => {
  it("matches the full Unicode folding", () => {
    const slow = (raw: string) =>
      raw
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/['’`]/g, "")
        .replace(/[^\p{L}\p{N}-]+/gu, " ")
        .replace(/\s*-+\s*/g, "-")
        .replace(/^-+|-+$/g, "")
        .trim();
    for (const raw of [
      "  O'Brien, Mary-Kate ",
      "- Smith -Jones-",
      "Dr. J.R.R. Tolkien III",
      "ACME Labs (UK) Ltd.",
      "a -- b",
      "x_y\tz`w",
      "",
    ]) {
      expect(foldName(raw)).toBe(slow(raw));
    }
  });
});
