/**
 * Personal names for matching: parse a written name into given name, middle names and
 * surname (accents folded, "Last, First" order, titles and suffixes dropped, surname
 * particles and hyphenated parts kept), then say in one word how two names agree — exact,
 * swapped, fuzzy (Jaro–Winkler ≥ 0.94), nickname (Bob/Robert), initials ("J. Smith"),
 * a shared part of a hyphenated surname, the given name only (a maiden or married name),
 * the surname only, or different.
 *
 * @example
 * const a = parseName("Lovelace, Ada");          // { given: "ada", surname: "lovelace", … }
 * compareNames(parseName("Bob Smith"), parseName("Robert Smith"));   // "nickname"
 * compareNames(parseName("J. Smith"), parseName("John Smith"));      // "initials"
 * compareNames(parseName("Mary Jones"), parseName("Mary Smith-Jones")); // "surname-part"
 */
import { givenForms, isNickname } from "./nicknames.js";
import { jaroWinkler } from "./similarity.js";

export interface ParsedName {
  /** First given name, folded ("" when the name has none). */
  given: string;
  /** Further given names or initials, folded. */
  middles: string[];
  /** Surname with particles and hyphens removed ("van der Berg" → "vanderberg"). */
  surname: string;
  /** The hyphen- or space-separated parts of the surname ("smith-jones" → ["smith", "jones"]). */
  surnameParts: string[];
  /** Given and surname joined by one space, for display and whole-name similarity. */
  full: string;
}

export type NameAgreement =
  | "exact"
  | "swapped"
  | "fuzzy"
  | "nickname"
  | "initials"
  | "surname-part"
  | "given-only"
  | "surname-only"
  | "different";

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "msc", "bsc"]);
const PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "da",
  "di",
  "du",
  "del",
  "della",
  "la",
  "le",
  "dos",
  "das",
  "bin",
  "ibn",
  "ter",
  "ten",
  "st",
  "mac",
]);

const ASCII = /^[\x00-\x7f]*$/;

/** Lowercase, accents folded, apostrophes dropped, everything but letters, digits and hyphens → space. */
export function foldName(raw: string): string {
  if (ASCII.test(raw)) {
    // Same steps without NFKD and marks, which cannot change plain ASCII.
    const s = raw
      .toLowerCase()
      .replace(/['`]/g, "")
      .replace(/[^a-z0-9-]+/g, " ");
    return s.includes("-")
      ? s
          .replace(/\s*-+\s*/g, "-")
          .replace(/^-+|-+$/g, "")
          .trim()
      : s.trim();
  }
  return raw
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}-]+/gu, " ")
    .replace(/\s*-+\s*/g, "-")
    .replace(/^-+|-+$/g, "")
    .trim();
}

function tokensOf(raw: string): string[] {
  const tokens = foldName(raw)
    .split(" ")
    .filter((t) => t && t !== "-");
  while (tokens.length > 1 && TITLES.has(tokens[0] as string)) tokens.shift();
  while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1] as string)) tokens.pop();
  return tokens;
}

/** Parse a written name; "Last, First Middle" is recognised by its comma. */
export function parseName(raw: string): ParsedName {
  let tokens: string[];
  const comma = raw.indexOf(",");
  if (comma > 0) {
    const before = tokensOf(raw.slice(0, comma));
    const after = tokensOf(raw.slice(comma + 1));
    const afterIsSuffix = after.length > 0 && after.every((t) => SUFFIXES.has(t));
    tokens = afterIsSuffix || after.length === 0 ? before : [...after, ...before];
  } else {
    tokens = tokensOf(raw);
  }
  if (tokens.length === 0)
    return { given: "", middles: [], surname: "", surnameParts: [], full: "" };
  if (tokens.length === 1) {
    const only = tokens[0] as string;
    return {
      given: only.replace(/-/g, ""),
      middles: [],
      surname: "",
      surnameParts: [],
      full: only,
    };
  }
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has(tokens[start - 1] as string)) start--;
  const surnameTokens = tokens.slice(start);
  const given = (tokens[0] as string).replace(/-/g, "");
  const middles = tokens.slice(1, start);
  const surnameParts = surnameTokens
    .flatMap((t) => t.split("-"))
    .filter((p) => p && !PARTICLES.has(p));
  const surname = surnameTokens.join("").replace(/-/g, "");
  return { given, middles, surname, surnameParts, full: `${given} ${surname}` };
}

/** How two given names agree: exact, fuzzy, nickname, initial or different. */
export function compareGiven(
  a: string,
  b: string,
): "exact" | "fuzzy" | "nickname" | "initial" | "different" {
  if (a === b) return "exact";
  if (!a || !b) return "different";
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? "initial" : "different";
  if (isNickname(a, b)) return "nickname";
  if (jaroWinkler(a, b) >= 0.94) return "fuzzy";
  return "different";
}

function surnameAgrees(a: ParsedName, b: ParsedName): "exact" | "fuzzy" | "part" | "different" {
  if (a.surname === b.surname) return "exact";
  if (!a.surname || !b.surname) return "different";
  if (jaroWinkler(a.surname, b.surname) >= 0.94) return "fuzzy";
  if (a.surnameParts.length > 1 || b.surnameParts.length > 1) {
    for (const p of a.surnameParts) if (p.length > 1 && b.surnameParts.includes(p)) return "part";
  }
  return "different";
}

/** One word for how two parsed names agree, strongest first. */
export function compareNames(a: ParsedName, b: ParsedName): NameAgreement {
  if (!a.given && !a.surname) return "different";
  if (!b.given && !b.surname) return "different";
  const sur = surnameAgrees(a, b);
  const giv = compareGiven(a.given, b.given);
  if (sur === "exact" && giv === "exact") return "exact";
  if (a.surname && b.surname && a.given === b.surname && a.surname === b.given) return "swapped";
  if (sur !== "different" && sur !== "part" && giv === "fuzzy") return "fuzzy";
  if (sur === "fuzzy" && giv === "exact") return "fuzzy";
  if (sur !== "different" && sur !== "part" && giv === "nickname") return "nickname";
  if (sur !== "different" && sur !== "part" && giv === "initial") return "initials";
  if (sur === "part" && giv !== "different") return "surname-part";
  if (giv === "exact" || giv === "nickname") return "given-only";
  if (sur !== "different" && sur !== "part") return "surname-only";
  if (jaroWinkler(a.full, b.full) >= 0.94 && a.surname && b.surname) return "fuzzy";
  return "different";
}

/** Canonical given-name forms for blocking: the name and the formal names it shortens. */
export function blockingGivenForms(parsed: ParsedName): readonly string[] {
  return parsed.given ? givenForms(parsed.given) : [];
}
