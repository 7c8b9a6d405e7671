/**
 * Writes the owner's Twitter/X archive folder (`data/`): `account.js` and `profile.js` (the
 * owner: account id, @username, display name, bio, site), `tweets.js` (plain tweets carrying the
 * owner's interest words, a few self-replies in the owner's own threads, replies to IRL-circle,
 * growing, dormant and some acquaintance people with the answered account in `user_mentions`,
 * tweets that mention others, retweets `RT @x: …`), `follower.js` (like-only people among them),
 * `following.js`, `like.js` (some likes link `twitter.com/<user>/status/<id>`, the rest
 * `twitter.com/i/web/status/<id>`, which names nobody) and `direct-messages.js` (conversations with
 * a few ties, by account id). Every file is `window.YTD.<name>.part0 = [ … ]` with Twitter's
 * `"key" : value` spacing; elements stream one by one. People appear under their world handle
 * and a stable account id (`channels.ts`); tweet ids are snowflakes of their tweet's time.
 *
 * @example
 * const { counts } = writeTwitter(buildWorld({ people: 200 }), "/tmp/twitter");
 * counts.replies; // reply interactions the Twitter importer should yield
 */
import fs from "node:fs";
import path from "node:path";
import { OWNER_TWITTER_ID, roll, twitterId, twitterName } from "./channels.js";
import { ChunkedFile } from "./output.js";
import { createRng, type Rng } from "./random.js";
import { CLUSTERS, type Interest } from "./vocabulary.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface TwitterCounts {
  /** Elements of tweets.js. */
  tweets: number;
  /** Replies to someone else (interaction "reply"). */
  replies: number;
  /** Tweets that @mention others besides the one answered (interaction "mention"). */
  mentions: number;
  /** `RT @x: …` tweets (interaction "retweet"). */
  retweets: number;
  /** Owner's own-thread replies (content "tweet", like plain tweets). */
  selfReplies: number;
  /** Elements of like.js. */
  likes: number;
  /** Likes whose link names the author (interaction "like"); the rest are skipped. */
  likesWithAuthor: number;
  followers: number;
  following: number;
  /** Direct messages (interaction "message", channel "dm"). */
  dms: number;
  conversations: number;
}

export interface TwitterResult {
  dir: string;
  /** Data files in the order written. */
  files: string[];
  bytes: number;
  counts: TwitterCounts;
}

const TWEPOCH = 1288834974657n;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export interface User {
  id: string;
  handle: string;
  name: string;
}

export interface PlannedTweet {
  at: number;
  id: string;
  text: string;
  mentions: User[];
  replyTo?: { user: User; statusId: string };
  retweetOf?: User;
}

/** Snowflake ids: the time in the high bits, a running counter in the low 22. */
export class Snowflakes {
  private seq = 0;
  next(ms: number): string {
    this.seq = (this.seq + 1) % 0x400000;
    return ((BigInt(Math.floor(ms)) - TWEPOCH) * 0x400000n + BigInt(this.seq)).toString();
  }
}

/** `Mon Mar 04 09:15:00 +0000 2024`, as tweets carry `created_at`. */
function twitterDate(ms: number): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${iso.slice(8, 10)} ${iso.slice(11, 19)} +0000 ${iso.slice(0, 4)}`;
}

const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** JSON with Twitter's `"key" : value` spacing, indented for an element of the top array. */
function ytdJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*"(?:[^"\\]|\\.)*"): /gm, "$1 : ")
    .replace(/^/gm, "  ");
}

/** Streams one `window.YTD.<name>.part0 = [ … ]` file, element by element. */
export class YtdFile {
  private readonly out: ChunkedFile;
  private first = true;
  constructor(file: string, name: string) {
    this.out = new ChunkedFile(file);
    this.out.write(`window.YTD.${name}.part0 = [`);
  }
  /** Bytes on disk so far (written in ~1 MiB chunks). */
  get bytes(): number {
    return this.out.bytes;
  }
  push(value: unknown): void {
    this.out.write(`${this.first ? "\n" : ",\n"}${ytdJson(value)}`);
    this.first = false;
  }
  close(): number {
    try {
      this.out.write(this.first ? " ]" : "\n]");
    } finally {
      this.out.close();
    }
    return this.out.bytes;
  }
}

function write(file: string, name: string, fill: (f: YtdFile) => void): number {
  const f = new YtdFile(file, name);
  try {
    fill(f);
  } finally {
    f.close();
  }
  return fs.statSync(file).size;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Words {
  t: string;
  u: string;
  a: string;
}

function words(rng: Rng, interests: readonly Interest[]): Words {
  const c = CLUSTERS[rng.pick(interests)];
  return { t: rng.pick(c.terms), u: rng.pick(c.terms), a: rng.pick(c.activities) };
}

const TWEETS: readonly ((w: Words) => string)[] = [
  (w) => `Spent the morning ${w.a}. Verdict: worth it.`,
  (w) => `Hot take: ${w.t} matters more than ${w.u}.`,
  (w) => `Anyone else ${w.a} this week? Notes welcome.`,
  (w) => `New on the blog: what ${w.t} taught me about ${w.u}.`,
  (w) => `Three words on ${w.t}: start, small, now.`,
  (w) => `Still thinking about ${w.t} after yesterday's session.`,
  (w) => `${cap(w.t)} is a team sport. Fight me.`,
  (w) => `Quiet Sunday, a notebook and some ideas on ${w.t}.`,
];

