/**
 * What everyone in the graph writes about, written to the `interests` table: each person's own
 * writing — their posts, bios and tweets (`content`), what they sent to anyone (`interactions`
 * they are `from`, likes and retweets aside: those words are someone else's), and what sources
 * say they are (`details`: title, organisation, bio) — analysed text by text (analyse.ts),
 * weighted with TF-IDF over every text in the graph (weights.ts), top terms kept per person.
 *
 * People are read in batches of ids, and of each person only the newest `MAX_TEXTS_PER_SOURCE`
 * texts of each source, so no step holds every body at once; between the analysis and the
 * weighting each person keeps a compact candidate list (term ids and counts). The result is
 * recomputed when the graph has changed since (`ensureInterests`, a fingerprint in `meta`).
 *
 * @example
 * const result = await computeInterests(store);
 * console.log(`${result.people} people, ${result.texts} texts in ${result.ms} ms`);
 * await ensureInterests(store); // no work: nothing changed
 */
import type { SqlExecutor } from "../../store/connection.js";
import type { Store } from "../../store/store.js";
import { analyse } from "./analyse.js";
import { termWeight, unitVector } from "./weights.js";

/** Bump when the analysis or the weighting changes: stored interests are then recomputed. */
export const INTERESTS_VERSION = 1;
/** Terms kept per person. */
export const TERMS_PER_PERSON = 24;
/** Newest texts read per person from each source (posts, messages). */
export const MAX_TEXTS_PER_SOURCE = 300;
/** Candidate terms a person keeps between the analysis and the weighting. */
const MAX_CANDIDATES = 160;
/** People per batch (a range of ids). */
const BATCH_IDS = 2000;
/** Below this many texts, terms found in one text only are kept (a tiny graph has little else). */
const MIN_DOCS_FOR_DF_CUT = 20;
/**
 * What sources say a person is. Not the organisation: a company's name is not a topic ("Thistle &
 * Thyme" would read as "thistle, thyme"), and it would make colleagues look alike.
 */
const DETAIL_FIELDS = ["title", "bio"];
/** Kinds whose body is someone else's words. */
const NOT_THEIR_WORDS = ["like", "retweet"];

const ROW_COLUMNS = ["person_id", "term", "weight", "texts", "uses"] as const;

export interface InterestsResult {
  /** People with at least one text. */
  people: number;
  /** Texts analysed. */
  texts: number;
  /** Distinct terms seen. */
  terms: number;
  /** Rows written to `interests`. */
  rows: number;
  /** Time spent analysing texts, and in all. */
  analyseMs: number;
  ms: number;
}

export interface ComputeOptions {
  /** Called after each batch of people with the share done (0–1). */
  onProgress?: (done: number) => void;
}

/** One person's candidate terms between the analysis and the weighting. */
interface Candidates {
  person: number;
  terms: Int32Array;
  texts: Int32Array;
  uses: Int32Array;
}

/** Per person while a batch is read: term id → [texts, uses]. */
type Counts = Map<number, [number, number]>;

