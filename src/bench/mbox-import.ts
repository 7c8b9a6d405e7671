/**
 * Benchmark: import a generated mbox of at least 1 GB (`IRL_BENCH_MBOX_MB`, default 1024) and
 * compare with the parse-only throughput of the importer's own splitter on the same file.
 * The file is written once into bench/out/ by the sample mbox writer (a world big enough for the
 * size; topped up with mboxes of further seeds, concatenated, if it falls short) and reused.
 * Each measurement runs in its own child process (see `bench-child.ts`) so its peak RSS is its own:
 * - split only: `MboxSplitter` over the file, messages dropped;
 * - split + mailparser: `simpleParser` on every split message of the first
 *   `IRL_BENCH_PREFIX_MB` (default 128) MB — what a naive importer would cost;
 * - importer records: `mboxImporter.parse` on the same prefix, records dropped, no database;
 * - whole import into a new SQLite database, its memory sampled every 2 s: RSS (private +
 *   mapped) at 25/50/75/100 % of the file, the peak within each quarter and whether it stays
 *   flat (see `FLAT_MARGIN`), and the peak of the whole-store passes that run once the file is
 *   read (identity resolution, ties). The curve is in the JSON.
 *
 * Run with `npm run bench` (all benchmarks) or `node dist/bench/mbox-import.js`.
 * Goal (issue): ≥ 3,000 messages/s end to end with bounded memory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildWorld, writeMbox } from "../sample/index.js";
import {
  child,
  envMB,
  log,
  type Measure,
  type MemoryReport,
  type MemorySample,
  machine,
  outDir,
  round,
  row,
} from "./common.js";

/** Bytes of mbox per person of the sample world (seed 1, ~100k people: 134.6 MB). */
const BYTES_PER_PERSON = 1340;
/**
 * Building a world is superlinear (817k people: not built after 100 s), so worlds stop at this size and the
 * file is topped up with mboxes of further seeds (100k people: ~4 s, 135 MB each).
 */
const MAX_PEOPLE = 100_000;

function generate(file: string, targetBytes: number): { people: number; seeds: number } {
  const people = Math.min(MAX_PEOPLE, Math.ceil((targetBytes * 1.02) / BYTES_PER_PERSON));
  const partial = `${file}.partial`;
  let seed = 1;
  const started = performance.now();
  log(`Generating mail.mbox (≥ ${(targetBytes / 2 ** 20).toFixed(0)} MB), ${people} people…`);
  let bytes = writeMbox(buildWorld({ seed, people }), partial).bytes;
  log(`  seed 1: ${(bytes / 2 ** 20).toFixed(1)} MB in ${elapsed(started)} s`);
  while (bytes < targetBytes) {
    seed++;
    const more = Math.max(2000, Math.ceil(((targetBytes - bytes) * 1.05) / BYTES_PER_PERSON));
    const extra = `${file}.seed${seed}`;
    const r = writeMbox(buildWorld({ seed, people: Math.min(MAX_PEOPLE, more) }), extra);
    appendFile(partial, extra);
    fs.rmSync(extra);
    bytes += r.bytes;
    log(`  + seed ${seed}: ${(bytes / 2 ** 20).toFixed(1)} MB after ${elapsed(started)} s`);
  }
  fs.renameSync(partial, file);
  return { people, seeds: seed };
}

/** Appends `from` to `to` (each sample mbox ends with a newline, so this is still an mbox). */
function appendFile(to: string, from: string): void {
  const out = fs.openSync(to, "a");
  const input = fs.openSync(from, "r");
  const buf = Buffer.allocUnsafe(8 << 20);
  try {
    for (;;) {
      const n = fs.readSync(input, buf, 0, buf.length, null);
      if (n === 0) break;
      let off = 0;
      while (off < n) off += fs.writeSync(out, buf, off, n - off);
    }
  } finally {
    fs.closeSync(input);
    fs.closeSync(out);
  }
}

/**
 * Memory counts as flat when its peak while the second half of the file streams is no more
 * than this share above its peak during the first half: a leak, or a cache growing with the
 * file, would keep raising it. (Single readings swing with the two heaps' collections.)
 */
const FLAT_MARGIN = 0.1;

/**
 * The import's memory curve: RSS at 25/50/75/100 % of the file, the peak within each quarter,
 * flat or not, and the samples ([seconds, share read, RSS, private, mapped, main heap] in MB).
 */
function memoryCurve(m: MemoryReport) {
  const pick = (f: (s: MemorySample) => number) =>
    Object.fromEntries(Object.entries(m.quarters).map(([k, s]) => [k, s ? f(s) : undefined]));
  const streaming = m.samples.filter((s, i) => s.done < 1 || m.samples[i - 1]?.done !== 1);
  const peak = (from: number, to: number) =>
    round(
      Math.max(0, ...streaming.filter((s) => s.done >= from && s.done < to).map((s) => s.rssMB)),
    );
  const quarterPeaksMB = [peak(0, 0.25), peak(0.25, 0.5), peak(0.5, 0.75), peak(0.75, 1.01)];
  const firstHalf = Math.max(peak(0, 0.5), 1);
  const secondHalf = peak(0.5, 1.01);
  return {
    rssAtMB: pick((s) => s.rssMB),
    anonAtMB: pick((s) => s.anonMB),
    fileAtMB: pick((s) => s.fileMB),
    quarterPeaksMB,
    streamingPeakMB: m.streamingPeakMB,
    afterFilePeakMB: m.afterPeakMB,
    flat: secondHalf <= firstHalf * (1 + FLAT_MARGIN),
    samples: m.samples.map((s) => [s.at, s.done, s.rssMB, s.anonMB, s.fileMB, s.heapTotalMB]),
  };
}