const REPLIES: readonly ((w: Words, first: string) => string)[] = [
  (w) => `Totally agree on ${w.t}, let's compare notes soon.`,
  (w) => `Love this. We tried ${w.a} last spring and it stuck.`,
  (w) => `Ha, yes. ${cap(w.t)} is never really done, is it?`,
  (_w, first) => `Thanks ${first}, that made my day.`,
  (w) => `Saving this for our next chat about ${w.u}.`,
  (_w, first) => `Coffee soon, ${first}? I owe you one.`,
];

const MENTIONS: readonly ((w: Words, handles: string) => string)[] = [
  (w, h) => `Great chat about ${w.t} with ${h} today.`,
  (w, h) => `If you care about ${w.t}, follow ${h}. Thank me later.`,
  (w, h) => `Reading list for ${w.u}: anything by ${h}.`,
];

const DMS: readonly ((w: Words, first: string) => string)[] = [
  (_w, first) => `Hi ${first}! Are you around next week?`,
  (w) => `Did you see the thread on ${w.t}? Thought of you.`,
  () => "Yes! Thursday works, same place as last time?",
  (w) => `Quick one: who did you use for ${w.t}?`,
  () => "Perfect, see you then.",
  (w) => `Sending you my notes on ${w.a} tonight.`,
];

/** When a person and the owner were in touch, within the last `maxDays` when open-ended. */
function span(world: World, p: Person, maxDays = 700): [number, number] {
  const ref = world.referenceDate;
  const from = Math.max(p.contact?.from ?? ref - maxDays * DAY, ref - 5 * 365 * DAY);
  const until = Math.min(p.contact?.until ?? ref - DAY, ref - HOUR);
  return from < until ? [from, until] : [until - 30 * DAY, until];
}

function mentionEntity(text: string, u: User): Record<string, unknown> {
  const at = text.indexOf(`@${u.handle}`);
  return {
    name: u.name,
    screen_name: u.handle,
    indices: [String(at), String(at + 1 + u.handle.length)],
    id_str: u.id,
    id: u.id,
  };
}

/** One element of tweets.js, as the archive writes it. */
export function tweetJson(t: PlannedTweet, owner: User): unknown {
  const tweet: Record<string, unknown> = {
    edit_info: { initial: { editTweetIds: [t.id], editableUntil: "", editsRemaining: "5" } },
    retweeted: false,
    source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    entities: {
      hashtags: [],
      symbols: [],
      user_mentions: t.mentions.map((u) => mentionEntity(t.text, u)),
      urls: [],
    },
    display_text_range: ["0", String(Array.from(t.text).length)],
    favorite_count: "0",
    id_str: t.id,
    truncated: false,
    retweet_count: "0",
    id: t.id,
    created_at: twitterDate(t.at),
    favorited: false,
    full_text: t.text,
    lang: "en",
  };
  const edit = tweet.edit_info as { initial: { editableUntil: string } };
  edit.initial.editableUntil = new Date(t.at + HOUR).toISOString();
  if (t.replyTo) {
    const u = t.replyTo.user.id === owner.id ? owner : t.replyTo.user;
    Object.assign(tweet, {
      in_reply_to_status_id_str: t.replyTo.statusId,
      in_reply_to_status_id: t.replyTo.statusId,
      in_reply_to_user_id: u.id,
      in_reply_to_user_id_str: u.id,
      in_reply_to_screen_name: u.handle,
    });
  }
  return { tweet };
}

