/**
 * The CSV rows of a file, streamed: bytes are decoded (see `decode.ts`), the delimiter is sniffed
 * from the first 64 KiB, and csv-parse turns the text into rows, each with the line it starts
 * on, one batch per piece of input. Blank lines are not rows. Rows of any length come through
 * (the caller decides what a ragged row means); quotes inside unquoted fields are taken as text. A quote that is never
 * closed, or a record larger than 4 MiB (the sign of one), throws `IrlError("input")` naming
 * the file and line.
 *
 * @example
 * for await (const rows of readCsvRows({ path, chunks })) {
 *   for (const row of rows) console.log(row.line, row.fields);
 * }
 */
import { CsvError, type InfoRecord, parse } from "csv-parse";
import { IrlError } from "../../errors.js";
import type { SourceInput } from "../importer.js";
import { CsvTextDecoder, sniffEncoding } from "./decode.js";
import { sniffDelimiter } from "./delimiter.js";

export interface CsvRow {
  fields: string[];
  /** 1-based line the row starts on. */
  line: number;
}

const HEAD_BYTES = 64 * 1024;
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export async function* readCsvRows(input: SourceInput): AsyncGenerator<CsvRow[]> {
  const chunks = input.chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const headBuffer = Buffer.concat(head);
  const decoder = new CsvTextDecoder(sniffEncoding(headBuffer));
  let headText = decoder.write(headBuffer);
  if (done) headText += decoder.end();
  const delimiter = sniffDelimiter(headText);

  async function* text(): AsyncGenerator<string> {
    if (headText) yield headText;
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      const piece = decoder.write(next.value);
      if (piece) yield piece;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  // Rows are taken as csv-parse completes them (`on_record`, which then drops them from the
  // stream), so the rows before a fatal error in the same piece are not lost with it.
  let rows: CsvRow[] = [];
  /** The last line of the last record read: the next record starts on the line after it. */
  let lastEnd = 0;
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (fields: string[], info: InfoRecord) => {
      lastEnd = info.lines;
      if (fields.length === 1 && fields[0] === "") return null;
      let breaks = 0;
      for (const field of fields) {
        for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) breaks++;
      }
      rows.push({ fields, line: info.lines - breaks });
      return null;
    },
  });
  parser.resume();
  const failed = new Promise<unknown>((resolve) => parser.once("error", resolve));
  const finished = new Promise<void>((resolve) => parser.once("finish", resolve));

  for await (const piece of text()) {
    const error = await Promise.race([
      new Promise<unknown>((resolve) => parser.write(piece, (e) => resolve(e ?? undefined))),
      failed,
    ]);
    if (rows.length > 0) {
      yield rows;
      rows = [];
    }
    if (error) throw asInputError(input.path, error, lastEnd + 1);
  }
  parser.end();
  const error = await Promise.race([failed, finished.then(() => undefined)]);
  if (rows.length > 0) yield rows;
  if (error) throw asInputError(input.path, error, lastEnd + 1);
}

/** csv-parse's error as an input error; `recordLine` is where the failing record starts. */
function asInputError(file: string, error: unknown, recordLine: number): unknown {
  if (!(error instanceof CsvError)) return error;
  let line = (error as CsvError & { lines?: number }).lines ?? recordLine;
  let what = error.message;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    line = recordLine;
    what = "a quoted value in the record starting here is never closed";
  } else if (error.code === "CSV_MAX_RECORD_SIZE") {
    line = recordLine;
    what = "the record starting here is longer than 4 MiB (a quote left open?)";
  }
  return new IrlError("input", `${file}: line ${line}: ${what}`, { file, place: `line ${line}` });
}

/**
 * The row cut to the header's width, or undefined when it is ragged: fewer fields than the
 * header, or more with something in the extra ones (trailing empty fields, as some exporters
 * write, are fine).
 */
export function fitRow(fields: string[], width: number): string[] | undefined {
  if (fields.length === width) return fields;
  if (fields.length < width) return undefined;
  for (let i = width; i < fields.length; i++)
    if ((fields[i] as string).trim() !== "") return undefined;
  return fields.slice(0, width);
}
