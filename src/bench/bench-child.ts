/**
 * One measurement of the benchmark, in a process of its own: `parse FILE` runs htmlparser2
 * with no-op handlers over the file; `import FILE DB` runs irl's whole import pipeline.
 * For the mbox and LinkedIn benchmarks: `mbox-split FILE` (the importer's splitter alone),
 * `mbox-mailparser FILE MB` (splitter + mailparser's simpleParser on every message of the first
 * MB), `mbox-records FILE [MB]` / `linkedin-records FILE` (the importer's parse, records
 * dropped, no database) and `csv-parse FILE` (csv-parse with the reader's options, rows dropped).
 * For the Twitter benchmark: `twitter-split FILE` (the archive file's JSON splitter alone, pieces
 * dropped) and `twitter-records FILE` (the importer's parse, records dropped, no database).
 * Prints one JSON line: seconds, CPU seconds (all threads), peak RSS in MB, and counts; `import`
 * also the memory curve (RSS at each quarter of the file and after, see `MemorySampler`).
 */
import fs from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { parse as csvParse } from "csv-parse";
import { Parser } from "htmlparser2";
import { simpleParser } from "mailparser";
import { runImport } from "../pipeline/run-import.js";
import type { Importer } from "../sources/importer.js";
import { linkedinImporter } from "../sources/linkedin/index.js";
import { mboxImporter } from "../sources/mbox/index.js";
import { MboxSplitter } from "../sources/mbox/splitter.js";
import { ArchiveFile } from "../sources/twitter/archive-file.js";
import { twitterImporter } from "../sources/twitter/index.js";
import { resolveLocation } from "../store/location.js";
import { openStore } from "../store/store.js";
import { MemorySampler } from "./common.js";

/** The pipeline reads files in 1 MiB chunks (`pipeline/inputs.ts`); so do these modes. */
const CHUNK = 1 << 20;

async function mboxSplit(file: string): Promise<Record<string, unknown>> {
  const splitter = new MboxSplitter();
  let messages = 0;
  let truncated = 0;
  const count = (ms: { truncated: boolean }[]) => {
    messages += ms.length;
    for (const m of ms) if (m.truncated) truncated++;
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
    count(splitter.push(chunk as Buffer));
  }
  count(splitter.end());
  return { messages, truncated };
}

async function mboxMailparser(file: string, mb: number): Promise<Record<string, unknown>> {
  const splitter = new MboxSplitter();
  const end = Math.min(fs.statSync(file).size, Math.round(mb * 1024 * 1024)) - 1;
  let messages = 0;
  const parseAll = async (ms: { bytes: Buffer }[]) => {
    for (const m of ms) {
      await simpleParser(m.bytes, { skipHtmlToText: true, skipTextToHtml: true });
      messages++;
    }
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK, end })) {
    await parseAll(splitter.push(chunk as Buffer));
  }
  await parseAll(splitter.end());
  return { messages, bytes: end + 1 };
}

async function records(
  importer: Importer,
  file: string,
  mb?: number,
): Promise<Record<string, unknown>> {
  const byType: Record<string, number> = {};
  const size = fs.statSync(file).size;
  const end = mb ? Math.min(size, Math.round(mb * 1024 * 1024)) - 1 : size - 1;
  const chunks = fs.createReadStream(file, { highWaterMark: CHUNK, end });
  for await (const batch of importer.parse({ path: file, chunks })) {
    for (const r of batch) byType[r.type] = (byType[r.type] ?? 0) + 1;
  }
  return { records: byType, bytes: end + 1 };
}

async function twitterSplit(file: string): Promise<Record<string, unknown>> {
  const archive = new ArchiveFile(file);
  const decoder = new StringDecoder("utf8");
  let pieces = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
    pieces += archive.write(decoder.write(chunk as Buffer)).length;
  }
  pieces += archive.write(decoder.end()).length + archive.end().length;
  return { pieces };
}

async function csvOnly(file: string): Promise<Record<string, unknown>> {
  let rows = 0;
  const parser = csvParse({
    delimiter: ",",
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 4 * 1024 * 1024,
    on_record: () => {
      rows++;
      return null;
    },
  });
  const sink = new Writable({ objectMode: true, write: (_r, _e, done) => done() });
  await pipeline(fs.createReadStream(file, { highWaterMark: CHUNK }), parser, sink);
  return { rows };
}

async function parseOnly(file: string): Promise<Record<string, unknown>> {
  const parser = new Parser(
    { onopentag() {}, onclosetag() {}, ontext() {}, oncdatastart() {}, oncdataend() {} },
    { xmlMode: true },
  );
  const decoder = new StringDecoder("utf8");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    parser.write(decoder.write(chunk as Buffer));
  }
  parser.end();
  return {};
}

async function importAll(file: string, db: string): Promise<Record<string, unknown>> {
  const store = await openStore(resolveLocation(db));
  const memory = new MemorySampler();
  try {
    const s = await runImport(store, [file], {
      onProgress: (p) => memory.progress(p.bytesDone / p.bytesTotal),
    });
    return {
      memory: memory.stop(),
      summary: {
        added: s.added,
        unchanged: s.unchanged,
        skipped: s.skipped,
        people: s.peopleAdded,
        errors: s.errors.length,
      },
    };
  } finally {
    await store.close();
  }
}

const [mode, file, db] = process.argv.slice(2);
const started = performance.now();
const f = file as string;
const modes: Record<string, () => Promise<Record<string, unknown>>> = {
  parse: () => parseOnly(f),
  import: () => importAll(f, db as string),
  "mbox-split": () => mboxSplit(f),
  "mbox-mailparser": () => mboxMailparser(f, Number(db)),
  "mbox-records": () => records(mboxImporter, f, db ? Number(db) : undefined),
  "linkedin-records": () => records(linkedinImporter, f),
  "csv-parse": () => csvOnly(f),
  "twitter-split": () => twitterSplit(f),
  "twitter-records": () => records(twitterImporter, f),
};
const run = modes[mode as string];
if (!run) throw new Error(`unknown mode ${mode}`);
const extra = await run();
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
const maxRssMB = usage.maxRSS / 1024;
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(
  `${JSON.stringify({ seconds: Number(seconds.toFixed(3)), cpuSeconds: Number(cpuSeconds.toFixed(3)), maxRssMB: Number(maxRssMB.toFixed(1)), ...extra })}\n`,
);