export function writeTwitter(world: World, dir: string): TwitterResult {
  const data = path.join(dir, "data");
  fs.mkdirSync(data, { recursive: true });
  const { owner, referenceDate: ref } = world;
  const me: User = { id: OWNER_TWITTER_ID, handle: owner.twitter, name: owner.name };
  const counts: TwitterCounts = {
    tweets: 0,
    replies: 0,
    mentions: 0,
    retweets: 0,
    selfReplies: 0,
    likes: 0,
    likesWithAuthor: 0,
    followers: 0,
    following: 0,
    dms: 0,
    conversations: 0,
  };
  const ids = new Snowflakes();
  const users = new Map<string, User>();
  const tweeters = world.people.filter((p) => p.twitter);
  for (const p of tweeters) {
    users.set(p.id, { id: twitterId(world, p), handle: p.twitter as string, name: twitterName(p) });
  }
  const user = (p: Person) => users.get(p.id) as User;
  const rng = createRng(world.seed, "twitter");
  const plan: PlannedTweet[] = [];

  // Plain tweets on the owner's interests, some continued in the owner's own thread.
  const plain = 40 + Math.round(Math.sqrt(world.people.length) * 4);
  for (let k = 0; k < plain; k++) {
    const at = seconds(ref - rng.float(1, 3 * 365) * DAY);
    const id = ids.next(at);
    plan.push({ at, id, text: rng.pick(TWEETS)(words(rng, owner.interests)), mentions: [] });
    if (k % 9 === 4) {
      const later = at + rng.int(2, 40) * 60_000;
      const text = `And one more thing on ${words(rng, owner.interests).t}: write it down.`;
      plan.push({
        at: later,
        id: ids.next(later),
        text,
        mentions: [],
        replyTo: { user: me, statusId: id },
      });
      counts.selfReplies++;
    }
  }

  // Replies to the people the owner talks with; some also mention someone else.
  const circle = tweeters.filter((p) => p.role === "irl" || p.role === "growing");
  const talkers = tweeters.filter(
    (p) =>
      p.role === "irl" ||
      p.role === "growing" ||
      p.role === "dormant" ||
      (p.role === "acquaintance" && roll(world, "twitter-reply", p) < 0.3),
  );
  for (const p of talkers) {
    const prng = createRng(world.seed, "twitter-replies", p.index);
    const n =
      p.role === "irl"
        ? prng.int(3, 6)
        : p.role === "growing"
          ? prng.int(2, 4)
          : p.role === "dormant"
            ? prng.int(1, 3)
            : 1;
    const [from, until] = span(world, p);
    for (let k = 0; k < n; k++) {
      const at = seconds(prng.float(from, until));
      const theirs = ids.next(at - prng.int(5, 300) * 60_000);
      const u = user(p);
      const other = prng.chance(0.2) ? prng.pick(circle) : undefined;
      const extra = other && other.id !== p.id ? user(other) : undefined;
      const body = prng.pick(REPLIES)(words(prng, p.interests), p.firstName);
      const text = `@${u.handle} ${extra ? `@${extra.handle} ` : ""}${body}`;
      plan.push({
        at,
        id: ids.next(at),
        text,
        mentions: extra ? [u, extra] : [u],
        replyTo: { user: u, statusId: theirs },
      });
      counts.replies++;
      if (extra) counts.mentions++;
    }
  }

  // Tweets that mention people, and retweets of theirs.
  const mentionable = tweeters.filter(
    (p) => p.role === "irl" || p.role === "growing" || p.role === "acquaintance",
  );
  if (mentionable.length > 0) {
    const mentionTweets = 8 + Math.round(mentionable.length / 3);
    for (let k = 0; k < mentionTweets; k++) {
      const picked = rng.sample(mentionable, rng.chance(0.4) ? 2 : 1).map(user);
      const handles = picked.map((u) => `@${u.handle}`).join(" and ");
      const at = seconds(ref - rng.float(1, 2 * 365) * DAY);
      const text = rng.pick(MENTIONS)(words(rng, owner.interests), handles);
      plan.push({ at, id: ids.next(at), text, mentions: picked });
      counts.mentions++;
    }
    const retweets = 6 + Math.round(mentionable.length / 4);
    for (let k = 0; k < retweets; k++) {
      const p = rng.pick(mentionable);
      const u = user(p);
      const at = seconds(ref - rng.float(1, 2 * 365) * DAY);
      const text = `RT @${u.handle}: ${rng.pick(TWEETS)(words(rng, p.interests))}`;
      plan.push({ at, id: ids.next(at), text, mentions: [u], retweetOf: u });
      counts.retweets++;
    }
  }

  plan.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  counts.tweets = plan.length;

  const files = [
    path.join(data, "account.js"),
    path.join(data, "profile.js"),
    path.join(data, "tweets.js"),
    path.join(data, "follower.js"),
    path.join(data, "following.js"),
    path.join(data, "like.js"),
    path.join(data, "direct-messages.js"),
  ] as const;
  const createdAt = new Date(world.historyStart - 400 * DAY).toISOString();
  let bytes = write(files[0], "account", (f) =>
    f.push({
      account: {
        email: owner.emails.personal,
        createdVia: "web",
        username: owner.twitter,
        accountId: OWNER_TWITTER_ID,
        createdAt,
        accountDisplayName: owner.name,
      },
    }),
  );
  bytes += write(files[1], "profile", (f) =>
    f.push({
      profile: {
        description: {
          bio: `${owner.title} at ${owner.company}. Writing about content, data, food and the people behind them.`,
          website: owner.blogUrl,
          location: `${owner.homeCity}, soon ${owner.destinationCity}`,
        },
        avatarMediaUrl: `https://pbs.twimg.com/profile_images/${OWNER_TWITTER_ID}/avatar.jpg`,
        headerMediaUrl: `https://pbs.twimg.com/profile_banners/${OWNER_TWITTER_ID}/1600000000`,
      },
    }),
  );
  bytes += write(files[2], "tweets", (f) => {
    for (const t of plan) f.push(tweetJson(t, me));
  });

  const followers = tweeters.filter(
    (p) =>
      p.role === "irl" ||
      p.role === "growing" ||
      p.role === "likeOnly" ||
      p.role === "dormant" ||
      ((p.role === "acquaintance" || p.role === "owed" || p.role === "jobAsk") &&
        roll(world, "twitter-follower", p) < 0.6) ||
      (p.role === "cardOnly" && roll(world, "twitter-follower", p) < 0.2),
  );
  bytes += write(files[3], "follower", (f) => {
    for (const p of followers) {
      const id = user(p).id;
      f.push({
        follower: { accountId: id, userLink: `https://twitter.com/intent/user?user_id=${id}` },
      });
      counts.followers++;
    }
  });
  const following = tweeters.filter(
    (p) =>
      p.role === "irl" ||
      p.role === "growing" ||
      p.role === "dormant" ||
      (p.role === "acquaintance" && roll(world, "twitter-following", p) < 0.5) ||
      (p.role === "cardOnly" && roll(world, "twitter-following", p) < 0.1),
  );
  bytes += write(files[4], "following", (f) => {
    for (const p of following) {
      const id = user(p).id;
      f.push({
        following: { accountId: id, userLink: `https://twitter.com/intent/user?user_id=${id}` },
      });
      counts.following++;
    }
  });

  const likeable = tweeters.filter(
    (p) => p.role === "irl" || p.role === "growing" || p.role === "acquaintance",
  );
  bytes += write(files[5], "like", (f) => {
    if (likeable.length === 0) return;
    const lrng = createRng(world.seed, "twitter-likes");
    const n = 10 + Math.round(likeable.length * 0.8);
    const liked: { at: number; id: string; text: string; u: User; named: boolean }[] = [];
    for (let k = 0; k < n; k++) {
      const p = lrng.pick(likeable);
      const [from, until] = span(world, p);
      const at = lrng.float(from, until);
      const text = lrng.pick(TWEETS)(words(lrng, p.interests));
      liked.push({ at, id: ids.next(at), text, u: user(p), named: lrng.chance(0.4) });
    }
    liked.sort((a, b) => b.at - a.at);
    for (const l of liked) {
      const expandedUrl = l.named
        ? `https://twitter.com/${l.u.handle}/status/${l.id}`
        : `https://twitter.com/i/web/status/${l.id}`;
      f.push({ like: { tweetId: l.id, fullText: l.text, expandedUrl } });
      counts.likes++;
      if (l.named) counts.likesWithAuthor++;
    }
  });

  const drng = createRng(world.seed, "twitter-dms");
  const dmTies = [
    ...drng.sample(
      tweeters.filter((p) => p.role === "irl"),
      4,
    ),
    ...drng.sample(
      tweeters.filter((p) => p.role === "growing"),
      1,
    ),
  ];
  bytes += write(files[6], "direct_messages", (f) => {
    for (const p of dmTies) {
      const [from, until] = span(world, p);
      const n = drng.int(3, 8);
      const at = seconds(drng.float(from, Math.max(from, until - n * 2 * HOUR)));
      f.push(dmConversation(world, p, user(p).id, { n, at, rng: drng, ids }));
      counts.dms += n;
      counts.conversations++;
    }
  });

  return { dir, files: [...files], bytes, counts };
}

