/**
 * The favour check: the history of give and ask between the user and one person, read from what
 * each wrote to the other — asks (for help, an introduction, a job, a review: "could you", "would
 * you mind", "any openings", "introduce me"), and gives (an introduction made, help given, and
 * thanks, which say the other side gave) — in each direction, with dates, whether they engaged
 * before they first asked, and a one-line balance.
 *
 * @example
 * const f = await favourHistory(store, 42);
 * f.balance; // "they asked 3 times, you asked once; you last helped in May 2026"
 * classifyFavour("Could you introduce me to Ada?"); // ["ask"]
 */
import type { Store } from "../store/store.js";

export type FavourKind = "ask" | "intro" | "help" | "thanks";

export interface FavourEntry {
  at: number;
  /** Who did it: "they" or "you". */
  by: "they" | "you";
  kind: FavourKind;
  channel: string;
  excerpt: string;
}

export interface FavourHistory {
  theyAsked: FavourEntry[];
  youAsked: FavourEntry[];
  /** Introductions and help they gave you (said by them, or thanked for by you). */
  theyGave: FavourEntry[];
  youGave: FavourEntry[];
  /** Their messages to you before their first ask (null when they never asked). */
  engagedBeforeAsking: number | null;
  balance: string;
}

const ASK = [
  /\bcould you\b/i,
  /\bwould you (mind|be (able|willing)|consider)\b/i,
  /\bcan you (help|introduce|review|recommend|refer|put)\b/i,
  /\bany (job )?openings?\b/i,
  /\b(is your team|are you) hiring\b/i,
  /\bintroduce me\b/i,
  /\b(put|get) me in touch\b/i,
  /\b(looking for|after) (a|my next) (job|role|position)\b/i,
  /\bdo you know (anyone|someone|of any)\b/i,
  /\b(ask|beg) (you )?a (small |quick |big )?favou?r\b/i,
  /\b(review|look over|take a look at) my (cv|résumé|resume|portfolio|deck|draft|proposal)\b/i,
  /\b(refer|recommend) me\b/i,
  /\bsend you my (cv|résumé|resume|portfolio)\b/i,
];
const INTRO = [
  /\b(let me|i'?d like to|i want to|allow me to) introduce\b/i,
  /\bintroducing you (two|both)?\b/i,
  /\bconnecting you (two|both)\b/i,
  /\byou two should (meet|talk)\b/i,
  /\bi'?ve (cc'?d|copied in)\b/i,
];
const HELP = [
  /\bhere'?s (the|my) (feedback|review|notes)\b/i,
  /\bi (reviewed|read through|went through) your\b/i,
  /\bi'?ve (forwarded|passed on|shared) your (cv|résumé|resume|portfolio|details)\b/i,
  /\bi put in a good word\b/i,
  /\bi recommended you\b/i,
  /\bhappy to help\b/i,
];
const THANKS = [
  /\bthanks?( you)?( so much| again)? for (the|your) (intro|introduction|help|referral|review|feedback|advice|recommendation|tip|lead|reference)\b/i,
  /\bthanks?,? (that|this) help(s|ed)\b/i,
  /\b(i'?m|so) grateful for\b/i,
  /\bi owe you (one|a coffee|a drink)\b/i,
];

/** What a message does, by its words: any of ask, intro, help, thanks (often none). */
export function classifyFavour(text: string): FavourKind[] {
  const out: FavourKind[] = [];
  if (ASK.some((r) => r.test(text))) out.push("ask");
  if (INTRO.some((r) => r.test(text))) out.push("intro");
  if (HELP.some((r) => r.test(text))) out.push("help");
  if (THANKS.some((r) => r.test(text))) out.push("thanks");
  return out;
}

function excerptOf(text: string, kind: FavourKind): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const rules = { ask: ASK, intro: INTRO, help: HELP, thanks: THANKS }[kind];
  const at = rules.map((r) => flat.search(r)).find((i) => i >= 0) ?? 0;
  const start = Math.max(0, flat.lastIndexOf(". ", at) + 1);
  const piece = flat.slice(start, start + 140).trim();
  return piece.length < flat.length - start ? `${piece}…` : piece;
}

export async function favourHistory(store: Store, personId: number): Promise<FavourHistory> {
  const me = await store.me();
  const rows = me
    ? await store.conn.all<{
        occurred_at: number;
        from_person_id: number;
        channel: string;
        body: string | null;
      }>(
        // Each half walks the other person's index (theirs is short, mine is everything);
        // the unary + keeps the planner off my side.
        `SELECT occurred_at, from_person_id, channel, body, id FROM interactions
         WHERE from_person_id = ? AND +to_person_id = ? AND direction IN ('inbound', 'outbound')
         UNION ALL
         SELECT occurred_at, from_person_id, channel, body, id FROM interactions
         WHERE to_person_id = ? AND +from_person_id = ? AND direction IN ('inbound', 'outbound')
         ORDER BY occurred_at, id`,
        [personId, me.id, personId, me.id],
      )
    : [];
  const h: FavourHistory = {
    theyAsked: [],
    youAsked: [],
    theyGave: [],
    youGave: [],
    engagedBeforeAsking: null,
    balance: "",
  };
  let theirsBefore = 0;
  for (const r of rows) {
    const by = Number(r.from_person_id) === personId ? "they" : "you";
    const kinds = r.body ? classifyFavour(r.body) : [];
    for (const kind of kinds) {
      const entry: FavourEntry = {
        at: Number(r.occurred_at),
        by,
        kind,
        channel: r.channel,
        excerpt: excerptOf(r.body ?? "", kind),
      };
      if (kind === "ask") (by === "they" ? h.theyAsked : h.youAsked).push(entry);
      // A thank-you says the other side gave.
      else if (kind === "thanks") (by === "they" ? h.youGave : h.theyGave).push(entry);
      else (by === "they" ? h.theyGave : h.youGave).push(entry);
    }
    if (by === "they") {
      if (kinds.includes("ask") && h.engagedBeforeAsking === null) {
        h.engagedBeforeAsking = theirsBefore;
      }
      theirsBefore++;
    }
  }
  h.balance = balanceLine(h);
  return h;
}

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

function month(ms: number): string {
  return new Date(ms).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** "they asked 3 times, you asked once; you last helped in May 2026". */
export function balanceLine(h: FavourHistory): string {
  const parts: string[] = [];
  const asks = [
    h.theyAsked.length ? `they asked ${times(h.theyAsked.length)}` : "",
    h.youAsked.length ? `you asked ${times(h.youAsked.length)}` : "",
  ].filter(Boolean);
  if (asks.length) parts.push(asks.join(", "));
  const gave = [
    h.youGave.length ? `you last helped in ${month((h.youGave.at(-1) as FavourEntry).at)}` : "",
    h.theyGave.length ? `they last helped in ${month((h.theyGave.at(-1) as FavourEntry).at)}` : "",
  ].filter(Boolean);
  if (gave.length) parts.push(gave.join(", "));
  if (parts.length === 0) return "no asks or favours either way";
  let line = parts.join("; ");
  if (h.engagedBeforeAsking === 0) line += "; their first ask came with no dialog before it";
  else if (h.engagedBeforeAsking !== null) {
    line += `; they wrote ${times(h.engagedBeforeAsking)} before first asking`;
  }
  return line;
}
