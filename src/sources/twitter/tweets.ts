/**
 * One tweet of the owner's `tweets.js` as records. Every tweet is the owner's; what it becomes
 * depends on whom it addresses:
 * - a retweet (`RT @ada: …`, or `retweeted_status`) → interaction "retweet" to the original author;
 * - a reply to someone else → interaction "reply" to them (`replyTo`: the answered tweet's key);
 * - anything else (a plain tweet, a reply in one's own thread) → content "tweet";
 * - and, besides, accounts it @mentions (not the replied-to one, not the owner, none for a
 *   retweet) → one interaction "mention" to all of them.
 * The main record carries the tweet's text (an interaction as its text, a plain tweet as content,
 * which feeds interests); a mention record repeats it.
 *
 * Keys: `twitter:tweet:<id>` for the tweet's main record, `twitter:tweet:<id>:mention` for its
 * mentions. Tweet ids are unique across Twitter, so the keys are unique across archives.
 *
 * Who the owner is: `tweets.js` never says. A reply is to the owner's own thread when its
 * replied-to account is one `OwnerClues` has learnt, or when that account is not among the
 * tweet's mentions — Twitter always mentions the account one answers, except oneself. Each such
 * self-reply teaches the owner's id and @username; so does the owner's own media link
 * (`twitter.com/<username>/status/<this tweet's id>/photo/1`). Should a self-reply still slip
 * through as a reply, the pipeline stores it as content anyway once account.js has made that id
 * the user's (an interaction whose only counterpart is its author is kept as content).
 *
 * @example
 * const clues = new OwnerClues();
 * tweetRecords(JSON.parse(element), { line: 12 }, clues); // [interaction reply, interaction mention]
 */
import type { ContentRecord, InteractionRecord, Place, SourceRecord } from "../records.js";
import { parseTwitterDate, snowflakeTime } from "./dates.js";
import { obj, ownerParty, str, type TwitterUser, twitterParty, unwrap } from "./parties.js";

/** What a tweets file has revealed about its owner's account. */
export class OwnerClues {
  readonly ids = new Set<string>();
  readonly screenNames = new Set<string>();

  learn(user: TwitterUser): void {
    if (user.id) this.ids.add(user.id);
    if (user.screenName) this.screenNames.add(user.screenName.toLowerCase());
  }

  isOwner(user: TwitterUser): boolean {
    return (
      (user.id !== undefined && this.ids.has(user.id)) ||
      (user.screenName !== undefined && this.screenNames.has(user.screenName.toLowerCase()))
    );
  }
}

const RETWEET = /^RT @([A-Za-z0-9_]{1,50}):/;

export function tweetRecords(value: unknown, at: Place, owner: OwnerClues): SourceRecord[] {
  const tweet = unwrap(value, "tweet");
  const id = str(tweet?.id_str) ?? str(tweet?.id);
  const place: Place = { ...at, record: id ? `tweet ${id}` : "a tweet without an id" };
  if (!tweet || !id) {
    return [skip("no id", "a tweet without an id_str cannot be told apart from others", place)];
  }
  const when = parseTwitterDate(tweet.created_at) ?? snowflakeTime(id);
  if (when === undefined) {
    return [skip("bad date", `tweet ${id} has no readable created_at`, place)];
  }
  const text = str(tweet.full_text) ?? str(tweet.text) ?? "";
  const mentions = mentionsOf(tweet);
  learnFromMedia(tweet, id, owner);

  const key = `twitter:tweet:${id}`;
  const conversation = str(tweet.conversation_id_str) ?? str(tweet.conversation_id);
  const base = {
    type: "interaction" as const,
    channel: "twitter",
    at: when,
    from: ownerParty(),
    text,
    place,
  };

  const original = retweetedAuthor(tweet, text, mentions);
  if (original) {
    const record: InteractionRecord = {
      ...base,
      key,
      kind: "retweet",
      to: [twitterParty(original)],
    };
    if (conversation) record.thread = `twitter:conversation:${conversation}`;
    const url = statusUrl(original.screenName, str(obj(tweet.retweeted_status)?.id_str));
    if (url) record.context = { url };
    return [record];
  }

  const records: SourceRecord[] = [];
  const parentId = str(tweet.in_reply_to_status_id_str) ?? str(tweet.in_reply_to_status_id);
  const repliedTo = repliedUser(tweet, mentions);
  const toSomeoneElse = repliedTo !== undefined && !isSelfReply(repliedTo, mentions, text, owner);
  if (repliedTo && !toSomeoneElse) owner.learn(repliedTo);
  const thread = conversation ?? (repliedTo ? undefined : id);

  if (repliedTo && toSomeoneElse) {
    const reply: InteractionRecord = { ...base, key, kind: "reply", to: [twitterParty(repliedTo)] };
    if (thread) reply.thread = `twitter:conversation:${thread}`;
    if (parentId) {
      reply.replyTo = `twitter:tweet:${parentId}`;
      reply.context = { url: statusUrl(repliedTo.screenName, parentId) as string };
    }
    records.push(reply);
  } else {
    const content: ContentRecord = {
      type: "content",
      key,
      kind: "tweet",
      author: ownerParty(),
      at: when,
      url: `https://twitter.com/i/web/status/${id}`,
      text,
      place,
    };
    records.push(content);
  }

  const others = mentions.filter(
    (m) => !(repliedTo && sameUser(m, repliedTo)) && !owner.isOwner(m),
  );
  if (others.length > 0) {
    const mention: InteractionRecord = {
      ...base,
      key: `${key}:mention`,
      kind: "mention",
      to: others.map(twitterParty),
    };
    if (thread) mention.thread = `twitter:conversation:${thread}`;
    records.push(mention);
  }
  return records;
}

