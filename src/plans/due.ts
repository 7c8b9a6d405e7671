/**
 * Who am I neglecting: replies I owe (per thread and channel), people who never answered
 * me — and organisations where nobody does —, strong ties gone quiet for longer than their
 * own rhythm, and this week's touch budget: a short ranked list of what to do, each with why.
 *
 * Reads the `ties` table (computed after imports) and the recent interactions only, so it
 * answers quickly on large graphs. Snoozed people are left out until their snooze ends.
 *
 * @example
 * const due = await whatIsDue(store, { budget: 5 });
 * due.budget[0]; // { person: 12, name: "Ada", action: "reply", reason: "…" }
 */
import { graphNow } from "../signals/compute-ties.js";
import type { Store } from "../store/store.js";

const DAY = 86_400_000;
/** Silence after my last message before "never answered" (a reply can take a while). */
export const ANSWER_PATIENCE_DAYS = 14;

export interface OwedReply {
  person: number;
  name: string;
  channel: string;
  kind: string;
  at: number;
  thread: string | null;
  excerpt: string | null;
  /** How many of their messages in this thread wait for you. */
  waiting: number;
  strength: number;
}

export interface Unanswered {
  person: number;
  name: string;
  sent: number;
  lastSentAt: number;
  organization: string | null;
}

export interface QuietTie {
  person: number;
  name: string;
  strength: number;
  reason: string;
  lastAt: number | null;
}

export interface Touch {
  person: number;
  name: string;
  action: "reply" | "check in" | "follow up";
  reason: string;
}

export interface DueReport {
  owed: OwedReply[];
  unanswered: Unanswered[];
  /** Organisations where two or more people never answered you. */
  silentOrganizations: { organization: string; people: string[] }[];
  quiet: QuietTie[];
  budget: Touch[];
  /** Sizes of the whole lists (the lists above stop at `limit`). */
  totals: { owed: number; unanswered: number; quiet: number };
}

export async function whatIsDue(
  store: Store,
  options: { now?: number; budget?: number; limit?: number } = {},
): Promise<DueReport> {
  const now = options.now ?? (await graphNow(store));
  const budget = options.budget ?? 5;
  const limit = options.limit ?? 50;
  const me = (await store.me())?.id;
  if (me === undefined) {
    return {
      owed: [],
      unanswered: [],
      silentOrganizations: [],
      quiet: [],
      budget: [],
      totals: { owed: 0, unanswered: 0, quiet: 0 },
    };
  }
  // Everything below reads the ties and owed tables, in the database: fast on any graph.
  const awake = (column: string) =>
    `NOT EXISTS (SELECT 1 FROM person_flags f WHERE f.person_id = ${column} AND f.snoozed_until > ?)`;
  const count = async (sql: string, params: unknown[]) =>
    Number((await store.conn.all<{ n: number }>(sql, params))[0]?.n ?? 0);

  const owedRows = await store.conn.all<{
    person: number;
    name: string;
    channel: string;
    kind: string;
    at: number;
    waiting: number;
    title: string | null;
    body: string | null;
    score: number;
  }>(
    // The top of the list first, then its names, titles and texts: no body is read for the rest.
    // Ties strongest first (index ties_score), each one's owed replies: the walk stops once the
    // list is full instead of sorting every owed reply (CROSS JOIN keeps that order in SQLite).
    `SELECT o.person_id AS person, p.display_name AS name, o.channel, o.kind, o.at, o.waiting,
       th.title, i.body, o.score
     FROM (SELECT o.*, t.score FROM ties t CROSS JOIN owed o
           WHERE o.person_id = t.person_id AND ${awake("t.person_id")}
           ORDER BY t.score DESC, o.at DESC LIMIT ?) o
     JOIN people p ON p.id = o.person_id
     LEFT JOIN threads th ON th.id = o.thread_id
     LEFT JOIN interactions i ON i.id = o.interaction_id
     ORDER BY o.score DESC, o.at DESC`,
    [now, limit],
  );
  const owed: OwedReply[] = owedRows.map((r) => ({
    person: Number(r.person),
    name: r.name,
    channel: r.channel,
    kind: r.kind,
    at: Number(r.at),
    thread: r.title,
    excerpt: r.body ? r.body.replace(/\s+/g, " ").trim().slice(0, 140) : null,
    waiting: Number(r.waiting),
    strength: Number(r.score),
  }));

  const silent = await store.conn.all<{
    person_id: number;
    name: string;
    dialog_out: number;
    last_out_at: number | null;
  }>(
    `SELECT t.person_id, p.display_name AS name, t.dialog_out, t.last_out_at
     FROM ties t JOIN people p ON p.id = t.person_id
     WHERE t.dialog_in = 0 AND t.dialog_out > 0 AND coalesce(t.last_out_at, 0) < ?
       AND ${awake("t.person_id")}
     ORDER BY t.dialog_out DESC, t.last_out_at DESC`,
    [now - ANSWER_PATIENCE_DAYS * DAY, now],
  );
  const unanswered: Unanswered[] = silent.map((t) => ({
    person: Number(t.person_id),
    name: t.name,
    sent: Number(t.dialog_out),
    lastSentAt: Number(t.last_out_at ?? 0),
    organization: null,
  }));
  const orgs = await organizationsOf(
    store,
    unanswered.map((u) => u.person),
  );
  for (const u of unanswered) u.organization = orgs.get(u.person) ?? null;
  const byOrg = new Map<string, string[]>();
  for (const u of unanswered) {
    if (!u.organization) continue;
    byOrg.set(u.organization, [...(byOrg.get(u.organization) ?? []), u.name]);
  }
  const silentOrganizations = [...byOrg]
    .filter(([, people]) => people.length >= 2)
    .map(([organization, people]) => ({ organization, people }))
    .sort((a, b) => b.people.length - a.people.length);

  const quietRows = await store.conn.all<{
    person_id: number;
    name: string;
    score: number;
    tier_reason: string;
    last_at: number | null;
  }>(
    `SELECT t.person_id, p.display_name AS name, t.score, t.tier_reason, t.last_at
     FROM ties t JOIN people p ON p.id = t.person_id
     WHERE t.tier = 'dormant' AND ${awake("t.person_id")}
     ORDER BY t.score DESC LIMIT ?`,
    [now, limit],
  );
  const quiet: QuietTie[] = quietRows.map((t) => ({
    person: Number(t.person_id),
    name: t.name,
    strength: Number(t.score),
    reason: t.tier_reason,
    lastAt: t.last_at === null ? null : Number(t.last_at),
  }));

  return {
    owed,
    unanswered: unanswered.slice(0, limit),
    silentOrganizations,
    quiet,
    budget: touchBudget(owed, quiet, unanswered, budget, now),
    totals: {
      // All, less the snoozed (person_flags has one row per person): counts from the indexes
      // instead of a snooze lookup per row.
      owed: await count(
        `SELECT (SELECT count(*) FROM owed) - (SELECT count(*) FROM owed o
           JOIN person_flags f ON f.person_id = o.person_id WHERE f.snoozed_until > ?) AS n`,
        [now],
      ),
      unanswered: unanswered.length,
      quiet: await count(
        `SELECT (SELECT count(*) FROM ties WHERE tier = 'dormant') - (SELECT count(*) FROM ties t
           JOIN person_flags f ON f.person_id = t.person_id
           WHERE t.tier = 'dormant' AND f.snoozed_until > ?) AS n`,
        [now],
      ),
    },
  };
}

