/**
 * Finds each attendee of a list in the graph, and says how sure it is and why.
 *
 * 1. Identity keys first: the attendee's e-mail, site, handle or profile, normalised the way
 *    imports normalise them, against every identity — verified ones ("same e-mail") and those
 *    only typed into a comment form ("same e-mail, as given in a blog comment").
 * 2. Then names: the same name, "Last, First", a nickname ("Bob" for "Robert"), a near
 *    spelling of the surname — read with the identity module's name parser and comparer —
 *    weighed with the organisation the list gives (same company: surer; another company: not
 *    them).
 *
 * Several people in the graph may stand for one attendee (sources irl has not merged: the
 * LinkedIn connection and the blog commenter of the same name): the best one is the match,
 * the others come along as `also`. When a name is shared by people irl knows to be different
 * (two Burak Faroukes at two companies) and nothing else tells them apart, the attendee is
 * `ambiguous`, with the candidates listed — never a silent guess.
 *
 * Reads are batched and indexed (identity values, name values, name prefixes), so a list of
 * 1,000 matches against a graph of 100,000 in a few hundred milliseconds.
 *
 * @example
 * const matches = await matchAttendees(store, list.attendees);
 * matches[0]; // { status: "matched", personId: 12, confidence: 0.99, reason: "same e-mail ada@…", also: [] }
 */
import {
  compareNames,
  type NameAgreement,
  type ParsedName,
  parseName,
} from "../../identity/names.js";
import { givenForms, shortForms } from "../../identity/nicknames.js";
import { anchorKey, normalizeIdentity, normalizeName } from "../../identity/normalize.js";
import type { Store } from "../../store/store.js";
import type { ListedAttendee } from "./attendee-list.js";
import { chunks, loadPersonFacts, type PersonFacts } from "./person-facts.js";

export type MatchStatus = "me" | "matched" | "ambiguous" | "unknown";

export interface Candidate {
  id: number;
  name: string;
  confidence: number;
  reason: string;
}

export interface AttendeeMatch {
  attendee: ListedAttendee;
  status: MatchStatus;
  /** The person in the graph this attendee is (when matched). */
  personId?: number;
  confidence: number;
  /** Why, in plain words. */
  reason: string;
  /** Other people in the graph who are, by the same evidence, this attendee too. */
  also: Candidate[];
  /** When ambiguous: who it may be. */
  candidates: Candidate[];
  /** People of the same name irl cannot tell apart from this attendee (said, not used). */
  namesakes: Candidate[];
}

/** Below this, a name match is only a candidate. */
export const ACCEPT = 0.6;

const NAME_CONFIDENCE: Partial<Record<NameAgreement, number>> = {
  exact: 0.72,
  swapped: 0.68,
  nickname: 0.62,
  fuzzy: 0.6,
  initials: 0.45,
  "surname-part": 0.45,
};

const NAME_WHY: Partial<Record<NameAgreement, string>> = {
  exact: "same name",
  swapped: "same name, written surname first",
  nickname: "same name with a nickname",
  fuzzy: "nearly the same name",
  initials: "same surname and initial",
  "surname-part": "shares part of a double surname",
};

interface KeyHit {
  person: number;
  verified: boolean;
  what: string;
}

export async function matchAttendees(
  store: Store,
  attendees: readonly ListedAttendee[],
): Promise<AttendeeMatch[]> {
  return (await matchAttendeesWithFacts(store, attendees)).matches;
}

/** The matches, and what was read of everyone they name (the brief reads it again otherwise). */
export async function matchAttendeesWithFacts(
  store: Store,
  attendees: readonly ListedAttendee[],
): Promise<{ matches: AttendeeMatch[]; facts: Map<number, PersonFacts> }> {
  const keyHits = await findByIdentity(store, attendees);
  const nameHits = await findByName(store, attendees);
  const involved = new Set<number>();
  for (const hits of keyHits) for (const h of hits) involved.add(h.person);
  for (const hits of nameHits) for (const h of hits) involved.add(h.person);
  const facts = await loadPersonFacts(store, involved);
  const matches = attendees.map((a, i) => decide(a, keyHits[i] ?? [], nameHits[i] ?? [], facts));
  return { matches, facts };
}

