/**
 * The WordPress export (WXR) importer: the owner's author accounts, posts and pages, and every
 * comment, threaded reply, pingback and trackback as records.
 *
 * It streams: bytes are decoded chunk by chunk (a leading BOM dropped), fed to htmlparser2 in
 * XML mode, and each chunk's completed records are yielded as one batch; at most one `<item>`
 * with its comments is held in memory.
 *
 * Malformed files: htmlparser2 forgives broken XML, this importer does not. A closing tag that
 * does not match the innermost open element, an element still open at the end of the file, or
 * content after `</rss>` throws `IrlError("input")` naming the file and line. Records before the
 * first malformation are kept (they were yielded in earlier batches, and the records of the
 * failing chunk are yielded just before the error); the error names the line. Odd CDATA that
 * strict XML parsers reject but that leaves the element structure intact (a `]]>` in text, as
 * WordPress' own tolerant parser accepts) is imported as the text htmlparser2 reads.
 * A document that is not `<rss>` with a `<channel>` throws "not a WordPress export".
 *
 * Keys: `wxr:<site>:post:<post_id>` (also the comments' thread) and
 * `wxr:<site>:comment:<comment_id>`, where `<site>` is the channel link normalised
 * (`site.ts`). Every party carries the name scope `wxr:<site>`; an owner's party is the same
 * object in its owner record and in every record it appears in.
 *
 * @example
 * for await (const batch of wxrImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import { StringDecoder } from "node:string_decoder";
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { looksLikeWxr } from "./detect.js";
import { WxrReader } from "./reader.js";

export const wxrImporter: Importer = {
  format: "wxr",
  description: "WordPress export (WXR 1.0–1.2): posts, comments, replies, pingbacks",
  detect: looksLikeWxr,
  parse: parseWxr,
};

async function* parseWxr(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const reader = new WxrReader(input.path);
  const decoder = new StringDecoder("utf8");
  let atStart = true;
  for await (const chunk of input.chunks) {
    let text = decoder.write(chunk);
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) yield* step(reader, () => reader.write(text));
  }
  const rest = decoder.end();
  yield* step(reader, () =>
    reader.end(atStart && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest),
  );
}

/** Runs one parse step, yields what it completed, then rethrows its error if it failed. */
function* step(reader: WxrReader, run: () => void): Generator<SourceRecord[]> {
  let failure: unknown;
  let failed = false;
  try {
    run();
  } catch (error) {
    failure = error;
    failed = true;
  }
  const batch = reader.take();
  if (batch.length > 0) yield batch;
  if (failed) throw failure;
}