async function organizationsOf(store: Store, people: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500);
    if (chunk.length === 0) break;
    const rows = await store.conn.all<{ person_id: number; field: string; value: string }>(
      `SELECT person_id, field, value FROM details WHERE field = 'organization'
       AND person_id IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const r of rows) if (!out.has(Number(r.person_id))) out.set(Number(r.person_id), r.value);
    // No organisation on record: the domain of a work address says where they are.
    const mails = await store.conn.all<{ person_id: number; value: string }>(
      `SELECT person_id, value FROM identities WHERE kind = 'email'
       AND person_id IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const r of mails) {
      const id = Number(r.person_id);
      const domain = r.value.slice(r.value.lastIndexOf("@") + 1);
      if (!out.has(id) && !FREE_MAIL.test(domain)) out.set(id, domain);
    }
  }
  return out;
}

const FREE_MAIL =
  /^(gmail|googlemail|yahoo|hotmail|outlook|live|icloud|me|aol|proton(mail)?|pm|gmx|web|mail|fastmail|webmail|inbox|postbox|letterbox|fastpost)\./;

/** The week's short list: replies first (strongest ties), then quiet strong ties, then follow-ups. */
function touchBudget(
  owed: OwedReply[],
  quiet: QuietTie[],
  unanswered: Unanswered[],
  size: number,
  now: number,
): Touch[] {
  const out: Touch[] = [];
  const seen = new Set<number>();
  const add = (t: Touch) => {
    if (out.length >= size || seen.has(t.person)) return;
    seen.add(t.person);
    out.push(t);
  };
  for (const o of owed) {
    const where = o.thread ? ` on "${o.thread}"` : ` (${o.channel})`;
    const waiting = o.waiting > 1 ? `${o.waiting} messages` : `their ${o.kind}`;
    add({
      person: o.person,
      name: o.name,
      action: "reply",
      reason: `${waiting}${where} has waited ${days(now - o.at)} for your answer`,
    });
    if (out.length >= Math.ceil(size / 2)) break;
  }
  for (const q of quiet)
    add({ person: q.person, name: q.name, action: "check in", reason: q.reason });
  for (const o of owed) {
    add({
      person: o.person,
      name: o.name,
      action: "reply",
      reason: `their ${o.kind} has waited ${days(now - o.at)}`,
    });
  }
  for (const u of unanswered.slice(0, 2)) {
    add({
      person: u.person,
      name: u.name,
      action: "follow up",
      reason: `you wrote ${u.sent === 1 ? "once" : `${u.sent} times`} and never heard back`,
    });
  }
  return out;
}

function days(ms: number): string {
  const d = Math.max(0, Math.round(ms / DAY));
  if (d === 0) return "less than a day";
  if (d < 14) return d === 1 ? "a day" : `${d} days`;
  return `${Math.round(d / 7)} weeks`;
}