// ---------------------------------------------------------------------------------------------
// Identity keys

const KEY_KINDS = ["email", "url", "handle", "profile", "phone"] as const;

function identityValues(a: ListedAttendee): { kind: string; value: string; shown: string }[] {
  const out: { kind: string; value: string; shown: string }[] = [];
  for (const ref of a.identities) {
    if (!(KEY_KINDS as readonly string[]).includes(ref.kind)) continue;
    const value = normalizeIdentity(ref);
    if (!value || !anchorKey(ref.kind, value)) continue;
    out.push({ kind: ref.kind, value, shown: ref.value.trim() });
    // A handle without its platform, or on another one, is looked up bare as well.
    if (ref.kind === "handle" && value.includes(":")) {
      const bare = value.slice(value.indexOf(":") + 1);
      out.push({ kind: "handle", value: bare, shown: ref.value.trim() });
    }
  }
  return out;
}

async function findByIdentity(
  store: Store,
  attendees: readonly ListedAttendee[],
): Promise<KeyHit[][]> {
  const wanted = attendees.map(identityValues);
  const values = [...new Set(wanted.flatMap((w) => w.map((v) => v.value)))];
  const found = new Map<string, { person: number; kind: string; verified: boolean }[]>();
  for (const part of chunks(values)) {
    const rows = await store.db
      .selectFrom("identities")
      .select(["person_id", "kind", "value", "verified"])
      .where("value", "in", part)
      .where("kind", "<>", "name")
      .execute();
    for (const r of rows) {
      const list = found.get(r.value) ?? [];
      list.push({ person: Number(r.person_id), kind: r.kind, verified: Number(r.verified) === 1 });
      found.set(r.value, list);
    }
  }
  return wanted.map((ws) => {
    const hits: KeyHit[] = [];
    for (const w of ws) {
      for (const f of found.get(w.value) ?? []) {
        const sameKind = f.kind === w.kind || (w.kind !== "email" && f.kind !== "email");
        if (!sameKind) continue;
        const label = w.kind === "email" ? "e-mail" : w.kind === "url" ? "site" : w.kind;
        const what = f.verified
          ? `same ${label} ${w.shown}`
          : `same ${label} ${w.shown}, as typed into a comment form`;
        const known = hits.find((h) => h.person === f.person);
        if (!known) hits.push({ person: f.person, verified: f.verified, what });
        else if (f.verified && !known.verified) Object.assign(known, { verified: true, what });
      }
    }
    return hits;
  });
}

// ---------------------------------------------------------------------------------------------
// Names

interface NameHit {
  person: number;
  agreement: NameAgreement;
  graphName: string;
}

/** A given name and its formal and short forms ("bob": robert, rob, bobby …), read once a run. */
type GivenNames = (given: string) => ReadonlySet<string>;

function givenNamesOnce(): GivenNames {
  const seen = new Map<string, Set<string>>();
  return (given) => {
    let forms = seen.get(given);
    if (!forms) {
      forms = new Set<string>([given, ...givenForms(given), ...shortForms(given)]);
      seen.set(given, forms);
    }
    return forms;
  };
}

interface NameForms {
  exact: string[];
  /** The given name and a space, when there is a surname to compare. */
  given?: string;
  /** The surname, and its parts when it has several. */
  stems: string[];
}

/**
 * Normalised name values an attendee may be stored under, and what to scan names by: the
 * given name, then (when it is a common one) the first letters of the surname or its parts.
 */
