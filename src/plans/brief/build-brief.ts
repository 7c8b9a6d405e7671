/**
 * The event brief: for an attendee list, who is coming that I know (tie strength, tier, what
 * we last talked about), who is new and worth meeting (ranked, each with why: shared
 * interests, warm paths through my ties, that they reached out, their latest post as a talking
 * point), who I have met once and never followed up, who can introduce me to whom, what this
 * group cares about, and whom to be careful with my time on (one-way askers). Every line
 * carries its reasons; attendees irl cannot place for sure are listed as such.
 *
 * The renderers (`render-text.ts`, `render-markdown.ts`, `render-html.ts`) and `irl events`
 * read the `Brief` this returns; `--json` prints it as it is.
 *
 * @example
 * const list = await readAttendeeList("meetup.csv");
 * const brief = await buildBrief(store, list);
 * brief.newPeople[0]; // { name: "Yasmin Öztürk", score: 0.81, reasons: ["you both write about analytics", …] }
 */
import { ensureTies, graphNow } from "../../signals/compute-ties.js";
import {
  cosine,
  sharedTerms,
  type TermVector,
  textVector,
  vectorsOf,
} from "../../signals/interests/index.js";
import type { Store } from "../../store/store.js";
import { type IntroHop, type IntroPath, introPathsMany } from "../intro.js";
import type { AttendeeList, ListedAttendee, ListedEvent, ListSkip } from "./attendee-list.js";
import { type AttendeeMatch, type Candidate, matchAttendeesWithFacts } from "./match-attendees.js";
import {
  chunks,
  KNOWN_TIERS,
  loadPersonFacts,
  metContact,
  type PersonFacts,
} from "./person-facts.js";

export interface LastTalked {
  at: string;
  channel: string;
  kind: string;
  direction: string;
  title: string | null;
  url: string | null;
  excerpt: string | null;
}

export interface KnownEntry {
  name: string;
  personId: number;
  listedAs: string;
  organization: string | null;
  title: string | null;
  strength: number;
  tier: string;
  reasons: string[];
  lastTalked: LastTalked | null;
  match: { confidence: number; reason: string };
}

export interface TalkingPoint {
  title: string;
  url: string | null;
  at: string | null;
}

export interface NewEntry {
  name: string;
  personId: number | null;
  organization: string | null;
  title: string | null;
  score: number;
  reasons: string[];
  sharedInterests: string[];
  introducedBy: string[];
  talkingPoint: TalkingPoint | null;
  /** How they were found in the graph, when they were. */
  match: { confidence: number; reason: string } | null;
}

export interface IntroEntry {
  name: string;
  personId: number;
  via: string;
  score: number;
  hops: IntroHop[];
  reasons: string[];
}

export interface CarefulEntry {
  name: string;
  personId: number;
  tier: string;
  reasons: string[];
}

export interface AmbiguousEntry {
  name: string;
  place: string;
  reasons: string[];
  candidates: Candidate[];
}

export interface GroupInterest {
  term: string;
  people: number;
  weight: number;
  sharedWithMe: boolean;
}

export interface Brief {
  title: string;
  file: string;
  format: string;
  events: { title: string; start: string | null; location: string | null; url: string | null }[];
  generatedAt: string;
  counts: {
    listed: number;
    known: number;
    newPeople: number;
    metBefore: number;
    careful: number;
    ambiguous: number;
    skipped: number;
    you: number;
  };
  known: KnownEntry[];
  newPeople: NewEntry[];
  metBefore: NewEntry[];
  introductions: IntroEntry[];
  groupInterests: GroupInterest[];
  careful: CarefulEntry[];
  ambiguous: AmbiguousEntry[];
  skipped: ListSkip[];
  /** Which modules answered: the interests and introductions modules, or the brief's own. */
}

export interface BriefOptions {
  /** "Today" (the graph's own today by default). */
  now?: number;
  /** New people listed at most (all are ranked). */
  limit?: number;
}

/** Trusted other faces of a matched attendee: found by a key, or by name and company. */
const TRUSTED = 0.8;

/** Words that make an inbound message an ask (job, favour, introduction). */
const ASK =
  /\b(hiring|openings?|vacanc(?:y|ies)|job|jobs|roles?|positions?|cv|résumé|resume|portfolio|refer(?:ral)?|introduce me|intro to|looking for (?:a|work|my next)|any leads|favou?r|could you (?:help|send|share|connect)|would you (?:help|mind))\b/i;

