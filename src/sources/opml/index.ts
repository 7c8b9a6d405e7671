/**
 * The OPML importer: a subscription list (exported from a feed reader, or a blogroll) says whose
 * blogs the user follows. Every `<outline>` with an `xmlUrl`, in folders or not, becomes a
 * `ContactRecord` on channel "opml" of kind "subscription", whose party is the blog: its title,
 * and its site (`htmlUrl`, or the feed URL when there is none) as a `url` identity — the same
 * identity the feed importer gives a blog's author, so the two meet in one person.
 *
 * It streams: bytes are decoded chunk by chunk in the declared encoding and fed to htmlparser2;
 * each chunk's completed records are yielded as one batch. The head's owner is not claimed as
 * the user: a blogroll downloaded from someone else names them, not the user.
 *
 * Keys: `opml:<feed URL normalised>` (see `feed-key.ts`).
 *
 * @example
 * for await (const batch of opmlImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type === "contact" && record.party.name);
 * }
 */

import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { decodeXmlStream } from "../shared/xml-decode.js";
import { looksLikeOpml } from "./detect.js";
import { OpmlReader } from "./reader.js";

export const opmlImporter: Importer = {
  format: "opml",
  description: "OPML subscription list or blogroll: the blogs the user follows",
  detect: looksLikeOpml,
  parse: parseOpml,
};

async function* parseOpml(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const reader = new OpmlReader(input.path);
  for await (const text of decodeXmlStream(input.chunks))
    yield* step(reader, () => reader.write(text));
  yield* step(reader, () => reader.end());
}

/** Runs one parse step and yields what it completed, also when it then fails. */
function* step(reader: OpmlReader, run: () => void): Generator<SourceRecord[]> {
  try {
    run();
  } finally {
    const batch = reader.take();
    if (batch.length > 0) yield batch;
  }
}