function nameForms(name: string, p: ParsedName, givenNames: GivenNames): NameForms {
  if (!p.given || !p.surname) {
    const only = normalizeName(name);
    return { exact: only ? [only] : [], stems: [] };
  }
  const givens = givenNames(p.given);
  const surnames = new Set<string>([p.surname]);
  if (p.surnameParts.length > 1) surnames.add(p.surnameParts.join(" "));
  const exact = new Set<string>();
  for (const g of givens) {
    for (const s of surnames) {
      exact.add(`${g} ${s}`);
      exact.add(`${s} ${g}`);
      if (p.middles.length) exact.add(`${g} ${p.middles.join(" ")} ${s}`);
    }
  }
  const folded = normalizeName(name);
  if (folded) exact.add(folded);
  if (p.given.length < 2) return { exact: [...exact], stems: [] };
  const stems = [...new Set([p.surname, ...(p.surnameParts.length > 1 ? p.surnameParts : [])])];
  return { exact: [...exact], given: `${p.given} `, stems };
}

/** Names that start with the attendee's given name, compared one by one when no more. */
const PREFIX_ROWS = 400;
/** Otherwise: names that start with the given name and the surname's first letters, as many
 * as it takes to leave no more than this. */
const NARROW_ROWS = 100;

async function findByName(
  store: Store,
  attendees: readonly ListedAttendee[],
): Promise<NameHit[][]> {
  const givenNames = givenNamesOnce();
  const mineOf = attendees.map((a) => (a.name ? parseName(a.name) : undefined));
  const forms = attendees.map(
    (a, i): NameForms =>
      a.name ? nameForms(a.name, mineOf[i] as ParsedName, givenNames) : { exact: [], stems: [] },
  );
  const values = [...new Set(forms.flatMap((f) => f.exact))];
  const byValue = new Map<string, number[]>();
  for (const part of chunks(values)) {
    // Raw: thousands of values (every nickname, both orders) build slowly as a query tree.
    const rows = await store.conn.all<{ person_id: number; value: string }>(
      `SELECT person_id, value FROM identities
       WHERE kind = 'name' AND value IN (${part.map(() => "?").join(", ")})`,
      part,
    );
    for (const r of rows) {
      const list = byValue.get(r.value) ?? [];
      if (!list.includes(Number(r.person_id))) list.push(Number(r.person_id));
      byValue.set(r.value, list);
    }
  }
  // Near spellings of the surname: names that start with the same given name; where more than
  // PREFIX_ROWS do, those whose surname (or a part of it) starts with the same letter, or two,
  // or more, until few enough (the typos Jaro–Winkler forgives are mostly further on).
  const scanned = await namePrefixes(store, forms);
  const byPrefix = await prefixRows(store, [...new Set(scanned.flat())], PREFIX_ROWS);
  // A graph name is read once, however many attendees it is compared with.
  const parsed = new Map<string, ParsedName>();
  const parseOnce = (value: string) => {
    let p = parsed.get(value);
    if (!p) parsed.set(value, (p = parseName(value)));
    return p;
  };
  return attendees.map((a, i) => {
    if (!a.name) return [];
    const mine = mineOf[i] as ParsedName;
    const f = forms[i] ?? { exact: [], stems: [] };
    const seen = new Map<number, NameHit>();
    const consider = (person: number, value: string) => {
      const agreement = compareNames(mine, parseOnce(value));
      if (!(agreement in NAME_CONFIDENCE)) return;
      const before = seen.get(person);
      const rank = (x: NameAgreement) => NAME_CONFIDENCE[x] ?? 0;
      if (!before || rank(agreement) > rank(before.agreement)) {
        seen.set(person, { person, agreement, graphName: value });
      }
    };
    for (const v of f.exact) for (const person of byValue.get(v) ?? []) consider(person, v);
    for (const p of scanned[i] ?? []) {
      for (const r of byPrefix.get(p) ?? []) consider(r.person, r.value);
    }
    return [...seen.values()];
  });
}

