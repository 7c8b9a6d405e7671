/**
 * Tie strength between the user and one person, 0–1, from their interaction history, with the
 * reasons in plain words. It streams: a TieAccumulator is fed the tie's events in time order and
 * keeps a fixed handful of numbers (decayed sums per channel class, counts and first/last per
 * direction, rhythm statistics), so millions of events score in seconds.
 *
 * Ingredients of the score (a logistic sum; each term also yields a reason):
 * - recent dialog, each event decayed with its channel's half-life (chat fades in days, e-mail and
 *   blog dialog in weeks–months, a meeting lasts longest), and the long-run history;
 * - reciprocity: both directions count far more than either alone; likes, follows and
 *   connection requests alone are weak;
 * - depth (characters written), number of channels, meetings and shared events;
 * - the tie's own rhythm: silence is judged against its usual gap between exchanges;
 * - context the caller knows: when the other person was last active anywhere.
 *
 * @example
 * const tie = new TieAccumulator();
 * tie.add({ at: Date.parse("2024-03-01"), direction: "outbound", channel: "email", kind: "message", size: 600 });
 * tie.add({ at: Date.parse("2024-03-02"), direction: "inbound", channel: "email", kind: "reply", size: 400 });
 * const { score, reasons } = tie.finish(Date.parse("2024-03-20"));
 * // score ≈ 0.43; reasons: "you wrote to each other twice by e-mail", "last exchange 3 weeks ago",
 * //   "long messages (about 500 characters each)"
 */
import {
  channelPhrase,
  channelProfile,
  DECAY_CLASSES,
  HALF_LIFE_DAYS,
  isLightKind,
  isMeeting,
  kindWeight,
} from "./channels.js";
import { ago, DAY, duration, HOUR, listOf, plural, times } from "./phrases.js";

export type TieDirection = "inbound" | "outbound" | "mutual" | "observed";

export interface TieEvent {
  /** Milliseconds since the epoch. */
  at: number;
  direction: TieDirection;
  /** "email", "blog_comment", "tweet", "dm", "linkedin", "facebook", "meeting", "pingback", … */
  channel: string;
  /** "message", "comment", "reply", "like", "retweet", "mention", "meeting", … */
  kind: string;
  /** Characters written (0 for a like or a meeting). */
  size: number;
}

/** What the caller knows about the tie beyond its events. */
export interface TieContext {
  /** When the other person last did anything anywhere (any tie, any post). */
  otherLastActiveAt?: number;
  /** How the two are linked without dialog: "connection", "card", "follower", "following", … */
  contactKinds?: string[];
  /** Events (conferences, meetups) both attended. */
  sharedEvents?: number;
  /** How reasons name the other person; "they" when absent. */
  name?: string;
  /**
   * The user's own recent activity with everyone: Σ 0.5^((now − at) / 7 days) over every act the
   * user took part in (sent or received, any person, any channel; "observed" acts excluded), up to now.
   */
  myRecentTotal?: number;
  /** The same sum for the other person, over every act they took part in (with anyone). */
  otherRecentTotal?: number;
}