export async function buildBrief(
  store: Store,
  list: AttendeeList,
  options: BriefOptions = {},
): Promise<Brief> {
  const now = options.now ?? (await graphNow(store));
  await ensureTies(store, now);
  const me = await store.me();
  const { matches, facts } = await matchAttendeesWithFacts(store, list.attendees);

  const footprint = (m: AttendeeMatch, trustedOnly = false): number[] =>
    m.personId === undefined
      ? []
      : [
          m.personId,
          ...m.also.filter((c) => !trustedOnly || c.confidence >= TRUSTED).map((c) => c.id),
        ];
  const allIds = new Set<number>();
  for (const m of matches) for (const id of footprint(m)) allIds.add(id);
  const unread = [...allIds].filter((id) => !facts.has(id));
  if (unread.length > 0)
    for (const [id, f] of await loadPersonFacts(store, unread)) facts.set(id, f);

  // --- classify -------------------------------------------------------------------------
  const known: { m: AttendeeMatch; f: PersonFacts }[] = [];
  const careful: { m: AttendeeMatch; f: PersonFacts }[] = [];
  const fresh: AttendeeMatch[] = [];
  const ambiguous: AttendeeMatch[] = [];
  let you = 0;
  for (const m of matches) {
    if (m.status === "me") {
      you++;
      continue;
    }
    if (m.status === "ambiguous") ambiguous.push(m);
    const trusted = footprint(m, true)
      .map((id) => facts.get(id))
      .filter((f): f is PersonFacts => f !== undefined);
    const best = trusted
      .filter((f) => f.tier !== null && KNOWN_TIERS.has(f.tier))
      .sort((a, b) => b.strength - a.strength)[0];
    if (best) {
      known.push({ m, f: best });
      continue;
    }
    const asker = trusted.find((f) => f.tier === "one-way" && f.dialogIn > 0 && f.dialogOut === 0);
    if (asker) careful.push({ m, f: asker });
    else fresh.push(m);
  }

  // --- asks: which one-way writers asked for something ---------------------------------
  const asks = await asksOf(
    store,
    careful.map((c) => c.f.id),
  );
  const reallyCareful = careful.filter((c) => asks.has(c.f.id));
  for (const c of careful) if (!asks.has(c.f.id)) fresh.push(c.m);

  // --- people I know: what we last talked about ----------------------------------------
  const last = me
    ? await lastTalked(
        store,
        me.id,
        known.map((k) => k.f.id),
      )
    : new Map();
  const knownEntries: KnownEntry[] = known
    .map(({ m, f }) => {
      const reasons = [
        `${f.tier}: ${f.tierReason ?? ""}`.replace(/: $/, ""),
        ...f.reasons.slice(0, 2),
      ];
      if (f.tier === "dormant")
        reasons.unshift("a tie gone quiet: this is the moment to pick up again");
      if (m.confidence < 0.95) reasons.push(`found by ${m.reason} (${pct(m.confidence)} sure)`);
      return {
        name: f.name,
        personId: f.id,
        listedAs: m.attendee.name ?? f.name,
        organization: m.attendee.organization ?? f.organization[0] ?? null,
        title: m.attendee.title ?? f.title[0] ?? null,
        strength: round(f.strength),
        tier: f.tier ?? "",
        reasons,
        lastTalked: last.get(f.id) ?? null,
        match: { confidence: round(m.confidence), reason: m.reason },
      };
    })
    .sort((a, b) => b.strength - a.strength || a.name.localeCompare(b.name));

  // --- new people: interests, paths, reaching out, talking points ----------------------
  const newIds = [...new Set(fresh.flatMap((m) => footprint(m)))];
  const vectors = await vectorsOf(store, me ? [me.id, ...newIds] : newIds);
  const mine: TermVector = withWords((me && vectors.get(me.id)) || new Map());
  const textVectors = new Map<string, TermVector>();
  // What the list says of them: job title and bio (an organisation's name is not an interest).
  const listText = (a: ListedAttendee) => [a.title, a.bio].filter(Boolean).join(". ");
  for (const m of fresh) {
    const t = listText(m.attendee);
    if (t && !textVectors.has(t)) textVectors.set(t, await textVector(store, t));
  }
  const vectorOf = (m: AttendeeMatch): TermVector => {
    const sum: TermVector = new Map();
    const add = (v: TermVector | undefined) => {
      if (v) for (const [t, w] of v) sum.set(t, Math.max(sum.get(t) ?? 0, w));
    };
    for (const id of footprint(m)) add(vectors.get(id));
    add(textVectors.get(listText(m.attendee)));
    return withWords(sum);
  };
  const paths = await introPathsMany(store, newIds, { maxHops: 3, limit: 3 });
  const posts = await latestPosts(store, newIds);
  const scoredNew = fresh.map((m) => {
    const v = vectorOf(m);
    const sim = cosine(mine, v);
    const shared = sim > 0 ? sharedTerms(mine, v, 3) : [];
    const ids = footprint(m);
    const best = ids.flatMap((id) => paths.get(id) ?? []).sort((a, b) => b.score - a.score)[0];
    const kinds = ids.flatMap((id) => facts.get(id)?.contactKinds ?? []);
    const wroteMe = ids.some((id) => (facts.get(id)?.dialogIn ?? 0) > 0);
    const post = ids.map((id) => posts.get(id)).find((p) => p !== undefined) ?? null;
    return { m, v, sim, shared, best, kinds, wroteMe, post };
  });
  const maxSim = Math.max(1e-9, ...scoredNew.map((s) => s.sim));
  const entries = scoredNew.map((s): NewEntry & { met: boolean; path?: IntroPath } => {
    const a = s.m.attendee;
    const reasons: string[] = [];
    let score = 0.5 * (s.sim / maxSim);
    if (s.shared.length > 0) reasons.push(`you both write about ${s.shared.join(", ")}`);
    else if (s.sim === 0) reasons.push("no interests in common that irl can see");
    if (s.best) {
      score += 0.35 * Math.min(1, s.best.score * 1.5);
      const via = s.best.hops.slice(0, -1).map((h) => h.to.name);
      reasons.push(
        `${via.join(" → ")} can introduce you: ${s.best.hops.at(-1)?.evidence[0] ?? ""}`.trim(),
      );
    }
    const invited = s.kinds.some((k) => /invitation_received$/.test(k));
    const follows = s.kinds.some((k) => /:follower$/.test(k));
    if (invited) reasons.push("they invited you to connect on LinkedIn");
    else if (follows) reasons.push("they follow you");
    else if (s.wroteMe) reasons.push("they have written to you before");
    if (invited || follows || s.wroteMe) score += 0.1;
    if (s.post) {
      score += 0.05;
      reasons.push(`talking point: their post "${s.post.title}"`);
    }
    const met = s.kinds.some(metContact);
    if (met) {
      const what = s.kinds.filter(metContact).map(describeContact);
      reasons.push(`you have ${[...new Set(what)].join(" and ")}, and never talked: follow up`);
    }
    if (s.m.status === "ambiguous") reasons.push(`irl is not sure who this is: ${s.m.reason}`);
    else if (s.m.personId === undefined) reasons.push("not in your graph yet");
    return {
      name: a.name ?? facts.get(s.m.personId ?? -1)?.name ?? a.place,
      personId: s.m.personId ?? null,
      organization: a.organization ?? facts.get(s.m.personId ?? -1)?.organization[0] ?? null,
      title: a.title ?? facts.get(s.m.personId ?? -1)?.title[0] ?? null,
      score: round(score),
      reasons,
      sharedInterests: s.shared,
      introducedBy: s.best ? s.best.hops.slice(0, -1).map((h) => h.to.name) : [],
      talkingPoint: s.post,
      match:
        s.m.personId === undefined
          ? null
          : { confidence: round(s.m.confidence), reason: s.m.reason },
      met,
      ...(s.best ? { path: s.best } : {}),
    };
  });
  entries.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const strip = ({ met: _m, path: _p, ...e }: (typeof entries)[number]): NewEntry => e;
  const newPeople = entries.filter((e) => !e.met).map(strip);
  const metBefore = entries.filter((e) => e.met).map(strip);

  const introductions: IntroEntry[] = entries
    .filter((e) => e.path && e.personId !== null)
    .map((e) => {
      const p = e.path as IntroPath;
      const via = p.hops
        .slice(0, -1)
        .map((h) => h.to.name)
        .join(" → ");
      return {
        name: e.name,
        personId: e.personId as number,
        via,
        score: round(p.score),
        hops: p.hops,
        reasons: p.hops.flatMap((h) => h.evidence),
      };
    })
    .sort((a, b) => b.score - a.score);

  // --- what the group cares about --------------------------------------------------------
  const groupVectors = [...scoredNew.map((s) => s.v)];
  const knownVectors = await vectorsOf(
    store,
    known.map((k) => k.f.id),
  );
  groupVectors.push(...knownVectors.values());
  const groupInterests = topGroupTerms(groupVectors, mine, 10);

  // --- careful ---------------------------------------------------------------------------
  const carefulEntries: CarefulEntry[] = reallyCareful.map(({ m, f }) => ({
    name: f.name,
    personId: f.id,
    tier: f.tier ?? "one-way",
    reasons: [
      `${f.tierReason ?? "one-way"}`,
      ...(asks.get(f.id) ?? []).map((q) => `asked: "${q}"`),
      ...(m.confidence < 0.95 ? [`found by ${m.reason}`] : []),
    ],
  }));

  const ambiguousEntries: AmbiguousEntry[] = ambiguous.map((m) => ({
    name: m.attendee.name ?? m.attendee.place,
    place: m.attendee.place,
    reasons: [m.reason],
    candidates: m.candidates,
  }));
  // Known people whose name others share: said, so the user can check.
  for (const { m } of known) {
    if (m.namesakes.length > 0) {
      ambiguousEntries.push({
        name: m.attendee.name ?? m.attendee.place,
        place: m.attendee.place,
        reasons: [
          `taken as ${facts.get(m.personId ?? -1)?.name ?? "your contact"} (${m.reason}); others in your graph share the name`,
        ],
        candidates: m.namesakes,
      });
    }
  }

  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  return {
    title: list.title,
    file: list.file,
    format: list.format,
    events: list.events.map((e: ListedEvent) => ({
      title: e.title,
      start: e.start === undefined ? null : new Date(e.start).toISOString(),
      location: e.location ?? null,
      url: e.url ?? null,
    })),
    generatedAt: new Date(now).toISOString(),
    counts: {
      listed: list.attendees.length,
      known: knownEntries.length,
      newPeople: newPeople.length,
      metBefore: metBefore.length,
      careful: carefulEntries.length,
      ambiguous: ambiguous.length,
      skipped: list.skipped.length,
      you,
    },
    known: knownEntries,
    newPeople: newPeople.slice(0, limit),
    metBefore: metBefore.slice(0, limit),
    introductions: introductions.slice(0, limit),
    groupInterests,
    careful: carefulEntries,
    ambiguous: ambiguousEntries,
    skipped: list.skipped,
  };
}