/** Per attendee, the name prefixes to scan: narrowed by the surname's letters while too common. */
async function namePrefixes(store: Store, forms: readonly NameForms[]): Promise<string[][]> {
  const out: string[][] = forms.map(() => []);
  let pending = forms.flatMap((f, i) => (f.given ? [{ i, f }] : []));
  for (let letters = 0; pending.length > 0; letters++) {
    const cap = letters === 0 ? PREFIX_ROWS : NARROW_ROWS;
    const mine = (f: NameForms) =>
      letters === 0
        ? [f.given as string]
        : [...new Set(f.stems.map((s) => `${f.given}${s.slice(0, letters)}`))];
    const counts = await prefixCounts(
      store,
      [...new Set(pending.flatMap(({ f }) => mine(f)))],
      cap + 1,
    );
    const next: typeof pending = [];
    for (const { i, f } of pending) {
      const prefixes = mine(f);
      const narrower = f.stems.some((s) => s.length > letters);
      if (narrower && prefixes.some((p) => (counts.get(p) ?? 0) > cap)) next.push({ i, f });
      else out[i] = prefixes;
    }
    pending = next;
  }
  return out;
}

/** A prefix's range of name values, as one subquery of a UNION ALL (`?`s: from, to). */
function prefixRange(columns: string, limit: number, order: boolean): string {
  return `SELECT ${columns} FROM identities
    WHERE kind = 'name' AND value >= ? AND value < ?${order ? " ORDER BY value" : ""} LIMIT ${limit}`;
}

const rangeParams = (part: readonly string[]) => part.flatMap((p) => [p, `${p}\uffff`]);

/** How many names start with each prefix, counted up to `limit`, a few dozen prefixes a query. */
async function prefixCounts(
  store: Store,
  prefixes: readonly string[],
  limit: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(prefixes, 50)) {
    const sql = part
      .map(
        (_, k) =>
          `SELECT ${k} AS k, count(*) AS n FROM (${prefixRange("1 AS one", limit, false)}) q${k}`,
      )
      .join(" UNION ALL ");
    const rows = await store.conn.all<{ k: number; n: number }>(sql, rangeParams(part));
    for (const r of rows) out.set(part[Number(r.k)] as string, Number(r.n));
  }
  return out;
}