function skip(reason: string, message: string, place: Place): SourceRecord {
  return { type: "skip", reason, message, place };
}

/** The accounts a tweet mentions, each once. */
function mentionsOf(tweet: Record<string, unknown>): TwitterUser[] {
  const entities = obj(tweet.entities);
  const list = Array.isArray(entities?.user_mentions) ? entities.user_mentions : [];
  const users: TwitterUser[] = [];
  for (const raw of list) {
    const m = obj(raw);
    const user: TwitterUser = {
      id: validId(str(m?.id_str) ?? str(m?.id)),
      screenName: str(m?.screen_name),
      name: str(m?.name),
    };
    if (!user.id && !user.screenName) continue;
    if (users.some((u) => sameUser(u, user))) continue;
    users.push(user);
  }
  return users;
}

/** Archives write "-1" for an account they could not resolve. */
function validId(id: string | undefined): string | undefined {
  return id && /^\d+$/.test(id) && id !== "0" ? id : undefined;
}

function sameUser(a: TwitterUser, b: TwitterUser): boolean {
  if (a.id && b.id) return a.id === b.id;
  return (
    a.screenName !== undefined &&
    b.screenName !== undefined &&
    a.screenName.toLowerCase() === b.screenName.toLowerCase()
  );
}

function repliedUser(
  tweet: Record<string, unknown>,
  mentions: TwitterUser[],
): TwitterUser | undefined {
  const id = validId(str(tweet.in_reply_to_user_id_str) ?? str(tweet.in_reply_to_user_id));
  const screenName = str(tweet.in_reply_to_screen_name);
  if (!id && !screenName) return undefined;
  const user: TwitterUser = { id, screenName };
  const mentioned = mentions.find((m) => sameUser(m, user));
  if (mentioned?.name) user.name = mentioned.name;
  return user;
}

function isSelfReply(
  user: TwitterUser,
  mentions: TwitterUser[],
  text: string,
  owner: OwnerClues,
): boolean {
  if (owner.isOwner(user)) return true;
  if (mentions.some((m) => sameUser(m, user))) return false;
  return !(user.screenName && writesHandle(text, user.screenName));
}

/** True when `@handle` appears in the text as a whole handle, in any case. */
function writesHandle(text: string, handle: string): boolean {
  const lower = text.toLowerCase();
  const needle = `@${handle.toLowerCase()}`;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
    if (!/[a-z0-9_]/.test(lower.charAt(i + needle.length))) return true;
  }
  return false;
}

function retweetedAuthor(
  tweet: Record<string, unknown>,
  text: string,
  mentions: TwitterUser[],
): TwitterUser | undefined {
  const status = obj(tweet.retweeted_status);
  const user = obj(status?.user);
  if (user) {
    const found: TwitterUser = {
      id: validId(str(user.id_str) ?? str(user.id)),
      screenName: str(user.screen_name),
      name: str(user.name),
    };
    if (found.id || found.screenName) return found;
  }
  const rt = RETWEET.exec(text);
  if (!rt) return undefined;
  const screenName = rt[1] as string;
  return mentions.find((m) => sameUser(m, { screenName })) ?? { screenName };
}

const MEDIA_LINK =
  /^https?:\/\/(?:mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,50})\/status\/(\d+)(?:\/|$)/;

/** Learns the owner's @username from a link to one of this tweet's own photos. */
function learnFromMedia(tweet: Record<string, unknown>, id: string, owner: OwnerClues): void {
  for (const holder of [tweet.entities, tweet.extended_entities]) {
    const media = obj(holder)?.media;
    if (!Array.isArray(media)) continue;
    for (const m of media) {
      const url = str(obj(m)?.expanded_url);
      const found = url ? MEDIA_LINK.exec(url) : null;
      if (found && found[2] === id && found[1] !== "i") {
        owner.learn({ screenName: found[1] });
        return;
      }
    }
  }
}

function statusUrl(screenName: string | undefined, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return screenName
    ? `https://twitter.com/${screenName}/status/${id}`
    : `https://twitter.com/i/web/status/${id}`;
}
