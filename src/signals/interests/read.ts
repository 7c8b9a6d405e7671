/**
 * Reading interests back: one person's top terms, many people's vectors, a free text weighted
 * like the graph's own texts, and what a group cares about. Each first makes sure the stored
 * interests are up to date (`ensureInterests`: a few index lookups when nothing changed).
 *
 * @example
 * await interestsOf(store, 42);           // [{ term: "content marketing", weight: 0.41, texts: 7 }, …]
 * const opening = await textVector(store, fs.readFileSync("opening.txt", "utf8"));
 * const people = await vectorsOf(store, [3, 4, 5]);
 * cosine(opening, people.get(3) ?? new Map());
 * await groupInterests(store, attendeeIds); // [{ term: "analytics", people: 12, weight: 0.08 }, …]
 */
import type { Store } from "../../store/store.js";
import { analyse } from "./analyse.js";
import { ensureInterests } from "./compute.js";
import { distinctTerms, type TermVector, termWeight, unitVector } from "./weights.js";

/** Terms a free text keeps (a long job opening names many things; most are not the point). */
export const TERMS_PER_TEXT = 40;
/** Ids per query (PostgreSQL and SQLite both take this many parameters easily). */
const IDS_PER_QUERY = 2000;

export interface Interest {
  term: string;
  /** The term's share of the person's unit-length vector (0–1). */
  weight: number;
  /** How many of their texts use it. */
  texts: number;
}

export interface GroupInterest {
  term: string;
  /** How many of the group have it among their top terms. */
  people: number;
  /** Its mean weight over the group (0–1). */
  weight: number;
}

/**
 * What a person writes about, strongest first: their top terms, a word left out when a phrase
 * shown holds it ("content marketing", not also "content").
 */
export async function interestsOf(store: Store, personId: number, limit = 10): Promise<Interest[]> {
  await ensureInterests(store);
  const rows = await store.conn.all<{ term: string; weight: number; texts: number }>(
    "SELECT term, weight, texts FROM interests WHERE person_id = ? ORDER BY weight DESC, term",
    [personId],
  );
  const byTerm = new Map(rows.map((r) => [r.term, r]));
  return distinctTerms(
    rows.map((r) => r.term),
    limit,
  ).map((term) => {
    const r = byTerm.get(term) as { weight: number; texts: number };
    return { term, weight: Number(r.weight), texts: Number(r.texts) };
  });
}

/** Each person's stored vector (unit length; empty for someone who wrote nothing irl read). */
export async function vectorsOf(
  store: Store,
  personIds: readonly number[],
): Promise<Map<number, TermVector>> {
  await ensureInterests(store);
  const out = new Map<number, TermVector>();
  for (const id of personIds) out.set(id, new Map());
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const slice = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await store.conn.arrays(
      `SELECT person_id, term, weight FROM interests WHERE person_id IN (${marks(slice.length)})`,
      slice,
    );
    for (const [p, term, weight] of rows) {
      out.get(Number(p))?.set(String(term), Number(weight));
    }
  }
  return out;
}

/**
 * A free text (a job opening, an event description) as a vector comparable with people's: its
 * terms weighted with the document frequencies of the graph's texts, top `TERMS_PER_TEXT` kept.
 */
export async function textVector(store: Store, text: string): Promise<TermVector> {
  await ensureInterests(store);
  const counts = analyse(text);
  if (counts.size === 0) return new Map();
  const terms = [...counts.keys()];
  const df = new Map<string, number>();
  for (let i = 0; i < terms.length; i += IDS_PER_QUERY) {
    const slice = terms.slice(i, i + IDS_PER_QUERY);
    const rows = await store.conn.arrays(
      `SELECT term, df FROM interest_terms WHERE term IN (${marks(slice.length)})`,
      slice,
    );
    for (const [term, n] of rows) df.set(String(term), Number(n));
  }
  const meta = await store.conn.all<{ value: string }>(
    "SELECT value FROM meta WHERE key = 'interests_docs'",
  );
  // The text itself is one more document.
  const docs = Number(meta[0]?.value ?? 0) + 1;
  const weights = new Map<string, number>();
  for (const [term, uses] of counts) {
    weights.set(term, termWeight({ term, texts: 1, uses, df: (df.get(term) ?? 0) + 1, docs }));
  }
  return unitVector(weights, TERMS_PER_TEXT);
}

/**
 * What a group cares about: the terms most weight falls on across its members' vectors,
 * shared by at least two of them when two or more have any interests at all.
 */
export async function groupInterests(
  store: Store,
  personIds: readonly number[],
  limit = 10,
): Promise<GroupInterest[]> {
  await ensureInterests(store);
  const ids = [...new Set(personIds)];
  const totals = new Map<string, { people: number; weight: number }>();
  const writers = new Set<number>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const slice = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await store.conn.arrays(
      `SELECT person_id, term, weight FROM interests WHERE person_id IN (${marks(slice.length)})`,
      slice,
    );
    for (const [p, term, weight] of rows) {
      writers.add(Number(p));
      const t = totals.get(String(term)) ?? { people: 0, weight: 0 };
      t.people += 1;
      t.weight += Number(weight);
      totals.set(String(term), t);
    }
  }
  const minPeople = writers.size >= 2 ? 2 : 1;
  const ranked = [...totals]
    .filter(([, t]) => t.people >= minPeople)
    .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
  const size = Math.max(1, ids.length);
  return distinctTerms(
    ranked.map(([term]) => term),
    limit,
  ).map((term) => {
    const t = totals.get(term) as { people: number; weight: number };
    return { term, people: t.people, weight: Math.round((t.weight / size) * 1e4) / 1e4 };
  });
}

function marks(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}