export async function computeInterests(
  store: Store,
  options: ComputeOptions = {},
): Promise<InterestsResult> {
  const started = performance.now();
  const conn = store.conn;
  const fingerprint = await graphFingerprint(conn);
  const range = await conn.all<{ lo: number | null; hi: number | null }>(
    "SELECT min(id) AS lo, max(id) AS hi FROM people",
  );
  const lo = Number(range[0]?.lo ?? 1);
  const hi = Number(range[0]?.hi ?? 0);
  const names = await nameWords(conn);
  const dictionary = new Map<string, number>();
  const words: string[] = [];
  const df: number[] = [];
  /** Writers who use each term. */
  const pdf: number[] = [];
  const people: Candidates[] = [];
  let texts = 0;
  let analyseMs = 0;

  for (let from = lo; from <= hi; from += BATCH_IDS) {
    const to = from + BATCH_IDS;
    const counts = new Map<number, Counts>();
    const take = (person: number, text: string) => {
      const t0 = performance.now();
      const terms = analyse(text, names);
      analyseMs += performance.now() - t0;
      if (terms.size === 0) return;
      texts++;
      let mine = counts.get(person);
      if (!mine) {
        mine = new Map();
        counts.set(person, mine);
      }
      for (const [term, n] of terms) {
        let id = dictionary.get(term);
        if (id === undefined) {
          id = words.length;
          dictionary.set(term, id);
          words.push(term);
          df.push(0);
          pdf.push(0);
        }
        df[id] = (df[id] as number) + 1;
        const c = mine.get(id);
        if (c) {
          c[0] += 1;
          c[1] += n;
        } else mine.set(id, [1, n]);
      }
    };
    for (const [person, text] of await textsOf(conn, from, to)) take(person, text);
    for (const [person, mine] of counts) {
      for (const id of mine.keys()) pdf[id] = (pdf[id] as number) + 1;
      people.push(compact(person, mine));
    }
    options.onProgress?.(Math.min(1, (to - lo) / Math.max(1, hi - lo + 1)));
  }

  const minDf = texts >= MIN_DOCS_FOR_DF_CUT ? 2 : 1;
  let rows = 0;
  await conn.transaction(async (tx) => {
    await tx.run("DELETE FROM interests");
    let chunk: unknown[][] = [];
    for (const c of people) {
      const weights = new Map<string, number>();
      const evidence = new Map<string, [number, number]>();
      for (let i = 0; i < c.terms.length; i++) {
        const id = c.terms[i] as number;
        const d = df[id] as number;
        if (d < minDf) continue;
        const term = words[id] as string;
        const t = c.texts[i] as number;
        const u = c.uses[i] as number;
        weights.set(
          term,
          termWeight({
            term,
            texts: t,
            uses: u,
            df: d,
            docs: texts,
            writers: pdf[id] as number,
            allWriters: people.length,
          }),
        );
        evidence.set(term, [t, u]);
      }
      for (const [term, weight] of unitVector(weights, TERMS_PER_PERSON)) {
        const [t, u] = evidence.get(term) as [number, number];
        chunk.push([c.person, term, round(weight), t, u]);
      }
      if (chunk.length >= 1000) {
        rows += await tx.insertNew("interests", ROW_COLUMNS, chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) rows += await tx.insertNew("interests", ROW_COLUMNS, chunk);

    await tx.run("DELETE FROM interest_terms");
    chunk = [];
    for (let id = 0; id < words.length; id++) {
      if ((df[id] as number) < 2) continue;
      chunk.push([words[id], df[id]]);
      if (chunk.length >= 1000) {
        await tx.insertNew("interest_terms", ["term", "df"], chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await tx.insertNew("interest_terms", ["term", "df"], chunk);
    await setMeta(tx, "interests_docs", String(texts));
    await setMeta(tx, "interests_fingerprint", fingerprint);
  });
  return {
    people: people.length,
    texts,
    terms: words.length,
    rows,
    analyseMs: Math.round(analyseMs),
    ms: Math.round(performance.now() - started),
  };
}

/** A check (and computation) under way per store, so concurrent reads (the web app) share it. */
const running = new WeakMap<Store, Promise<boolean>>();

/**
 * Recompute when the graph changed since the interests were computed (or they never were).
 * Returns whether this call recomputed.
 */
export function ensureInterests(store: Store): Promise<boolean> {
  const pending = running.get(store);
  if (pending) return pending.then(() => false);
  const work = (async () => {
    const rows = await store.conn.all<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'interests_fingerprint'",
    );
    if (rows[0]?.value === (await graphFingerprint(store.conn))) return false;
    await computeInterests(store);
    return true;
  })().finally(() => running.delete(store));
  running.set(store, work);
  return work;
}

/**
 * What changes when the graph's writing or its people change: people come and go (imports,
 * splits, forgetting, merges), texts are only ever added, merges move texts between people.
 * Each part is one index lookup, so checking is cheap on any graph.
 */
export async function graphFingerprint(conn: SqlExecutor): Promise<string> {
  const one = async (sql: string) => {
    const r = await conn.all<{ v: number | null }>(sql);
    return Number(r[0]?.v ?? 0);
  };
  const parts = [
    INTERESTS_VERSION,
    await one("SELECT count(*) AS v FROM people"),
    await one("SELECT max(id) AS v FROM people"),
    await one("SELECT max(id) AS v FROM content"),
    await one("SELECT max(id) AS v FROM interactions"),
    await one("SELECT max(id) AS v FROM details"),
    await one("SELECT max(id) AS v FROM merges"),
  ];
  return parts.join(":");
}

/**
 * The texts of the people with ids in [from, to): person → text, person by person. A message
 * sent to several people is one row per recipient: each person's texts are deduplicated.
 */
async function textsOf(conn: SqlExecutor, from: number, to: number): Promise<[number, string][]> {
  const out: [number, string][] = [];
  const cap = MAX_TEXTS_PER_SOURCE;
  const notTheirs = NOT_THEIR_WORDS.map((k) => `'${k}'`).join(", ");
  const content = await conn.arrays(
    `SELECT person_id, title, body FROM (
       SELECT person_id, title, body, ROW_NUMBER() OVER (
         PARTITION BY person_id ORDER BY coalesce(published_at, 0) DESC, id DESC) AS rn
       FROM content
       WHERE person_id >= ? AND person_id < ? AND (body IS NOT NULL OR title IS NOT NULL)
     ) c WHERE rn <= ?`,
    [from, to, cap],
  );
  for (const [person, title, body] of content) {
    const text = [title, body].filter((s) => typeof s === "string" && s !== "").join(". ");
    if (text !== "") out.push([Number(person), text]);
  }
  const sent = await conn.arrays(
    `SELECT from_person_id, body FROM (
       SELECT from_person_id, body, ROW_NUMBER() OVER (
         PARTITION BY from_person_id ORDER BY occurred_at DESC, id DESC) AS rn
       FROM interactions
       WHERE from_person_id >= ? AND from_person_id < ? AND body IS NOT NULL
         AND kind NOT IN (${notTheirs})
     ) i WHERE rn <= ?`,
    [from, to, cap],
  );
  let last = -1;
  let seen = new Set<string>();
  for (const [p, body] of sent) {
    const person = Number(p);
    if (person !== last) {
      last = person;
      seen = new Set();
    }
    const text = String(body);
    if (text === "" || seen.has(text)) continue;
    seen.add(text);
    out.push([person, text]);
  }
  const details = await conn.arrays(
    `SELECT person_id, value FROM details
     WHERE person_id >= ? AND person_id < ? AND field IN (${DETAIL_FIELDS.map(() => "?").join(", ")})
     ORDER BY person_id, field, id`,
    [from, to, ...DETAIL_FIELDS],
  );
  let current = -1;
  let values: string[] = [];
  const flush = () => {
    if (values.length > 0) out.push([current, values.join(". ")]);
    values = [];
  };
  for (const [p, value] of details) {
    const person = Number(p);
    if (person !== current) {
      flush();
      current = person;
    }
    const v = String(value).trim();
    if (v !== "" && !values.some((x) => x.toLowerCase() === v.toLowerCase())) values.push(v);
  }
  flush();
  return out;
}

/** The lower-case words of people's names (three letters or more), to leave out of terms. */
async function nameWords(conn: SqlExecutor): Promise<Set<string>> {
  const names = new Set<string>();
  for (const [name] of await conn.arrays("SELECT DISTINCT display_name FROM people")) {
    for (const w of String(name)
      .toLowerCase()
      .split(/[^\p{L}'’-]+/u)) {
      if (w.length >= 3) names.add(w);
    }
  }
  return names;
}

/** The person's counts as typed arrays, cut to the terms they use most. */
function compact(person: number, counts: Counts): Candidates {
  let entries = [...counts];
  if (entries.length > MAX_CANDIDATES) {
    entries.sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1]);
    entries = entries.slice(0, MAX_CANDIDATES);
  }
  const c: Candidates = {
    person,
    terms: new Int32Array(entries.length),
    texts: new Int32Array(entries.length),
    uses: new Int32Array(entries.length),
  };
  entries.forEach(([id, [t, u]], i) => {
    c.terms[i] = id;
    c.texts[i] = t;
    c.uses[i] = u;
  });
  return c;
}

async function setMeta(tx: SqlExecutor, key: string, value: string): Promise<void> {
  await tx.run(
    `INSERT INTO meta (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [key, value],
  );
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
