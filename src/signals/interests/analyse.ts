/**
 * Text → the terms and phrases it is about. A body may be HTML, an e-mail with quoted lines, a
 * tweet full of links and handles: markup, quotes, URLs, e-mail addresses and @handles go first.
 * wink-nlp (the English lite web model, part-of-speech tagging only) then tags the words; nouns,
 * proper nouns and adjectives that are not stop words are kept (plural nouns lemmatised), and
 * every run of them gives noun phrases of two and three words ending in a noun ("content
 * marketing", "volunteer shift", "product-market fit"). Returns each term with how often it
 * occurs; weighting is the caller's (see weights.ts).
 *
 * @example
 * analyse("<p>Our editorial calendars and the food bank's volunteer shifts.</p>");
 * // Map { "editorial" => 1, "calendar" => 1, "editorial calendar" => 1, "food" => 1, … }
 */

import { createRequire } from "node:module";
import type { ItsFunction, default as WinkNLP } from "wink-nlp";

/** Only the start of a long text is read: what a post is about shows early. */
export const MAX_TEXT_CHARS = 5000;

type Nlp = ReturnType<typeof WinkNLP>;
let tagger: { nlp: Nlp; its: Nlp["its"]; lemmaOut: ItsFunction<string> } | undefined;

/** The language model takes ~0.2 s to load: only commands that read text pay for it. */
function loadTagger() {
  if (!tagger) {
    const require = createRequire(import.meta.url);
    const winkNLP = require("wink-nlp") as typeof WinkNLP;
    const nlp = winkNLP(require("wink-eng-lite-web-model"), ["pos"]);
    // wink-nlp's typings give the lemma helper a signature `out()` does not accept; it works.
    tagger = { nlp, its: nlp.its, lemmaOut: nlp.its.lemma as unknown as ItsFunction<string> };
  }
  return tagger;
}

// biome-ignore format: word lists read better packed
/** Words that pass the part-of-speech filter but say nothing about a topic. */
const GENERIC = new Set([
  "thing", "things", "way", "lot", "lots", "bit", "time", "times", "year", "month", "week", "day",
  "today", "tomorrow", "yesterday", "people", "person", "guy", "idea", "stuff", "kind", "sort",
  "part", "point", "something", "anything", "everything", "nothing", "thanks", "thank", "hi",
  "hello", "hey", "dear", "regards", "cheers", "best", "good", "great", "new", "old", "big",
  "small", "little", "last", "next", "other", "same", "different", "own", "sure", "many", "much",
  "few", "more", "most", "less", "least", "such", "whole", "real", "right", "wrong", "nice",
  "fine", "lovely", "awesome", "amazing", "cool", "happy", "glad", "sorry", "able", "possible",
  "certain", "main", "major", "minor", "early", "late", "long", "short", "high", "low", "full",
  "free", "open", "true", "false", "easy", "hard", "bad", "better", "worse", "whole", "quick",
  "etc", "e.g", "i.e", "re", "fwd", "fw", "pm", "am", "ps", "mr", "mrs", "ms", "dr", "lol",
  "yes", "no", "ok", "okay", "via", "amp", "nbsp", "http", "https", "www", "com", "org",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "morning", "afternoon", "evening", "night", "weekend", "matter",
  "experience", "blog", "post", "comment", "article", "piece", "write-up", "note", "question",
  "answer", "email", "e-mail", "message", "link", "reply", "thread", "site", "page", "list",
  "thought", "word", "story", "everyone", "anyone", "someone", "folk", "friend", "team",
]);

// biome-ignore format: word lists read better packed
/** Words of job titles that say something inside a phrase ("community manager") but not alone. */
const PHRASE_ONLY = new Set([
  "manager", "lead", "head", "director", "officer", "coordinator", "specialist", "owner",
  "consultant", "executive", "assistant", "associate", "senior", "junior", "chief", "vp",
  "president", "partner", "principal", "member", "intern", "staff", "editor", "producer",
  "analyst",
]);