export interface TieFeatures {
  events: number;
  /** Written acts (messages, comments, replies, mentions) per direction. */
  dialogIn: number;
  dialogOut: number;
  /** Likes, follows, connection requests and the like, either direction. */
  light: number;
  meetings: number;
  sharedEvents: number;
  observed: number;
  /** Direction changes between consecutive written acts: a measure of conversation. */
  turns: number;
  /** Bursts of activity at least an hour apart. */
  sessions: number;
  /** Those bursts with at least one written act or meeting (not only likes). */
  talkSessions: number;
  channels: string[];
  /** min(in, out) / max(in, out) over written acts, 0 when one-way. */
  reciprocity: number;
  /** Mean characters per written act. */
  avgChars: number;
  /** Activity decayed with each channel's half-life (≈ acts "still fresh" now). */
  fresh: number;
  /** Activity decayed eight times more slowly: the tie's long-run weight. */
  lasting: number;
  firstAt?: number;
  lastAt?: number;
  lastInboundAt?: number;
  lastOutboundAt?: number;
  lastMeetingAt?: number;
  /** Days since the last meeting. */
  meetingAgoDays?: number;
  /** Days since the last act that was not merely observed. */
  silenceDays?: number;
  /** Geometric mean of the gaps between sessions, when there were at least two gaps. */
  usualGapDays?: number;
  /** Days since the other person was active anywhere, when the caller said. */
  otherIdleDays?: number;
  /** Acts in this tie decayed with a 7-day half-life, any channel (the "recent" of the shares). */
  week: number;
  /** Acts in this tie decayed with a 30-day half-life, any channel. */
  month: number;
  /** This tie's part of the user's recent activity, 0–1, when the caller gave myRecentTotal. */
  myShare?: number;
  /** This tie's part of the other person's recent activity, 0–1, when the caller said. */
  otherShare?: number;
  /** The less active of the two, in recent acts (7-day half-life), when the caller gave both. */
  lessActiveTotal?: number;
  contactKinds: string[];
}

export interface TieStrength {
  score: number;
  reasons: string[];
  features: TieFeatures;
}

/**
 * Weights of the score's terms; exported so the evaluation can report them.
 *
 * How they were chosen: the shape (which terms, in log space) by reasoning; the numbers that a
 * message network can speak to (silence, sessions, month, shares, the less active person's
 * activity, the other person's idleness, and the bias) by a small L2-regularised logistic
 * regression on CollegeMsg at the clean cut T0 = T − 30 days (T = the 70th-percentile message;
 * T0's own 30-day outcome window ends at T, so nothing at or after T was seen), with reciprocal
 * and oneWay held fixed as offsets. The terms the network cannot speak to (likes, depth, channels,
 * meetings, contacts) keep values set by reasoning. Checked on the 50th/60th-percentile cuts.
 */
export const STRENGTH_WEIGHTS = {
  bias: -0.78,
  /** × ln(1 + days since the last exchange): recency, the strongest single signal. */
  silence: -0.66,
  /** × ln(1 + days since the last exchange)²: recency's bend (long silences matter less per day). */
  silenceSq: -0.028,
  /** × ln(month + 0.01): acts decayed with a 30-day half-life. */
  month: 0.036,
  /** × ln(1 + sittings with written words or a meeting): how often the two actually talked. */
  sessions: 0.81,
  /** × ln(1 + turns) when both sides wrote (or met). */
  reciprocal: 0.05,
  /** × 0–1 by how long a one-way history has gone unanswered. */
  oneWay: -0.3,
  onlyLight: -1.2,
  /** × 0–1 by characters per message (1 at about a thousand). */
  depth: 0.3,
  /** Per channel beyond the first (up to four). */
  channel: 0.35,
  /** × ln(1 + meetings + shared events). */
  meeting: 0.8,
  /** × min(my share, their share): the tie holds a large part of both people's recent attention. */
  shareBoth: 0.19,
  /** × ln(my share · their share). */
  shareLog: 0.021,
  /** × ln(recent acts of the less active of the two + 0.01): both people are still around. */
  active: 0.051,
  /** × ln(1 + days since the other person was active anywhere). */
  otherIdle: 0.3,
  /** Being a connection or a card besides. */
  contact: 0.3,
};

/** Half-lives of the channel-agnostic sums behind the shares and the month term. */
export const WEEK_HALF_LIFE_DAYS = 7;
export const MONTH_HALF_LIFE_DAYS = 30;
/** Shares below this count as this (keeps the log finite for long-faded ties). */
const SHARE_FLOOR = 1e-9;

/** Acts less than this far apart belong to one session (one sitting, one thread burst). */
export const SESSION_GAP_MS = HOUR;
/** The lasting sums decay this many times more slowly than the fresh ones. */
const LASTING_FACTOR = 8;
const CLASSES = DECAY_CLASSES.length;
const LN2 = Math.LN2;
/** Keeps the log of a long-faded sum finite; below it a tie is simply "faded". */
const FLOOR = 0.01;
/** One-way silence of about this many days is taken as "no answer", not "not yet". */
const ONE_WAY_PATIENCE_DAYS = 14;

