/**
 * Followers, followings and likes from a Twitter archive.
 *
 * `follower.js` / `following.js` → contacts on channel "twitter", kind "follower" (they follow
 * the owner) or "following" (the owner follows them), keyed `twitter:follower:<id>` /
 * `twitter:following:<id>`. The files name accounts by id (with the @username only when
 * `userLink` is a `twitter.com/<username>` link), and give no date.
 *
 * `like.js` → interaction "like" from the owner to the liked tweet's author, keyed
 * `twitter:like:<tweetId>`. A like names no author and no date: the author is read from the
 * like's link when it has the `twitter.com/<username>/status/<id>` form, and the date is when the
 * liked tweet was made (from its id), a lower bound of when it was liked. Archives mostly link
 * `twitter.com/i/web/status/<id>`, which names nobody: such a like is skipped, reason
 * "like without author", one skip per like so the count tells how many.
 *
 * @example
 * followRecord({ follower: { accountId: "12", userLink: "…" } }, "follower", { line: 3 });
 * // { type: "contact", key: "twitter:follower:12", channel: "twitter", kind: "follower", … }
 */
import type { Place, SourceRecord } from "../records.js";
import { snowflakeTime } from "./dates.js";
import {
  accountParty,
  ownerParty,
  screenNameOfLink,
  str,
  twitterParty,
  unwrap,
} from "./parties.js";

export function followRecord(
  value: unknown,
  kind: "follower" | "following",
  at: Place,
): SourceRecord {
  const entry = unwrap(value, kind);
  const id = str(entry?.accountId);
  if (!id || !/^\d+$/.test(id)) {
    return {
      type: "skip",
      reason: "no id",
      message: `a ${kind} entry without an accountId`,
      place: { ...at, record: kind },
    };
  }
  return {
    type: "contact",
    key: `twitter:${kind}:${id}`,
    channel: "twitter",
    kind,
    party: accountParty(id, screenNameOfLink(str(entry?.userLink))),
    place: { ...at, record: `${kind} ${id}` },
  };
}

const STATUS_LINK =
  /^https?:\/\/(?:mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,50})\/status(?:es)?\/(\d+)/;

export function likeRecord(value: unknown, at: Place): SourceRecord {
  const like = unwrap(value, "like");
  const id = str(like?.tweetId);
  const place: Place = { ...at, record: id ? `like of tweet ${id}` : "like" };
  if (!like || !id) {
    return { type: "skip", reason: "no id", message: "a like without a tweetId", place };
  }
  const link = str(like.expandedUrl);
  const author = link ? STATUS_LINK.exec(link)?.[1] : undefined;
  if (!author || author === "i") {
    return {
      type: "skip",
      reason: "like without author",
      message: `the archive does not say who wrote liked tweet ${id}`,
      place,
    };
  }
  const when = snowflakeTime(id);
  if (when === undefined) {
    return {
      type: "skip",
      reason: "bad date",
      message: `liked tweet ${id} carries no date`,
      place,
    };
  }
  const text = str(like.fullText);
  return {
    type: "interaction",
    key: `twitter:like:${id}`,
    channel: "twitter",
    kind: "like",
    at: when,
    from: ownerParty(),
    to: [twitterParty({ screenName: author })],
    replyTo: `twitter:tweet:${id}`,
    context: { url: link as string },
    ...(text ? { text } : {}),
    place,
  };
}
