/**
 * Who has written about what a text asks for: the text's weighted terms (from the interests
 * module's `textVector`) searched in each person's own writing — posts, comments, messages, their
 * title and bio — and scored BM25-style, one person's writing as one document (the "candidate
 * model" of expert finding). Broader than comparing interest vectors, which keep only each
 * person's top terms: an opening asking for analytics *and* volunteering finds the people who
 * wrote about both.
 *
 * @example
 * const query = await textVector(store, openingText);
 * const found = await searchWriting(store, query, [3, 4, 5]);
 * found.get(3); // { score: 4.2, terms: ["cohort analysis", "volunteer retention"] }
 */
import { type TermVector, textVector } from "../signals/interests/index.js";
import type { Store } from "../store/store.js";

/** At most this many recent texts per person are read. */
export const TEXTS_PER_PERSON = 200;
const K1 = 1.2;
const B = 0.5;
const IDS_PER_QUERY = 500;

export interface WritingHit {
  score: number;
  /** The query's terms found in their writing, heaviest first. */
  terms: string[];
  /** Each found term's share of the score. */
  parts: Map<string, number>;
}

/** Lower-case words, accents folded, a plural's "s" dropped: "Dashboards" → "dashboard". */
export function foldWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/<[^>]*>/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map(foldWord);
}

function foldWord(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

interface QueryTerm {
  term: string;
  words: string[];
  weight: number;
}

/** Each person's BM25 score for the query and the terms that matched (people with none left out). */
export async function searchWriting(
  store: Store,
  query: TermVector,
  ids: readonly number[],
): Promise<Map<number, WritingHit>> {
  const terms: QueryTerm[] = [...query].map(([term, weight]) => ({
    term,
    words: foldWords(term),
    weight,
  }));
  const byFirst = new Map<string, QueryTerm[]>();
  for (const t of terms) {
    const first = t.words[0];
    if (first === undefined) continue;
    byFirst.set(first, [...(byFirst.get(first) ?? []), t]);
  }
  const texts = await writingOf(store, ids);
  const counts = new Map<number, { tf: Map<string, number>; length: number }>();
  let total = 0;
  for (const [id, list] of texts) {
    const tf = new Map<string, number>();
    let length = 0;
    for (const text of list) {
      const words = foldWords(text);
      length += words.length;
      for (let i = 0; i < words.length; i++) {
        for (const t of byFirst.get(words[i] as string) ?? []) {
          if (t.words.every((w, k) => words[i + k] === w))
            tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
        }
      }
    }
    counts.set(id, { tf, length });
    total += length;
  }
  const avg = total / Math.max(1, counts.size) || 1;
  const out = new Map<number, WritingHit>();
  for (const [id, { tf, length }] of counts) {
    let score = 0;
    const found: [string, number][] = [];
    for (const t of terms) {
      const n = tf.get(t.term) ?? 0;
      if (n === 0) continue;
      const part = (t.weight * (n * (K1 + 1))) / (n + K1 * (1 - B + (B * length) / avg));
      score += part;
      found.push([t.term, part]);
    }
    if (score <= 0) continue;
    const parts = new Map(found);
    found.sort((a, b) => b[1] - a[1]);
    out.set(id, { score, terms: found.map(([t]) => t), parts });
  }
  return out;
}

/** What each person wrote: posts, their own messages and comments, their title and bio. */
export async function writingOf(
  store: Store,
  ids: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const id of ids) out.set(id, []);
  const add = (id: number, t: string | null) => {
    const list = out.get(id);
    if (t && list && list.length < TEXTS_PER_PERSON) list.push(t);
  };
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const marks = chunk.map(() => "?").join(", ");
    const details = await store.conn.all<{ person_id: number; value: string }>(
      `SELECT person_id, value FROM details WHERE person_id IN (${marks})
       AND field IN ('title', 'bio')`,
      chunk,
    );
    for (const r of details) add(Number(r.person_id), r.value);
    const content = await store.conn.all<{
      person_id: number;
      title: string | null;
      body: string | null;
    }>(
      `SELECT person_id, title, body FROM content WHERE person_id IN (${marks})
       ORDER BY published_at DESC`,
      chunk,
    );
    for (const r of content) {
      add(Number(r.person_id), [r.title, r.body].filter(Boolean).join(". "));
    }
    const said = await store.conn.all<{ from_person_id: number; body: string | null }>(
      `SELECT from_person_id, body FROM interactions
       WHERE from_person_id IN (${marks}) AND body IS NOT NULL ORDER BY occurred_at DESC`,
      chunk,
    );
    for (const r of said) add(Number(r.from_person_id), r.body);
  }
  return out;
}

/**
 * The parts of a text that ask for something — its lines, and the sentences of long lines —
 * each as its own weighted vector (so the last line's "SQL, attribution, A/B testing" is not
 * crowded out by the terms the whole text repeats). Parts with no term are left out.
 */
export async function requirementsOf(store: Store, text: string): Promise<TermVector[]> {
  const out: TermVector[] = [];
  for (const line of text.split(/\r?\n/)) {
    for (const part of line.split(/(?<=[.;!?])\s+/)) {
      if (part.trim().length < 3) continue;
      const v = await textVector(store, part);
      if (v.size > 0) out.push(v);
    }
  }
  return out;
}