const elapsed = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main() {
  const targetMB = envMB("IRL_BENCH_MBOX_MB", 1024);
  /** The slow per-message modes run on this prefix of the file only. */
  const mailparserMB = envMB("IRL_BENCH_PREFIX_MB", 128);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `mbox-${targetMB}`, "mail.mbox");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) generate(file, targetMB * 2 ** 20);
  const mb = fs.statSync(file).size / 2 ** 20;
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-")), "bench.db");

  log(`File: ${file} (${mb.toFixed(1)} MB)`);
  log("Split only (MboxSplitter, messages dropped)…");
  const split = child("mbox-split", file);
  const messages = split.messages as number;
  log(`Split + mailparser simpleParser on the first ${mailparserMB} MB…`);
  const mp = child("mbox-mailparser", file, String(mailparserMB));
  log(`Importer records only (mboxImporter.parse, no database) on the first ${mailparserMB} MB…`);
  const recs = child("mbox-records", file, String(mailparserMB));
  log("Whole import into a new SQLite database…");
  const imp = child("import", file, db);
  fs.rmSync(path.dirname(db), { recursive: true, force: true });

  const mpMB = (mp.bytes as number) / 2 ** 20;
  const perSec = (n: number, m: Measure) => round(n / m.seconds, 0);
  const entry = (m: Measure, n = messages, size = mb) => ({
    messagesPerSec: perSec(n, m),
    mbPerSec: round(size / m.seconds),
    seconds: m.seconds,
    maxRssMB: m.maxRssMB,
  });
  const results = {
    machine: machine(),
    fileMB: round(mb),
    messages,
    truncatedMessages: split.truncated,
    splitOnly: entry(split),
    splitAndMailparser: { ...entry(mp, mp.messages as number, mpMB), fileMB: round(mpMB) },
    importerRecords: {
      ...entry(recs, mp.messages as number, mpMB),
      fileMB: round(mpMB),
      records: recs.records,
    },
    import: {
      ...entry(imp),
      cpuSeconds: imp.cpuSeconds,
      summary: imp.summary,
      memory: memoryCurve(imp.memory as MemoryReport),
    },
    importToSplitRatio: round(split.seconds / imp.seconds, 3),
    importToMailparserRatio: round(
      messages / imp.seconds / ((mp.messages as number) / mp.seconds),
      2,
    ),
  };
  fs.writeFileSync(path.join(outDir, "mbox-import.json"), `${JSON.stringify(results, null, 2)}\n`);
  // Per-message cost of each stage, from the rates (the slow modes ran on a prefix).
  const perMsg = (n: number, m: Measure) => (m.seconds / n) * 1e6;
  const splitUs = perMsg(messages, split);
  const recUs = perMsg(mp.messages as number, recs);
  const impUs = perMsg(messages, imp);
  process.stdout.write(
    `${[
      `mbox import benchmark — ${results.machine}`,
      `file: ${mb.toFixed(1)} MB generated mbox, ${messages.toLocaleString("en")} messages`,
      row("split only (MboxSplitter)", mb, messages, "msg", split),
      row(
        `split + mailparser (first ${mpMB.toFixed(0)} MB)`,
        mpMB,
        mp.messages as number,
        "msg",
        mp,
      ),
      row(
        `importer records (first ${mpMB.toFixed(0)} MB)`,
        mpMB,
        mp.messages as number,
        "msg",
        recs,
      ),
      row("import (new database)", mb, messages, "msg", imp),
      `import / split-only throughput: ${results.importToSplitRatio}; import / split+mailparser: ${results.importToMailparserRatio}`,
      `import: ${results.import.messagesPerSec.toLocaleString("en")} messages/s (goal ≥ 3,000; ${round(messages / (imp.cpuSeconds as number), 0).toLocaleString("en")} per CPU-second), peak memory ${imp.maxRssMB.toFixed(0)} MB`,
      memoryLine(results.import.memory),
      `time per message: split ${splitUs.toFixed(1)} µs, message → records ${(recUs - splitUs).toFixed(1)} µs, pipeline + store ${(impUs - recUs).toFixed(1)} µs (of ${impUs.toFixed(1)} µs)`,
    ].join("\n")}\n`,
  );
}

function memoryLine(m: ReturnType<typeof memoryCurve>): string {
  const at = (k: string) =>
    `${k} ${m.rssAtMB[k]?.toFixed(0) ?? "?"} (${m.anonAtMB[k]?.toFixed(0) ?? "?"} + ${m.fileAtMB[k]?.toFixed(0) ?? "?"})`;
  return [
    `import RSS MB at ${["25%", "50%", "75%", "100%"].map(at).join(", ")} of the file (private + mapped);`,
    `  peak per quarter of the file ${m.quarterPeaksMB.map((n) => n.toFixed(0)).join(" / ")} MB: ${m.flat ? "flat" : "NOT flat"} (2nd half ≤ 1st half + ${FLAT_MARGIN * 100} %);`,
    `  peak after the file (identity resolution, ties) ${m.afterFilePeakMB.toFixed(0)} MB`,
  ].join("\n");
}

await main();
