/**
 * A small stand-in for the interests module (`signals/interests/`), used by the brief only
 * while that module is not there: each person's words — their posts' titles and texts, what
 * they wrote to others, their job title, organisation and bio — as a term vector of words and
 * two-word phrases (stop words, numbers and markup dropped), log-scaled counts. Same shapes as
 * the real module (`Map<term, weight>`), so the brief reads both alike.
 *
 * @example
 * const v = fallbackTextVector("Head of Content Marketing");
 * fallbackCosine(v, fallbackTextVector("content marketing, analytics")); // > 0
 */
import type { Store } from "../../store/store.js";
import { chunks } from "./person-facts.js";

export type TermVector = Map<string, number>;

// biome-ignore format: a word list
const STOP = new Set([
  "the","and","for","are","but","not","you","your","yours","with","this","that","have","has","had",
  "was","were","will","would","could","should","can","from","they","them","their","there","what",
  "when","where","which","who","whom","why","how","all","any","been","being","into","about","than",
  "then","also","just","like","some","such","only","own","same","too","very","our","ours","out",
  "over","under","again","further","once","here","both","each","few","more","most","other","off",
  "its","it's","i'm","i've","i'd","we're","we've","don't","didn't","doesn't","isn't","aren't",
  "one","two","get","got","make","made","really","thanks","thank","hi","hello","dear","best",
  "regards","cheers","great","good","post","love","lot","way","thing","things","time","week",
  "year","years","now","new","keep","let","know","think","see","much","many","well","still","even",
  "because","while","after","before","during","through","every","lead","manager","head","senior",
  "junior","director","officer","owner","http","https","www","com","org","bit","yes","sure",
  "right","last","first","next","back","via","going","doing","done","said","say","says","want",
  "need","us","me","my","mine","he","she","him","her","his","hers","it","we","i","a","an","of",
  "to","in","on","at","by","or","as","is","be","do","so","if","up","no","am","re","ll","ve",
]);

const MAX_TEXTS = 60;
const MAX_CHARS = 4000;

function words(text: string): string[] {
  return text
    .slice(0, MAX_CHARS)
    .replace(/<[^>]*>/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3 && !STOP.has(w));
}

function addText(v: TermVector, text: string, weight = 1): void {
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    v.set(w, (v.get(w) ?? 0) + weight);
    const next = ws[i + 1];
    if (next) v.set(`${w} ${next}`, (v.get(`${w} ${next}`) ?? 0) + weight * 0.5);
  }
}

function scaled(v: TermVector): TermVector {
  const out: TermVector = new Map();
  for (const [t, n] of v) out.set(t, 1 + Math.log(n));
  return out;
}

export function fallbackTextVector(text: string): TermVector {
  const v: TermVector = new Map();
  addText(v, text);
  return scaled(v);
}

export async function fallbackVectorsOf(
  store: Store,
  ids: readonly number[],
): Promise<Map<number, TermVector>> {
  const raw = new Map<number, TermVector>();
  const vec = (id: number) => {
    let v = raw.get(id);
    if (!v) raw.set(id, (v = new Map()));
    return v;
  };
  const perPerson = new Map<number, number>();
  const take = (id: number) => {
    const n = perPerson.get(id) ?? 0;
    perPerson.set(id, n + 1);
    return n < MAX_TEXTS;
  };
  for (const part of chunks([...new Set(ids)])) {
    const posts = await store.db
      .selectFrom("content")
      .select(["person_id", "title", "body"])
      .where("person_id", "in", part)
      .orderBy("published_at", "desc")
      .limit(MAX_TEXTS * part.length)
      .execute();
    for (const p of posts) {
      const id = Number(p.person_id);
      if (!take(id)) continue;
      if (p.title) addText(vec(id), p.title, 2);
      if (p.body) addText(vec(id), p.body);
    }
    const said = await store.db
      .selectFrom("interactions")
      .select(["from_person_id", "body"])
      .where("from_person_id", "in", part)
      .where("body", "is not", null)
      .orderBy("occurred_at", "desc")
      .limit(MAX_TEXTS * part.length)
      .execute();
    for (const s of said) {
      const id = Number(s.from_person_id);
      if (s.body && take(id)) addText(vec(id), s.body);
    }
    const details = await store.db
      .selectFrom("details")
      .select(["person_id", "value"])
      .where("person_id", "in", part)
      .where("field", "in", ["title", "bio"])
      .execute();
    for (const d of details) addText(vec(Number(d.person_id)), d.value, 2);
  }
  const out = new Map<number, TermVector>();
  for (const [id, v] of raw) out.set(id, scaled(v));
  return out;
}

export function fallbackCosine(a: TermVector, b: TermVector): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const o = big.get(t);
    if (o) dot += w * o;
  }
  if (dot === 0) return 0;
  let na = 0;
  let nb = 0;
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  return dot / Math.sqrt(na * nb);
}

export function fallbackSharedTerms(a: TermVector, b: TermVector, limit = 5): string[] {
  const both: [string, number][] = [];
  for (const [t, w] of a) {
    const o = b.get(t);
    if (o) both.push([t, w * o]);
  }
  both.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  const out: string[] = [];
  for (const [t] of both) {
    // A phrase says more than its words: drop a word already inside a chosen phrase.
    if (out.some((o) => o.split(" ").includes(t) || t.split(" ").includes(o))) continue;
    out.push(t);
    if (out.length >= limit) break;
  }
  return out;
}
