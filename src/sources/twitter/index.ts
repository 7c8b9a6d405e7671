/**
 * The Twitter/X archive importer: each file of an archive's `data/` folder on its own
 * (`window.YTD.<name>.part<n> = [ … ]`), streamed element by element.
 *
 * What each file gives (details in the module named):
 * - account.js, profile.js, manifest.js → the owner (`account.ts`);
 * - tweets.js (tweets-part1.js …, the older tweet.js) → replies, mentions, retweets as
 *   interactions on channel "twitter", other tweets as content "tweet" (`tweets.ts`);
 * - like.js → likes, where the author can be named (`follows.ts`);
 * - follower.js, following.js → contacts (`follows.ts`);
 * - direct-messages.js, direct-messages-group.js → messages on channel "dm"
 *   (`direct-messages.ts`).
 * Every other `window.YTD` file (ad-engagements.js, ip-audit.js, …) is recognised and yields one
 * skip, reason "not used", without being read further.
 *
 * An element that is not JSON (an archive re-formatted by hand or by a tool) throws
 * `IrlError("input")` naming the file and the line; records before it have been yielded.
 *
 * @example
 * for await (const batch of twitterImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import { StringDecoder } from "node:string_decoder";
import type { Importer, SourceInput } from "../importer.js";
import type { Place, SourceRecord } from "../records.js";
import { type JsonPiece, pieceError } from "../shared/json-splitter.js";
import { accountRecord, manifestRecord, profileRecords } from "./account.js";
import { ArchiveFile, looksLikeTwitterArchive, MANIFEST_NAME } from "./archive-file.js";
import { conversationRecords } from "./direct-messages.js";
import { followRecord, likeRecord } from "./follows.js";
import { OwnerClues, tweetRecords } from "./tweets.js";

export const twitterImporter: Importer = {
  format: "twitter",
  description: "Twitter/X archive (data/*.js): tweets, replies, mentions, DMs, followers",
  detect: looksLikeTwitterArchive,
  parse: parseTwitter,
};

type Handler = (value: unknown, at: Place) => SourceRecord | SourceRecord[] | undefined;

function handlerFor(name: string): Handler | undefined {
  switch (name) {
    case "account":
      return accountRecord;
    case "profile":
      return profileRecords;
    case "tweets":
    case "tweet":
    case "twitter_circle_tweet": {
      const owner = new OwnerClues();
      return (value, at) => tweetRecords(value, at, owner);
    }
    case "like":
      return likeRecord;
    case "follower":
    case "following":
      return (value, at) => followRecord(value, name, at);
    case "direct_messages":
    case "direct_messages_group":
      return conversationRecords;
    default:
      return undefined;
  }
}

async function* parseTwitter(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const file = new ArchiveFile(input.path);
  const decoder = new StringDecoder("utf8");
  let handler: Handler | undefined;
  let manifestOwner = false;

  const run = (pieces: JsonPiece[]): SourceRecord[] | "not used" => {
    const name = file.name;
    if (name === undefined) return [];
    if (name === MANIFEST_NAME) {
      const records: SourceRecord[] = [];
      for (const piece of pieces) {
        if (piece.key !== "userInfo") continue;
        const owner = manifestRecord(parse(input.path, piece, "userInfo"), { line: piece.line });
        if (owner) {
          manifestOwner = true;
          records.push(owner);
        }
      }
      return records;
    }
    handler ??= handlerFor(name);
    if (!handler) return "not used";
    if (pieces.length === 0) return [];
    const records: SourceRecord[] = [];
    for (const piece of pieces) {
      const what = `${name} element ${(piece.index ?? 0) + 1}`;
      const made = handler(parse(input.path, piece, what), { line: piece.line });
      if (Array.isArray(made)) records.push(...made);
      else if (made) records.push(made);
    }
    return records;
  };

  for await (const chunk of input.chunks) {
    const out = run(file.write(decoder.write(chunk)));
    if (out === "not used") {
      yield [notUsed(file.name as string)];
      return;
    }
    if (out.length > 0) yield out;
  }
  const tail = file.write(decoder.end());
  const out = run(tail.concat(file.end()));
  if (out === "not used") {
    yield [notUsed(file.name as string)];
    return;
  }
  if (file.name === MANIFEST_NAME && !manifestOwner) out.push(notUsed(MANIFEST_NAME));
  if (out.length > 0) yield out;
}

function parse(path: string, piece: JsonPiece, what: string): unknown {
  try {
    return JSON.parse(piece.text);
  } catch (error) {
    throw pieceError(path, piece, what, error);
  }
}

function notUsed(name: string): SourceRecord {
  return {
    type: "skip",
    reason: "not used",
    message: `irl does not import an archive's "${name}" data`,
    place: { line: 1, record: name },
  };
}