export class TieAccumulator {
  private count = 0;
  private dialogIn = 0;
  private dialogOut = 0;
  private light = 0;
  private meetings = 0;
  private observed = 0;
  private writtenChars = 0;
  private written = 0;
  private turns = 0;
  private lastWrittenDir = 0;
  private sessions = 0;
  private sessionAt = Number.NEGATIVE_INFINITY;
  private talkSessions = 0;
  private sessionTalked = false;
  private week = 0;
  private month = 0;
  private weekAt = Number.NaN;
  private readonly channelOrder: string[] = [];
  private gapN = 0;
  private gapMean = 0;
  private firstAt = Number.NaN;
  private lastAt = Number.NaN;
  private lastIn = Number.NaN;
  private lastOut = Number.NaN;
  private lastMeeting = Number.NaN;
  private readonly fresh = new Float64Array(CLASSES);
  private readonly lasting = new Float64Array(CLASSES);
  private readonly decayedAt = new Float64Array(CLASSES).fill(Number.NaN);

  /** Adds one event. Events should come in time order; a late one counts but not for rhythm. */
  add(event: TieEvent): void {
    const { at, direction, channel, kind } = event;
    this.count++;
    if (direction === "observed") {
      this.observed++;
      return;
    }
    const profile = channelProfile(channel);
    const weight = kindWeight(kind);
    this.decayInto(profile.decayIndex, at, weight);
    this.addRecent(at, weight);
    // The tie's channels in the order first seen within the tie (at most a few), so reasons
    // never depend on which ties the process saw first.
    if (this.channelOrder.length < 31 && !this.channelOrder.includes(channel)) {
      this.channelOrder.push(channel);
    }

    const meeting = isMeeting(channel, kind);
    if (meeting) {
      this.meetings++;
      if (!(at <= this.lastMeeting)) this.lastMeeting = at;
    } else if (isLightKind(kind)) {
      this.light++;
    } else {
      const dir = direction === "inbound" ? 1 : direction === "outbound" ? -1 : 0;
      if (dir >= 0) this.dialogIn++;
      if (dir <= 0) this.dialogOut++;
      if (dir === 0 || (this.lastWrittenDir !== 0 && dir !== this.lastWrittenDir)) this.turns++;
      this.lastWrittenDir = dir;
      this.written++;
      this.writtenChars += Math.max(0, event.size);
    }
    if (direction !== "outbound" && !(at <= this.lastIn)) this.lastIn = at;
    if (direction !== "inbound" && !(at <= this.lastOut)) this.lastOut = at;

    if (Number.isNaN(this.firstAt) || at < this.firstAt) this.firstAt = at;
    if (!(at < this.lastAt)) {
      this.lastAt = at;
      if (at - this.sessionAt >= SESSION_GAP_MS) {
        if (this.sessions > 0) this.addGap(at - this.sessionAt);
        this.sessions++;
        this.sessionTalked = false;
      }
      this.sessionAt = at;
    }
    if (!isLightKind(kind)) {
      if (!this.sessionTalked) this.talkSessions++;
      this.sessionTalked = true;
    }
  }

  /** The channel-agnostic week (unweighted, as the caller's totals) and month sums. */
  private addRecent(at: number, weight: number): void {
    const week = (WEEK_HALF_LIFE_DAYS * DAY) / LN2;
    const month = (MONTH_HALF_LIFE_DAYS * DAY) / LN2;
    if (Number.isNaN(this.weekAt)) {
      this.week = 1;
      this.month = weight;
      this.weekAt = at;
    } else if (at >= this.weekAt) {
      const dt = at - this.weekAt;
      this.week = this.week * Math.exp(-dt / week) + 1;
      this.month = this.month * Math.exp(-dt / month) + weight;
      this.weekAt = at;
    } else {
      const dt = this.weekAt - at;
      this.week += Math.exp(-dt / week);
      this.month += weight * Math.exp(-dt / month);
    }
  }