/** The first `limit` names (by value) that start with each prefix, a few dozen prefixes a query. */
async function prefixRows(
  store: Store,
  prefixes: readonly string[],
  limit: number,
): Promise<Map<string, { person: number; value: string }[]>> {
  const out = new Map<string, { person: number; value: string }[]>();
  for (const part of chunks(prefixes, 50)) {
    const sql = part
      .map(
        (_, k) =>
          `SELECT ${k} AS k, person_id, value FROM (${prefixRange("person_id, value", limit, true)}) q${k}`,
      )
      .join(" UNION ALL ");
    const rows = await store.conn.all<{ k: number; person_id: number; value: string }>(
      sql,
      rangeParams(part),
    );
    for (const r of rows) {
      const prefix = part[Number(r.k)] as string;
      const list = out.get(prefix) ?? [];
      list.push({ person: Number(r.person_id), value: r.value });
      out.set(prefix, list);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deciding

function squashOrg(org: string): string {
  return (normalizeName(org) ?? "")
    .replace(/\b(inc|ltd|llc|gmbh|co|corp|plc|sa|the)\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "same" when the person works where the list says, "other" when elsewhere, else undefined. */
function orgAgreement(a: ListedAttendee, f: PersonFacts | undefined): "same" | "other" | undefined {
  if (!a.organization || !f || f.organization.length === 0) return undefined;
  const mine = squashOrg(a.organization);
  if (!mine) return undefined;
  return f.organization.some((o) => squashOrg(o) === mine) ? "same" : "other";
}

function decide(
  a: ListedAttendee,
  keys: KeyHit[],
  names: NameHit[],
  facts: Map<number, PersonFacts>,
): AttendeeMatch {
  const nameOf = (id: number) => facts.get(id)?.name ?? `#${id}`;
  const result: AttendeeMatch = {
    attendee: a,
    status: "unknown",
    confidence: 0,
    reason: "not in your graph",
    also: [],
    candidates: [],
    namesakes: [],
  };
  if (keys.some((k) => facts.get(k.person)?.isMe)) {
    return { ...result, status: "me", confidence: 1, reason: "that is you" };
  }
  const org = a.organization;
  const scored: Candidate[] = [];
  for (const k of keys) {
    const f = facts.get(k.person);
    const agree = orgAgreement(a, f);
    let confidence = k.verified ? 0.99 : 0.85;
    let reason = k.what;
    if (agree === "same") {
      confidence = Math.min(0.995, confidence + 0.05);
      reason += `, at ${org}`;
    }
    scored.push({ id: k.person, name: nameOf(k.person), confidence, reason });
  }
  const keyed = new Set(keys.map((k) => k.person));
  /** A name that people irl knows to be different share: a name alone cannot tell them apart. */
  let shared = false;
  const byName: Candidate[] = [];
  for (const n of names) {
    if (keyed.has(n.person) || facts.get(n.person)?.isMe) continue;
    const f = facts.get(n.person);
    const agree = orgAgreement(a, f);
    let confidence = NAME_CONFIDENCE[n.agreement] ?? 0;
    let reason = NAME_WHY[n.agreement] ?? "similar name";
    if (n.agreement === "nickname" || n.agreement === "fuzzy" || n.agreement === "swapped") {
      reason += ` ("${a.name}" / "${f?.name ?? n.graphName}")`;
    }
    if (agree === "same") {
      confidence = Math.min(0.95, confidence + 0.22);
      reason += `, both at ${org}`;
    } else if (agree === "other") {
      shared = shared || n.agreement === "exact" || n.agreement === "swapped";
      confidence -= 0.4;
      reason += `, but at ${f?.organization[0]}, not ${org}`;
    }
    byName.push({ id: n.person, name: nameOf(n.person), confidence, reason });
  }
  byName.sort((x, y) => y.confidence - x.confidence || x.id - y.id);
  // Namesakes at different companies are different people, whatever the list says.
  const orgs = new Set<string>();
  for (const c of byName) {
    if (c.confidence < ACCEPT && !c.reason.includes(", but at ")) continue;
    const o = facts.get(c.id)?.organization[0];
    if (o) orgs.add(squashOrg(o));
  }
  if (orgs.size > 1) shared = true;
  // Is this attendee one of the name's holders? Only when the org says so.
  const acceptName = (c: Candidate) =>
    c.confidence >= ACCEPT && (!shared || c.reason.includes("both at"));
  const accepted = byName.filter(acceptName);
  const others = byName.filter((c) => !acceptName(c) && c.confidence > 0.3);

  if (scored.length > 0) {
    scored.sort((x, y) => y.confidence - x.confidence || tieOf(facts, y.id) - tieOf(facts, x.id));
    const best = scored[0] as Candidate;
    return {
      ...result,
      status: "matched",
      personId: best.id,
      confidence: best.confidence,
      reason: best.reason,
      also: [...scored.slice(1), ...accepted],
      namesakes: others.filter((c) => shared || c.confidence >= 0.45),
    };
  }
  if (accepted.length > 0) {
    // The same-name people who agree are one person in several sources; the strongest tie
    // stands for them.
    const ordered = [...accepted].sort(
      (x, y) => tieOf(facts, y.id) - tieOf(facts, x.id) || y.confidence - x.confidence,
    );
    const best = ordered[0] as Candidate;
    return {
      ...result,
      status: "matched",
      personId: best.id,
      confidence: Math.max(...accepted.map((c) => c.confidence)),
      reason: best.reason,
      also: ordered.slice(1),
      namesakes: others,
    };
  }
  const possible = byName.filter((c) => c.confidence >= 0.3);
  if (possible.length > 0) {
    const why = shared
      ? `${possible.length} people in your graph are called ${a.name}, and the list does not say which`
      : `only a possible match: ${possible[0]?.reason}`;
    return { ...result, status: "ambiguous", reason: why, candidates: possible.slice(0, 5) };
  }
  return result;
}

function tieOf(facts: Map<number, PersonFacts>, id: number): number {
  return facts.get(id)?.strength ?? 0;
}
