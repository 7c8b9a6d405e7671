/**
 * The Facebook data export importer (JSON form): friends and friend requests, the profile, and
 * Messenger threads (`messages/inbox/<thread>/message_N.json`), one file at a time.
 *
 * Every string is repaired from Facebook's mis-encoding (`mojibake.ts`) before use.
 *
 * Who the owner is: only the profile file (`profile_information.json`) says so. A thread names
 * its participants, the owner among them, without saying which; its people are parties by name
 * in scope "facebook". The owner's name becomes the user's through the profile (imported from
 * the same export) or through the user's own declaration of their name; until then the
 * pipeline records the owner's messages as between two other people ("observed").
 *
 * It streams: the top-level object is split member by member and its arrays element by element
 * (`../twitter/json-splitter.ts`), so a long thread or friends list is never held whole. A
 * thread's participants come before its messages in every export; should they come after, the
 * messages read before them are held until they are known.
 *
 * @example
 * for await (const batch of facebookImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import { StringDecoder } from "node:string_decoder";
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { type JsonPiece, JsonSplitter, pieceError } from "../shared/json-splitter.js";
import { looksLikeFacebook } from "./detect.js";
import { repairDeep } from "./mojibake.js";
import { contactRecord, profileRecords, Thread } from "./records.js";

export const facebookImporter: Importer = {
  format: "facebook",
  description: "Facebook data export (JSON): friends, profile, Messenger threads",
  detect: looksLikeFacebook,
  parse: parseFacebook,
};

/** Friends-list members and the kind of tie each names. */
const CONTACT_KINDS: Record<string, string> = {
  friends_v2: "connection",
  friends: "connection",
  received_requests_v2: "invitation_received",
  sent_requests_v2: "invitation_sent",
};

async function* parseFacebook(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const splitter = new JsonSplitter(input.path);
  const decoder = new StringDecoder("utf8");
  const thread = new Thread();
  /** Messages read before the participants were known. */
  let held: { value: unknown; line: number }[] = [];
  let used = false;
  let lastKey: string | undefined;

  const run = (pieces: JsonPiece[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const piece of pieces) {
      const key = piece.key ?? "";
      if (lastKey === "participants" && key !== "participants") release(out);
      lastKey = key;
      const what = piece.index === undefined ? `"${key}"` : `"${key}" element ${piece.index + 1}`;
      const at = { line: piece.line };
      const contactKind = CONTACT_KINDS[key];
      if (contactKind && piece.index !== undefined) {
        used = true;
        out.push(contactRecord(parse(input.path, piece, what), contactKind, at));
      } else if (key === "profile_v2" || key === "profile") {
        used = true;
        out.push(...profileRecords(parse(input.path, piece, what), at));
      } else if (key === "participants" && piece.index !== undefined) {
        thread.addParticipant(parse(input.path, piece, what));
      } else if (key === "messages" && piece.index !== undefined) {
        used = true;
        const value = parse(input.path, piece, what);
        if (thread.known) out.push(thread.message(value, at));
        else held.push({ value, line: piece.line });
      }
    }
    return out;
  };
  const release = (out: SourceRecord[]) => {
    for (const m of held) out.push(thread.message(m.value, { line: m.line }));
    held = [];
  };

  for await (const chunk of input.chunks) {
    const out = run(splitter.write(decoder.write(chunk)));
    if (out.length > 0) yield out;
  }
  const out = run(splitter.write(decoder.end()).concat(splitter.end()));
  release(out);
  if (!used) {
    out.push({
      type: "skip",
      reason: "not used",
      message: "the file holds no friends, profile or messages irl reads",
      place: { line: 1 },
    });
  }
  if (out.length > 0) yield out;
}

function parse(path: string, piece: JsonPiece, what: string): unknown {
  try {
    return repairDeep(JSON.parse(piece.text));
  } catch (error) {
    throw pieceError(path, piece, what, error);
  }
}