  /** Scores the tie as of `now`. The accumulator can keep being fed afterwards. */
  finish(now: number, context: TieContext = {}): TieStrength {
    const features = this.features(now, context);
    return { score: scoreOf(features), reasons: explain(features, context), features };
  }

  private decayInto(c: number, at: number, weight: number): void {
    const since = this.decayedAt[c] as number;
    const halfLife = (HALF_LIFE_DAYS[DECAY_CLASSES[c] as keyof typeof HALF_LIFE_DAYS] * DAY) / LN2;
    if (Number.isNaN(since)) {
      this.fresh[c] = weight;
      this.lasting[c] = weight;
      this.decayedAt[c] = at;
    } else if (at >= since) {
      const dt = at - since;
      this.fresh[c] = (this.fresh[c] as number) * Math.exp(-dt / halfLife) + weight;
      this.lasting[c] =
        (this.lasting[c] as number) * Math.exp(-dt / (halfLife * LASTING_FACTOR)) + weight;
      this.decayedAt[c] = at;
    } else {
      const dt = since - at;
      this.fresh[c] = (this.fresh[c] as number) + weight * Math.exp(-dt / halfLife);
      this.lasting[c] =
        (this.lasting[c] as number) + weight * Math.exp(-dt / (halfLife * LASTING_FACTOR));
    }
  }

  private addGap(ms: number): void {
    const x = Math.log(ms / DAY);
    this.gapN++;
    this.gapMean += (x - this.gapMean) / this.gapN;
  }

  private features(now: number, context: TieContext): TieFeatures {
    let fresh = 0;
    let lasting = 0;
    for (let c = 0; c < CLASSES; c++) {
      const since = this.decayedAt[c] as number;
      if (Number.isNaN(since)) continue;
      const halfLife =
        (HALF_LIFE_DAYS[DECAY_CLASSES[c] as keyof typeof HALF_LIFE_DAYS] * DAY) / LN2;
      const dt = Math.max(0, now - since);
      fresh += (this.fresh[c] as number) * Math.exp(-dt / halfLife);
      lasting += (this.lasting[c] as number) * Math.exp(-dt / (halfLife * LASTING_FACTOR));
    }
    const sinceRecent = Number.isNaN(this.weekAt) ? 0 : Math.max(0, now - this.weekAt) / DAY;
    const weekNow = this.week * 0.5 ** (sinceRecent / WEEK_HALF_LIFE_DAYS);
    const monthNow = this.month * 0.5 ** (sinceRecent / MONTH_HALF_LIFE_DAYS);
    const most = Math.max(this.dialogIn, this.dialogOut);
    const lastAt = Number.isNaN(this.lastAt) ? undefined : this.lastAt;
    return {
      events: this.count,
      dialogIn: this.dialogIn,
      dialogOut: this.dialogOut,
      light: this.light,
      meetings: this.meetings,
      sharedEvents: context.sharedEvents ?? 0,
      observed: this.observed,
      turns: this.turns,
      sessions: this.sessions,
      talkSessions: this.talkSessions,
      channels: [...this.channelOrder],
      reciprocity: most > 0 ? Math.min(this.dialogIn, this.dialogOut) / most : 0,
      avgChars: this.written > 0 ? this.writtenChars / this.written : 0,
      fresh,
      lasting,
      firstAt: Number.isNaN(this.firstAt) ? undefined : this.firstAt,
      lastAt,
      lastInboundAt: Number.isNaN(this.lastIn) ? undefined : this.lastIn,
      lastOutboundAt: Number.isNaN(this.lastOut) ? undefined : this.lastOut,
      lastMeetingAt: Number.isNaN(this.lastMeeting) ? undefined : this.lastMeeting,
      meetingAgoDays: Number.isNaN(this.lastMeeting)
        ? undefined
        : Math.max(0, now - this.lastMeeting) / DAY,
      silenceDays: lastAt === undefined ? undefined : Math.max(0, now - lastAt) / DAY,
      usualGapDays: this.gapN >= 2 ? Math.exp(this.gapMean) : undefined,
      otherIdleDays:
        context.otherLastActiveAt === undefined
          ? undefined
          : Math.max(0, now - context.otherLastActiveAt) / DAY,
      contactKinds: context.contactKinds ?? [],
      week: weekNow,
      month: monthNow,
      myShare: shareOf(weekNow, context.myRecentTotal),
      otherShare: shareOf(weekNow, context.otherRecentTotal),
      lessActiveTotal:
        context.myRecentTotal === undefined || context.otherRecentTotal === undefined
          ? undefined
          : Math.min(context.myRecentTotal, context.otherRecentTotal),
    };
  }
}

