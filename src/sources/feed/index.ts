/**
 * The feed importer: a person's blog feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x, or a
 * lone Atom entry document) as one `ContentRecord` of kind "post" per entry — their writing.
 *
 * Feeds are small, so the file is buffered whole (at most 50 MB, beyond which it is refused),
 * decoded (`decode.ts`), checked for completeness (`outline.ts`), parsed by feedsmith and
 * normalised (`entries.ts`), then turned into records (`assemble.ts`) yielded in batches.
 * A file that is cut off, not XML/JSON, or not a feed throws `IrlError("input")` naming it.
 *
 * Keys: `feed:<feed id | self link | site link | title>:<entry guid | id | link | content hash>`.
 * Authors carry the name scope `feed:<site>` (the site normalised as in `wxr/site.ts`).
 *
 * @example
 * for await (const batch of feedImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type === "content" && record.title);
 * }
 */
import { type AnyFeed, DetectError, MalformedError, parseFeed } from "feedsmith";
import { IrlError } from "../../errors.js";
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { decodeFeed } from "../shared/xml-decode.js";
import { assemble } from "./assemble.js";
import { looksLikeFeed } from "./detect.js";
import { normalise } from "./entries.js";
import { outlineOf } from "./outline.js";

/** The largest feed irl reads; real feeds are a few hundred kilobytes. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;
const BATCH = 500;
const ATOM_NS = "http://www.w3.org/2005/Atom";

export const feedImporter: Importer = {
  format: "feed",
  description: "RSS, Atom or JSON Feed of a blog: each entry as a post by its author",
  detect: looksLikeFeed,
  parse: parseFeedFile,
};

async function* parseFeedFile(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const text = decodeFeed(await readAll(input));
  const records = assemble(normalise(parseText(text, input.path)));
  for (let i = 0; i < records.length; i += BATCH) yield records.slice(i, i + BATCH);
}

async function readAll(input: SourceInput): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.chunks) {
    size += chunk.length;
    if (size > MAX_FEED_BYTES) {
      throw fail(input.path, `larger than ${MAX_FEED_BYTES / 1024 / 1024} MB, too big for a feed`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** feedsmith's reading of the text, or an IrlError saying why there is none. */
export function parseText(text: string, file: string): AnyFeed {
  const start = text.search(/\S/);
  if (start === -1) throw fail(file, "the file is empty");
  if (text.charCodeAt(start) === 123) return parseJson(text, file);
  const outline = outlineOf(text);
  if (outline.root === undefined) throw fail(file, "not a feed (no XML element and not JSON)");
  if (!outline.complete) {
    throw fail(file, `the file ends before </${outline.root}>`, `line ${outline.lastLine}`);
  }
  let xml = text;
  if (outline.root === "entry" && text.includes(ATOM_NS)) {
    // An Atom entry document: one entry, read as a feed holding it.
    xml = `<feed xmlns="${ATOM_NS}">${text.slice(outline.rootStart)}</feed>`;
  }
  try {
    return parseFeed(xml);
  } catch (error) {
    throw feedsmithError(error, file, `<${outline.root}>`);
  }
}

function parseJson(text: string, file: string): AnyFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fail(file, `not valid JSON (${(error as Error).message})`);
  }
  try {
    return parseFeed(value);
  } catch (error) {
    throw feedsmithError(error, file, "a JSON document");
  }
}

function feedsmithError(error: unknown, file: string, what: string): IrlError {
  if (error instanceof DetectError) {
    return fail(file, `not a feed: the document is ${what}, not RSS, Atom, RDF or JSON Feed`);
  }
  if (error instanceof MalformedError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return fail(file, `malformed XML${cause}`);
  }
  return fail(file, `not a valid feed (${(error as Error).message})`);
}

function fail(file: string, what: string, place?: string): IrlError {
  return new IrlError("input", `${file}: ${place ? `${place}: ` : ""}${what}`, { file, place });
}
