/**
 * How fast each channel's dialog fades and how much each kind of act says about a tie.
 * A chat message is forgotten within days, an e-mail or a blog conversation within weeks to
 * months, a meeting in real life lasts longest. Unknown channels are treated like e-mail.
 *
 * @example
 * channelProfile("dm").halfLifeDays        // 2
 * channelProfile("meeting").halfLifeDays   // 180
 * channelPhrase("blog_comment")            // "in blog comments"
 * kindWeight("like")                       // 0.1 — a like alone is weak
 */

/** The decay classes a tie keeps one decayed sum for (so memory per tie stays constant). */
export const DECAY_CLASSES = ["chat", "mail", "blog", "meeting"] as const;
export type DecayClass = (typeof DECAY_CLASSES)[number];

/** Half-life in days of each decay class. */
export const HALF_LIFE_DAYS: Record<DecayClass, number> = {
  chat: 2,
  mail: 30,
  blog: 60,
  meeting: 180,
};

export interface ChannelProfile {
  decay: DecayClass;
  halfLifeDays: number;
  /** Index into DECAY_CLASSES. */
  decayIndex: number;
  /** Completes "you wrote to each other 4 times …". */
  phrase: string;
}

const CHANNEL_DECAY: Record<string, DecayClass> = {
  dm: "chat",
  chat: "chat",
  sms: "chat",
  tweet: "chat",
  facebook: "chat",
  instagram: "chat",
  email: "mail",
  linkedin: "mail",
  blog_comment: "blog",
  pingback: "blog",
  trackback: "blog",
  meeting: "meeting",
  event: "meeting",
  call: "meeting",
};

const CHANNEL_PHRASE: Record<string, string> = {
  dm: "in direct messages",
  chat: "in chat",
  sms: "by text message",
  tweet: "on Twitter",
  facebook: "on Facebook",
  instagram: "on Instagram",
  email: "by e-mail",
  linkedin: "on LinkedIn",
  blog_comment: "in blog comments",
  pingback: "through links between your blogs",
  trackback: "through links between your blogs",
  meeting: "in person",
  event: "at events",
  call: "on the phone",
};

/** What one act of each kind is worth, relative to a written message. */
const KIND_WEIGHT: Record<string, number> = {
  message: 1,
  comment: 1,
  reply: 1.2,
  meeting: 1.5,
  call: 1.2,
  pingback: 0.6,
  trackback: 0.6,
  mention: 0.5,
  retweet: 0.3,
  share: 0.3,
  like: 0.1,
  favorite: 0.1,
  reaction: 0.1,
  follow: 0.1,
  connection: 0.1,
  invitation: 0.1,
  endorsement: 0.2,
};

/** Kinds that carry no words: they count, but never as dialog. */
const LIGHT_KINDS = new Set([
  "like",
  "favorite",
  "reaction",
  "follow",
  "connection",
  "invitation",
  "endorsement",
  "retweet",
  "share",
]);

const profiles = new Map<string, ChannelProfile>();

export function channelProfile(channel: string): ChannelProfile {
  let profile = profiles.get(channel);
  if (!profile) {
    const decay = CHANNEL_DECAY[channel] ?? "mail";
    profile = {
      decay,
      halfLifeDays: HALF_LIFE_DAYS[decay],
      decayIndex: DECAY_CLASSES.indexOf(decay),
      phrase: channelPhrase(channel),
    };
    profiles.set(channel, profile);
  }
  return profile;
}

export function channelPhrase(channel: string): string {
  return CHANNEL_PHRASE[channel] ?? `on ${channel.replace(/_/g, " ")}`;
}

export function kindWeight(kind: string): number {
  return KIND_WEIGHT[kind] ?? 1;
}

/** True for a like, a follow, a connection request: acts that are not dialog. */
export function isLightKind(kind: string): boolean {
  return LIGHT_KINDS.has(kind);
}

export function isMeeting(channel: string, kind: string): boolean {
  return kind === "meeting" || channel === "meeting";
}
