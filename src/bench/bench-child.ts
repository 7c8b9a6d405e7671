/**
 * One measurement of the benchmark, in a process of its own: `parse FILE` runs htmlparser2
 * with no-op handlers over the file; `import FILE DB` runs irl's whole import pipeline.
 * Prints one JSON line: seconds, peak RSS in MB, and the import summary counts.
 */
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { Parser } from "htmlparser2";
import { runImport } from "../pipeline/run-import.js";
import { resolveLocation } from "../store/location.js";
import { openStore } from "../store/store.js";

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
  try {
    const s = await runImport(store, [file]);
    return {
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
const extra =
  mode === "parse"
    ? await parseOnly(file as string)
    : await importAll(file as string, db as string);
const seconds = (performance.now() - started) / 1000;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ seconds: Number(seconds.toFixed(3)), maxRssMB: Number(maxRssMB.toFixed(1)), ...extra })}\n`,
);
