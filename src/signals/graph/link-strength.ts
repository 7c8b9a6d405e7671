/**
 * How well two other people know each other, 0–1, from what the user's exports show of them:
 * what they wrote to each other where the user could see it (replies to each other on the
 * user's blog, e-mails that copied both, group messages) and small events both attended. The
 * evidence comes in plain words, as templates naming the two as `{a}` and `{b}`, so a merge or a
 * rename never leaves a stale name behind (`renderEvidence` fills them in).
 *
 * strength = 1 − exp(−(acts × reciprocity + events) / 4), where
 * - acts = Σ kind weight × (½ + ½ · 0.5^(age / 1 year)): old dialog still says they know each
 *   other, so it fades to half, never to nothing;
 * - reciprocity = 1 when both wrote to the other, ½ when only one did;
 * - events = Σ 1.5 · min(1, 2 / (attendees − 1)) over shared events: a meeting of two counts like
 *   a conversation, a meetup of forty hardly at all; events above MAX_EVENT_SIZE are skipped.
 * Three replies each way make about 0.8; one message one way about 0.1; below MIN_LINK_STRENGTH
 * (one shared event of more than about fifteen people, and nothing else) there is no link.
 *
 * @example
 * const t = new LinkTally();
 * t.addAct(true, "blog_comment", "reply", Date.parse("2026-03-02"), now);
 * t.addAct(false, "blog_comment", "reply", Date.parse("2026-03-04"), now);
 * linkStrength(t);                    // ≈ 0.45
 * renderEvidence(linkEvidence(t)[0], "Ana", "Ben");
 * // "Ana and Ben replied to each other twice in blog comments; last in March 2026"
 */
import { channelPhrase, kindWeight } from "../channels.js";
import { DAY, listOf, times } from "../phrases.js";

/** Events with more attendees than this say nothing about who knows whom. */
export const MAX_EVENT_SIZE = 40;
/** Weaker than this is no link (one meetup of twenty, nothing else). */
export const MIN_LINK_STRENGTH = 0.05;
const YEAR = 365 * DAY;
const SCALE = 4;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** What the exports show between two people, the lower id (a) first. */
export class LinkTally {
  fromA = 0;
  fromB = 0;
  acts = 0;
  lastAt = Number.NEGATIVE_INFINITY;
  firstAt = Number.POSITIVE_INFINITY;
  /** Per channel: [channel, a → b, b → a], in the order first seen. */
  channels: [string, number, number][] = [];
  /** Verb class of the most common kind: replies are "replied", the rest "wrote". */
  replies = 0;
  events = 0;
  eventWeight = 0;
  /** The first few shared events' ids, for the evidence. */
  eventIds: number[] = [];

  addAct(fromA: boolean, channel: string, kind: string, at: number, now: number): void {
    if (fromA) this.fromA++;
    else this.fromB++;
    const age = Math.max(0, now - at);
    this.acts += kindWeight(kind) * (0.5 + 0.5 * 0.5 ** (age / YEAR));
    if (at > this.lastAt) this.lastAt = at;
    if (at < this.firstAt) this.firstAt = at;
    if (kind === "reply" || kind === "comment") this.replies++;
    let entry = this.channels.find((c) => c[0] === channel);
    if (!entry) {
      entry = [channel, 0, 0];
      this.channels.push(entry);
    }
    if (fromA) entry[1]++;
    else entry[2]++;
  }

  addEvent(eventId: number, attendees: number, at: number | null): void {
    if (attendees > MAX_EVENT_SIZE || attendees < 2) return;
    this.events++;
    this.eventWeight += 1.5 * Math.min(1, 2 / (attendees - 1));
    if (this.eventIds.length < 3) this.eventIds.push(eventId);
    if (at !== null && at > this.lastAt) this.lastAt = at;
    if (at !== null && at < this.firstAt) this.firstAt = at;
  }
}

export function linkStrength(t: LinkTally): number {
  const reciprocity = t.fromA > 0 && t.fromB > 0 ? 1 : 0.5;
  return 1 - Math.exp(-(t.acts * reciprocity + t.eventWeight) / SCALE);
}

/** A link first seen at `firstAt` as a new link of its people: 0.5^(age / 14 days). */
export function linkGrowth(firstAt: number, now: number): number {
  return Number.isFinite(firstAt) ? 0.5 ** (Math.max(0, now - firstAt) / (14 * DAY)) : 0;
}

/** "March 2026". */
export function monthOf(at: number): string {
  const d = new Date(at);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * Evidence sentences, strongest first, with `{a}` and `{b}` for the names; `eventTitles` names
 * the shared events (ids missing from it are counted, not named).
 */
export function linkEvidence(t: LinkTally, eventTitles?: ReadonlyMap<number, string>): string[] {
  const out: string[] = [];
  const channels = [...t.channels].sort((x, y) => y[1] + y[2] - (x[1] + x[2]));
  for (const [channel, ab, ba] of channels.slice(0, 3)) {
    const where =
      channel === "blog_comment" ? "in the comments on your blog" : channelPhrase(channel);
    const verb = channel === "blog_comment" ? "replied" : "wrote";
    if (ab > 0 && ba > 0) out.push(`{a} and {b} ${verb} to each other ${times(ab + ba)} ${where}`);
    else if (ab > 0) out.push(`{a} ${verb} to {b} ${times(ab)} ${where}`);
    else out.push(`{b} ${verb} to {a} ${times(ba)} ${where}`);
  }
  if (t.events > 0) {
    const named = t.eventIds.map((id) => eventTitles?.get(id)).filter((x): x is string => !!x);
    const what = t.events === 1 ? "a small event" : `${t.events} small events`;
    const which =
      named.length > 0
        ? ` (${listOf(named.map((n) => `“${n}”`))}${t.events > named.length ? ", …" : ""})`
        : "";
    out.push(`{a} and {b} were both at ${what}${which}`);
  }
  if (out.length > 0 && Number.isFinite(t.lastAt))
    out[0] = `${out[0]}; last in ${monthOf(t.lastAt)}`;
  return out;
}

/** An evidence template with the two names filled in (the first letter made upper-case). */
export function renderEvidence(template: string, a: string, b: string): string {
  const text = template.replaceAll("{a}", a).replaceAll("{b}", b);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
