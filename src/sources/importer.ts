/**
 * The contract between a source format and the import pipeline.
 *
 * An importer recognises its format from the first bytes of a file (never from the file name)
 * and turns a byte stream into batches of `SourceRecord`s. It never reads a whole file into
 * memory: it consumes `input.chunks` as they arrive and yields what each chunk completed.
 * Fatal problems (a file that is not well-formed) are thrown as `ImportError` with the file
 * and the place; recoverable ones are yielded as `skip` records.
 *
 * @example
 * for await (const batch of wxrImporter.parse({ path, chunks: fs.createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import type { SourceRecord } from "./records.js";

export interface SourceInput {
  /** Path shown to the user in messages (inside a zip: `archive.zip/data/tweets.js`). */
  path: string;
  /** The file's bytes, in order. */
  chunks: AsyncIterable<Buffer>;
  /** What the user said on the command line that concerns parsing. */
  options?: ParseOptions;
}

export interface ParseOptions {
  /** `--map column=field` for CSV files whose headers irl does not recognise. */
  map?: Record<string, string>;
  /** Now, for sources that expand recurrences "up to today" (tests pin it). */
  now?: number;
}

export interface Importer {
  /** The name users give to `--as`. */
  format: string;
  /** A one-line description for `--help`. */
  description: string;
  /** True when these first bytes (up to 64 KiB, decoded as UTF-8) look like this format. */
  detect(head: string): boolean;
  /** Stream the file as batches of records. */
  parse(input: SourceInput): AsyncIterable<SourceRecord[]>;
}