const KEEP_POS = new Set(["NOUN", "PROPN", "ADJ"]);
const HEAD_POS = new Set(["NOUN", "PROPN"]);
/** A word worth keeping starts with a letter and holds only word characters. */
const WORDLIKE = /^\p{L}[\p{L}\p{N}'’&+-]*$/u;
/** Contractions: "I’m", "we're", "don't". */
const CONTRACTION = /['’](m|s|re|t|ll|ve|d)$/;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

/**
 * The words of a text without markup, quoted e-mail lines, URLs, e-mail addresses and @handles;
 * hashtags keep their word. Cut at `MAX_TEXT_CHARS`.
 */
export function plainText(text: string): string {
  let t = text.length > MAX_TEXT_CHARS * 3 ? text.slice(0, MAX_TEXT_CHARS * 3) : text;
  if (t.includes("<")) {
    t = t
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<\/?[a-zA-Z][^>]*>/g, " ");
  }
  if (t.includes("&")) {
    t = t.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X"
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  }
  if (t.includes("\n>") || t.startsWith(">")) t = t.replace(/^>.*$/gm, " ");
  t = t
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, " ")
    .replace(/\S+@\S+\.\S+/g, " ")
    .replace(/(^|[^\w])@\w+/g, "$1 ")
    .replace(/#(\w)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  return t.length > MAX_TEXT_CHARS ? t.slice(0, MAX_TEXT_CHARS) : t;
}

interface Word {
  /** What the term uses: the lower-case word, or a plural noun's lemma. */
  term: string;
  /** The lower-case word as written (inside phrases, except the last word). */
  normal: string;
  pos: string;
  /** A word (not punctuation, a number, a symbol). */
  word: boolean;
  keep: boolean;
}

/**
 * Term → occurrences in `text`: single words and two- and three-word noun phrases. Proper nouns
 * found in `names` (lower-case words of people's names) are left out: "Thanks, Tiago!" is not a
 * topic.
 */
export function analyse(text: string, names?: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  const plain = plainText(text);
  if (plain === "") return out;
  const words = taggedWords(plain, names);
  const add = (term: string) => out.set(term, (out.get(term) ?? 0) + 1);
  let run: Word[] = [];
  const flush = () => {
    for (let end = 0; end < run.length; end++) {
      const last = run[end] as Word;
      if (!HEAD_POS.has(last.pos)) continue;
      for (let n = 2; n <= 3 && end - n + 1 >= 0; n++) {
        const parts = run.slice(end - n + 1, end).map((w) => w.normal);
        parts.push(last.term);
        add(parts.join(" "));
      }
    }
    run = [];
  };
  for (const w of words) {
    if (!w.keep) {
      flush();
      continue;
    }
    if (!PHRASE_ONLY.has(w.term)) add(w.term);
    run.push(w);
  }
  flush();
  return out;
}

/**
 * The words of a plain text, tagged, hyphenated compounds ("long-form") joined into one. Proper
 * nouns in `names` (people's names, from greetings and sign-offs) are not kept.
 */
function taggedWords(plain: string, names: ReadonlySet<string> | undefined): Word[] {
  const { nlp, its, lemmaOut } = loadTagger();
  const tokens = nlp.readDoc(plain).tokens();
  // One call per attribute for the whole text is much cheaper than one per token.
  const values = tokens.out() as string[];
  const types = tokens.out(its.type) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const tags = tokens.out(its.pos) as string[];
  const stops = tokens.out(its.stopWordFlag) as boolean[];
  const lemma = (i: number, normal: string, pos: string) =>
    HEAD_POS.has(pos) && normal.endsWith("s")
      ? lemmaOf(normal, tokens.itemAt(i).out(lemmaOut) as string, pos)
      : normal;
  const words: Word[] = [];
  let joinNext = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const type = types[i] as string;
    const spaced = spaces[i] !== "";
    const prev = words[words.length - 1];
    if (value === "-" && !spaced && prev?.word) {
      joinNext = true;
      continue;
    }
    const pos = tags[i] as string;
    const normal = value.toLowerCase();
    if (joinNext && !spaced && prev && type === "word") {
      joinNext = false;
      const compound = `${prev.normal}-${normal}`;
      prev.normal = compound;
      prev.term = `${compound.slice(0, -normal.length)}${lemma(i, normal, pos)}`;
      prev.pos = HEAD_POS.has(pos) ? "NOUN" : "ADJ";
      prev.keep = WORDLIKE.test(compound) && !GENERIC.has(compound);
      continue;
    }
    joinNext = false;
    const keep =
      type === "word" &&
      !stops[i] &&
      KEEP_POS.has(pos) &&
      normal.length >= 2 &&
      WORDLIKE.test(normal) &&
      !CONTRACTION.test(normal) &&
      !GENERIC.has(normal) &&
      !(pos === "PROPN" && names?.has(normal));
    const term = keep ? lemma(i, normal, pos) : normal;
    words.push({ term, normal, pos, word: type === "word", keep: keep && !GENERIC.has(term) });
  }
  return words;
}

/**
 * A plural noun's singular ("shifts" → "shift", "cafés" → "café"); every other word as it is
 * written — the model's lemmas for other words are unreliable ("ramen" → "raman").
 */
function lemmaOf(normal: string, lemma: string, pos: string): string {
  if (!HEAD_POS.has(pos) || !normal.endsWith("s") || normal.endsWith("ss")) return normal;
  if (normal.endsWith("ics") || normal.endsWith("us") || normal.endsWith("is")) return normal;
  const l = lemma.toLowerCase();
  if (l.length >= normal.length || l.length < normal.length - 2 || l.length < 2) return normal;
  return normal.startsWith(l.slice(0, -1)) ? l : normal;
}