/**
 * One DM conversation between the owner and `p` (account id `them`), an element of
 * direct-messages.js: `n` messages from `at` on, the owner first, then taking turns minutes to
 * hours apart, listed newest first as the archive does.
 */
export function dmConversation(
  world: World,
  p: Person,
  them: string,
  o: { n: number; at: number; rng: Rng; ids: Snowflakes },
): unknown {
  const { rng, ids } = o;
  let at = o.at;
  const messages: unknown[] = [];
  for (let k = 0; k < o.n; k++) {
    const mine = k % 2 === 0;
    const text = rng.pick(DMS)(words(rng, p.interests), mine ? p.firstName : world.owner.firstName);
    messages.push({
      messageCreate: {
        recipientId: mine ? them : OWNER_TWITTER_ID,
        reactions: [],
        urls: [],
        text,
        mediaUrls: [],
        senderId: mine ? OWNER_TWITTER_ID : them,
        id: ids.next(at),
        createdAt: new Date(at).toISOString(),
      },
    });
    at += rng.int(2, 90) * 60_000;
  }
  messages.reverse();
  const pair = [OWNER_TWITTER_ID, them].sort((a, b) => Number(a) - Number(b));
  return { dmConversation: { conversationId: pair.join("-"), messages } };
}

export type TweetKind = "tweet" | "reply" | "retweet";