/** A tie's recent acts as a part of a person's recent total, 0–1 (undefined without the total). */
function shareOf(week: number, total: number | undefined): number | undefined {
  if (total === undefined) return undefined;
  return total > 0 ? Math.min(1, week / total) : 0;
}

/** Scores a whole history at once (a convenience over TieAccumulator). */
export function tieStrength(
  events: Iterable<TieEvent>,
  now: number,
  context: TieContext = {},
): TieStrength {
  const tie = new TieAccumulator();
  for (const event of events) tie.add(event);
  return tie.finish(now, context);
}

/** True when both sides have written (or met): the tie is a dialog, not a broadcast. */
export function isReciprocal(f: TieFeatures): boolean {
  return (f.dialogIn > 0 && f.dialogOut > 0) || f.meetings > 0;
}

/** Silence measured in the tie's own usual gaps (undefined without a rhythm). */
export function overdueRatio(f: TieFeatures): number | undefined {
  if (f.usualGapDays === undefined || f.silenceDays === undefined) return undefined;
  return f.silenceDays / Math.max(f.usualGapDays, 1 / 24);
}

/** The score's terms, each a contribution to the log-odds. */
export function scoreTerms(f: TieFeatures): Record<keyof typeof STRENGTH_WEIGHTS, number> {
  const w = STRENGTH_WEIGHTS;
  const dialog = f.dialogIn + f.dialogOut;
  const silence = f.silenceDays === undefined ? undefined : Math.log1p(f.silenceDays);
  const both = f.myShare !== undefined && f.otherShare !== undefined;
  const my = Math.max(f.myShare ?? 0, SHARE_FLOOR);
  const their = Math.max(f.otherShare ?? 0, SHARE_FLOOR);
  return {
    bias: w.bias,
    silence: silence === undefined ? 0 : w.silence * silence,
    silenceSq: silence === undefined ? 0 : w.silenceSq * silence * silence,
    month: f.events > f.observed ? w.month * Math.log(f.month + FLOOR) : 0,
    sessions: w.sessions * Math.log1p(f.talkSessions),
    reciprocal: isReciprocal(f) ? w.reciprocal * Math.log1p(Math.min(f.turns, 20)) : 0,
    oneWay: dialog > 0 && f.reciprocity === 0 && f.meetings === 0 ? w.oneWay * unansweredFor(f) : 0,
    onlyLight: dialog === 0 && f.meetings === 0 && f.light > 0 ? w.onlyLight : 0,
    depth: w.depth * Math.min(1, Math.log1p(f.avgChars) / Math.log(1000)),
    channel: w.channel * Math.max(0, Math.min(f.channels.length, 4) - 1),
    meeting: w.meeting * Math.log1p(f.meetings + f.sharedEvents),
    shareBoth: both ? w.shareBoth * Math.min(my, their) : 0,
    shareLog: both ? w.shareLog * (Math.log(my) + Math.log(their)) : 0,
    active: f.lessActiveTotal === undefined ? 0 : w.active * Math.log(f.lessActiveTotal + FLOOR),
    otherIdle: f.otherIdleDays === undefined ? 0 : -w.otherIdle * Math.log1p(f.otherIdleDays),
    contact: f.contactKinds.length > 0 ? w.contact : 0,
  };
}

