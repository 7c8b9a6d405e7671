/**
 * Weighting terms and comparing what people write about. A person's (or a free text's) weight
 * for a term is TF-IDF with a sublinear term frequency: 1 + ln of the texts that use it
 * (repeating a word within one text adds a little), so writing about something in many texts
 * counts more, but a prolific writer's boilerplate cannot drown their topics by sheer count;
 * times the term's inverse document frequency over all the graph's texts (BM25's, always
 * positive); phrases count a little more than single words, and a term only this person uses in
 * a graph of many writers counts less (their signature, their template — not a topic anyone
 * shares). Vectors are cut to their top terms and scaled to unit length, so the cosine of two
 * is their dot product. `sharedTerms` names the terms that make two vectors alike — these
 * become reasons ("you both write about content marketing, volunteering").
 *
 * @example
 * const a = unitVector(new Map([["sourdough", 2], ["ramen", 1]]));
 * const b = unitVector(new Map([["sourdough", 1], ["cycling", 1]]));
 * cosine(a, b);          // 0.63
 * sharedTerms(a, b);     // ["sourdough"]
 */

export type TermVector = Map<string, number>;

/** Phrases say more than the single words in them. */
export const PHRASE_BOOST = 1.5;
/** A term only one writer uses counts this much, once the graph has `MANY_WRITERS`. */
export const ONE_WRITER_FACTOR = 0.5;
export const MANY_WRITERS = 50;

/** BM25's inverse document frequency: always positive, highest for the rarest terms. */
export function idf(df: number, docs: number): number {
  const d = Math.max(1, df);
  return Math.log(1 + (Math.max(docs, d) - d + 0.5) / (d + 0.5));
}

/**
 * How much a term counts for one writer: `texts` of theirs use it, `uses` times in all. Grows
 * with the log of the count (sublinear TF); repeats within texts count half as much as texts.
 */
export function termFrequency(texts: number, uses: number): number {
  if (texts <= 0) return 0;
  const c = texts * (1 + 0.5 * Math.log(Math.max(uses, texts) / texts));
  return 1 + Math.log(c);
}

export function isPhrase(term: string): boolean {
  return term.includes(" ");
}

/** What a term's weight for one writer is computed from. */
export interface TermEvidence {
  term: string;
  /** Their texts that use it, and its occurrences in them. */
  texts: number;
  uses: number;
  /** Texts in the graph that use it, and texts in the graph. */
  df: number;
  docs: number;
  /** Writers in the graph who use it, and writers in the graph (when known). */
  writers?: number;
  allWriters?: number;
}

/** A term's weight for a writer, before the vector is scaled. */
export function termWeight(e: TermEvidence): number {
  const tf = termFrequency(e.texts, e.uses);
  const alone = e.writers === 1 && (e.allWriters ?? 0) >= MANY_WRITERS ? ONE_WRITER_FACTOR : 1;
  return tf * idf(e.df, e.docs) * (isPhrase(e.term) ? PHRASE_BOOST : 1) * alone;
}

/** The `limit` heaviest terms of `weights`, scaled to unit length. */
export function unitVector(weights: TermVector, limit = Number.POSITIVE_INFINITY): TermVector {
  let entries = [...weights].filter(([, w]) => w > 0);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (entries.length > limit) entries = entries.slice(0, limit);
  const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0));
  return new Map(norm > 0 ? entries.map(([t, w]) => [t, w / norm]) : []);
}

/** Cosine similarity, 0–1 for the non-negative vectors irl makes; 0 when either is empty. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) dot += w * v;
  }
  if (dot === 0) return 0;
  const na = norm(a);
  const nb = norm(b);
  return na > 0 && nb > 0 ? Math.min(1, dot / (na * nb)) : 0;
}

function norm(v: TermVector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}

/**
 * The terms that contribute most to the similarity of `a` and `b`, biggest first; a word is left
 * out when a phrase already named holds it ("content marketing", not also "content").
 */
export function sharedTerms(a: TermVector, b: TermVector, limit = 5): string[] {
  const both: [string, number][] = [];
  for (const [t, w] of a) {
    const v = b.get(t);
    if (v !== undefined) both.push([t, w * v]);
  }
  both.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return distinctTerms(
    both.map(([t]) => t),
    limit,
  );
}

/**
 * The first `limit` of `ranked` that say something new: a term whose words all appear in a term
 * already taken is skipped ("content" after "content marketing", "content marketing" after
 * "long-form content marketing"), and a phrase replaces a single word taken before it.
 */
export function distinctTerms(ranked: readonly string[], limit: number): string[] {
  const taken: string[] = [];
  for (const term of ranked) {
    if (taken.length >= limit) break;
    const words = term.split(" ");
    if (taken.some((t) => words.every((w) => t.split(" ").includes(w)))) continue;
    const covered = taken.filter((t) => t.split(" ").every((w) => words.includes(w)));
    if (covered.length === 0) {
      taken.push(term);
      continue;
    }
    taken[taken.indexOf(covered[0] as string)] = term;
    for (const t of covered.slice(1)) taken.splice(taken.indexOf(t), 1);
  }
  return taken;
}