/**
 * Endless tweets of the owner, newest first from the reference date back (a few minutes apart),
 * for benchmarks: the writer's mix at any size — plain tweets on the owner's interests, replies
 * to the circle and acquaintances (one in five also mentioning someone), tweets mentioning
 * people, retweets. Each is an element of tweets.js (`tweetJson`); `mentions` counts the
 * "mention" interactions it adds. Needs people with a handle in the world.
 */
export function* endlessTweets(
  world: World,
): Generator<{ kind: TweetKind; mentions: number; element: unknown }> {
  const me: User = { id: OWNER_TWITTER_ID, handle: world.owner.twitter, name: world.owner.name };
  const cast = world.people
    .filter(
      (p) =>
        p.twitter &&
        (p.role === "irl" ||
          p.role === "growing" ||
          p.role === "dormant" ||
          p.role === "acquaintance"),
    )
    .map((p) => ({
      p,
      u: { id: twitterId(world, p), handle: p.twitter as string, name: twitterName(p) },
    }));
  if (cast.length === 0) throw new Error("endlessTweets needs people with a Twitter handle");
  const rng = createRng(world.seed, "twitter-endless");
  const ids = new Snowflakes();
  let at = seconds(world.referenceDate - HOUR);
  for (;;) {
    at -= rng.int(20, 600) * 1000;
    const r = rng.next();
    const { p, u } = rng.pick(cast);
    let t: PlannedTweet;
    let kind: TweetKind = "tweet";
    let mentions = 0;
    if (r < 0.45) {
      t = {
        at,
        id: ids.next(at),
        text: rng.pick(TWEETS)(words(rng, world.owner.interests)),
        mentions: [],
      };
    } else if (r < 0.8) {
      const other = rng.chance(0.2) ? rng.pick(cast).u : undefined;
      const extra = other && other.id !== u.id ? other : undefined;
      const body = rng.pick(REPLIES)(words(rng, p.interests), p.firstName);
      const statusId = ids.next(at - rng.int(5, 300) * 60_000);
      t = {
        at,
        id: ids.next(at),
        text: `@${u.handle} ${extra ? `@${extra.handle} ` : ""}${body}`,
        mentions: extra ? [u, extra] : [u],
        replyTo: { user: u, statusId },
      };
      kind = "reply";
      if (extra) mentions = 1;
    } else if (r < 0.9) {
      const picked = rng.chance(0.4)
        ? [u, rng.pick(cast).u].filter((x, k, a) => a.indexOf(x) === k)
        : [u];
      const handles = picked.map((x) => `@${x.handle}`).join(" and ");
      t = {
        at,
        id: ids.next(at),
        text: rng.pick(MENTIONS)(words(rng, world.owner.interests), handles),
        mentions: picked,
      };
      mentions = 1;
    } else {
      const text = `RT @${u.handle}: ${rng.pick(TWEETS)(words(rng, p.interests))}`;
      t = { at, id: ids.next(at), text, mentions: [u], retweetOf: u };
      kind = "retweet";
    }
    yield { kind, mentions, element: tweetJson(t, me) };
  }
}