/**
 * How much a one-way history says, 0–1: a message from yesterday may simply not be answered yet;
 * one-way for weeks means it is not a dialog.
 */
function unansweredFor(f: TieFeatures): number {
  if (f.firstAt === undefined || f.lastAt === undefined || f.silenceDays === undefined) return 0;
  const days = (f.lastAt - f.firstAt) / DAY + f.silenceDays;
  return 1 - Math.exp(-days / ONE_WAY_PATIENCE_DAYS);
}

export function scoreOf(f: TieFeatures): number {
  if (f.events === 0 && f.contactKinds.length === 0 && f.sharedEvents === 0) return 0;
  let z = 0;
  for (const term of Object.values(scoreTerms(f))) z += term;
  return 1 / (1 + Math.exp(-z));
}

/** The reasons, most telling first, in plain words. */
export function explain(f: TieFeatures, context: TieContext = {}): string[] {
  const they = context.name ?? "they";
  const them = context.name ?? "them";
  const reasons: string[] = [];
  const where = listOf(f.channels.filter((c) => c !== "meeting").map(channelPhrase));
  const on = where ? ` ${where}` : "";
  const dialog = f.dialogIn + f.dialogOut;

  if (f.dialogIn > 0 && f.dialogOut > 0) {
    reasons.push(`you wrote to each other ${times(dialog)}${on}`);
  } else if (f.dialogIn > 0) {
    reasons.push(`${they} wrote to you ${times(f.dialogIn)}${on}; you never answered`);
  } else if (f.dialogOut > 0) {
    reasons.push(`you wrote to ${them} ${times(f.dialogOut)}${on}; no answer so far`);
  } else if (f.light > 0) {
    const acts =
      f.light === 1 ? "a single like, follow or request" : `${f.light} likes, follows or requests`;
    reasons.push(`no dialog, only ${acts}`);
  }
  if (f.lastAt !== undefined && f.silenceDays !== undefined) {
    reasons.push(`last exchange ${ago(f.silenceDays * DAY)}`);
  }
  const overdue = overdueRatio(f);
  if (f.usualGapDays !== undefined && overdue !== undefined) {
    const usual = `usually every ${duration(f.usualGapDays * DAY)}`;
    reasons.push(
      overdue >= 3
        ? `${usual}, so this silence is ${Math.round(overdue)} times the usual gap`
        : usual,
    );
  }
  if (f.meetings > 0) {
    const when =
      f.meetingAgoDays !== undefined && f.meetingAgoDays !== f.silenceDays
        ? ` (last ${ago(f.meetingAgoDays * DAY)})`
        : "";
    reasons.push(`met ${times(f.meetings)}${when}`);
  }
  if (f.sharedEvents > 0) reasons.push(`at ${plural(f.sharedEvents, "shared event")}`);
  if (f.avgChars >= 400) {
    reasons.push(`long messages (about ${Math.round(f.avgChars / 100) * 100} characters each)`);
  }
  if (f.otherIdleDays !== undefined && f.otherIdleDays >= 14) {
    reasons.push(
      `${they} ${they === "they" ? "have" : "has"} not been active anywhere for ${duration(f.otherIdleDays * DAY)}`,
    );
  }
  if (f.otherShare !== undefined && f.otherShare >= 0.5 && f.week >= 1) {
    reasons.push(
      `${they} ${they === "they" ? "have" : "has"} been writing to you more than to anyone else lately`,
    );
  }
  if (f.myShare !== undefined && f.myShare >= 0.3 && f.week >= 1) {
    reasons.push("a large part of your recent dialog");
  }
  if (f.contactKinds.length > 0) {
    const kinds = [...new Set(f.contactKinds)].map((k) => k.replace(/_/g, " "));
    reasons.push(
      f.events === 0 ? `only a contact (${listOf(kinds)}), no exchange` : `also a ${listOf(kinds)}`,
    );
  }
  if (reasons.length === 0) reasons.push("nothing exchanged yet");
  return reasons;
}