/**
 * A vector with the words of its phrases added at half weight, so that a job title's "data
 * scientist" meets a writer's "data layer" on "data" (a weaker, but real, overlap).
 */
export function withWords(v: TermVector): TermVector {
  const out: TermVector = new Map(v);
  for (const [term, w] of v) {
    if (!term.includes(" ")) continue;
    for (const word of term.split(" ")) {
      if (word.length < 3) continue;
      out.set(word, Math.max(out.get(word) ?? 0, w * 0.5));
    }
  }
  return out;
}

function describeContact(kind: string): string {
  const [channel, what] = kind.split(":");
  if (what === "card") return channel === "vcard" ? "their business card" : "their card";
  if (channel === "linkedin") return "a LinkedIn connection";
  return `a ${channel} ${what}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** Terms many of the group share; the weight is the share of people whose words carry it. */
export function topGroupTerms(
  vectors: TermVector[],
  mine: TermVector,
  limit: number,
): GroupInterest[] {
  const people = new Map<string, number>();
  const weight = new Map<string, number>();
  for (const v of vectors) {
    const top = [...v].sort((a, b) => b[1] - a[1]).slice(0, 12);
    const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
    for (const [t, w] of top) {
      people.set(t, (people.get(t) ?? 0) + 1);
      weight.set(t, (weight.get(t) ?? 0) + w / norm);
    }
  }
  const n = Math.max(1, vectors.length);
  const terms = [...people]
    .filter(([, k]) => k >= 2)
    .map(([term, k]) => ({
      term,
      people: k,
      weight: round((weight.get(term) ?? 0) / n),
      sharedWithMe: mine.has(term),
    }))
    .sort((a, b) => b.people - a.people || b.weight - a.weight || a.term.localeCompare(b.term));
  const out: GroupInterest[] = [];
  for (const t of terms) {
    // A word inside a chosen phrase held by as many people adds nothing.
    if (out.some((o) => o.term.split(" ").includes(t.term) && o.people >= t.people)) continue;
    out.push(t);
    if (out.length >= limit) break;
  }
  return out;
}

/** The one-way writers' inbound messages that ask for something, a few words each. */
async function asksOf(store: Store, ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const part of chunks(ids)) {
    const rows = await store.db
      .selectFrom("interactions")
      .select(["from_person_id", "body"])
      .where("from_person_id", "in", part)
      .where("direction", "=", "inbound")
      .where("body", "is not", null)
      .orderBy("occurred_at", "desc")
      .limit(20 * part.length)
      .execute();
    for (const r of rows) {
      const body = (r.body ?? "").replace(/\s+/g, " ");
      const hit = ASK.exec(body);
      if (!hit) continue;
      const list = out.get(Number(r.from_person_id)) ?? [];
      if (list.length < 2) list.push(sentenceAround(body, hit.index));
      out.set(Number(r.from_person_id), list);
    }
  }
  return out;
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(0, text.lastIndexOf(".", at) + 1, text.lastIndexOf("?", at - 1) + 1);
  const ends = [text.indexOf(".", at), text.indexOf("?", at)].filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : text.length;
  const s = text.slice(start, end).trim();
  return s.length > 140 ? `${s.slice(0, 139)}…` : s;
}

/**
 * For each person, the latest interaction with me that has words or a thread title: per person
 * and direction one backward walk of the `interactions_said` index (migration 0013, whose
 * condition the query repeats word for word), then the chosen rows read by id.
 */
async function lastTalked(
  store: Store,
  me: number,
  ids: number[],
): Promise<Map<number, LastTalked>> {
  const out = new Map<number, LastTalked>();
  const latest = (a: string, b: string) =>
    `(SELECT i.id FROM interactions i LEFT JOIN threads th ON th.id = i.thread_id
       WHERE i.from_person_id = ${a} AND i.to_person_id = ${b}
         AND (i.body IS NOT NULL OR i.thread_id IS NOT NULL)
         AND (i.body IS NOT NULL OR th.title IS NOT NULL)
       ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)`;
  for (const part of chunks(ids)) {
    const marks = part.map(() => "?").join(", ");
    const picks = await store.conn.all<{ person: number; got: number | null; sent: number | null }>(
      `SELECT p.id AS person, ${latest("p.id", "?")} AS got, ${latest("?", "p.id")} AS sent
       FROM people p WHERE p.id IN (${marks})`,
      [me, me, ...part],
    );
    const wanted = picks.flatMap((r) => [r.got, r.sent]).filter((x) => x !== null);
    if (wanted.length === 0) continue;
    const rows = await store.conn.all<{
      id: number;
      occurred_at: number;
      channel: string;
      kind: string;
      direction: string;
      body: string | null;
      title: string | null;
      url: string | null;
    }>(
      `SELECT i.id, i.occurred_at, i.channel, i.kind, i.direction, substr(i.body, 1, 400) AS body,
         th.title, th.url
       FROM interactions i LEFT JOIN threads th ON th.id = i.thread_id
       WHERE i.id IN (${wanted.map(() => "?").join(", ")})`,
      wanted,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const pick of picks) {
      const got = pick.got === null ? undefined : byId.get(Number(pick.got));
      const sent = pick.sent === null ? undefined : byId.get(Number(pick.sent));
      const later = (a: typeof got, b: typeof got) =>
        !b ||
        (a &&
          (Number(a.occurred_at) > Number(b.occurred_at) ||
            (Number(a.occurred_at) === Number(b.occurred_at) && Number(a.id) > Number(b.id))))
          ? a
          : b;
      const r = later(got, sent);
      if (!r) continue;
      const body = r.body?.replace(/\s+/g, " ").trim() ?? null;
      out.set(Number(pick.person), {
        at: new Date(Number(r.occurred_at)).toISOString(),
        channel: r.channel,
        kind: r.kind,
        direction: r.direction,
        title: r.title,
        url: r.url,
        excerpt: body ? (body.length > 160 ? `${body.slice(0, 159)}…` : body) : null,
      });
    }
  }
  return out;
}

/** Each person's latest titled writing (a post), as a talking point. */
async function latestPosts(store: Store, ids: number[]): Promise<Map<number, TalkingPoint>> {
  const out = new Map<number, TalkingPoint>();
  for (const part of chunks(ids)) {
    const rows = await store.db
      .selectFrom("content")
      .select(["person_id", "title", "url", "published_at"])
      .where("person_id", "in", part)
      .where("title", "is not", null)
      .where("kind", "in", ["post", "page", "article"])
      .orderBy("published_at", "desc")
      .execute();
    for (const r of rows) {
      const id = Number(r.person_id);
      if (out.has(id) || !r.title) continue;
      out.set(id, {
        title: r.title,
        url: r.url,
        at: r.published_at === null ? null : new Date(Number(r.published_at)).toISOString(),
      });
    }
  }
  return out;
}
