/**
 * Benchmark: import a generated WordPress export of at least 200 MB, and compare with the
 * parse-only throughput of the same XML parser (htmlparser2) on the same file in the same run.
 * Each measurement runs in its own child process so its peak memory (max RSS) is its own.
 *
 * Run with `npm run bench` (or `node dist/bench/wxr-import.js [MB]`).
 * Goal (issue 2): whole import ≥ 50% of parse-only throughput, under 300 MB of memory.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { peopleForWxrBytes, writeSample } from "../sample/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const outDir = path.join(root, "bench", "out");

export interface Measure {
  seconds: number;
  /** CPU seconds of all the child's threads (the machine is shared: wall time varies). */
  cpuSeconds?: number;
  maxRssMB: number;
  [key: string]: unknown;
}

function child(mode: string, ...args: string[]): Measure {
  const out = execFileSync(process.execPath, [path.join(here, "bench-child.js"), mode, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as Measure;
}

async function main() {
  const targetMB = Number(process.argv[2] ?? 200);
  fs.mkdirSync(outDir, { recursive: true });
  const people = peopleForWxrBytes(targetMB * 1024 * 1024);
  const sampleDir = path.join(outDir, `sample-${people}`);
  let wxr = path.join(sampleDir, "blog.wxr.xml");
  if (!fs.existsSync(wxr)) {
    process.stderr.write(
      `Generating a sample world of ${people} people (≥ ${targetMB} MB of WXR)…\n`,
    );
    const started = performance.now();
    const manifest = await writeSample(sampleDir, { seed: 1, people, only: ["wxr"] });
    wxr = manifest.files.find((f) => f.format === "wxr")?.path ?? wxr;
    process.stderr.write(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const bytes = fs.statSync(wxr).size;
  const mb = bytes / 1024 / 1024;
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-")), "bench.db");

  process.stderr.write(`File: ${wxr} (${mb.toFixed(1)} MB)\n`);
  process.stderr.write("Parse only (htmlparser2, no-op handlers)…\n");
  const parse = child("parse", wxr);
  process.stderr.write("Whole import into a new SQLite database…\n");
  const first = child("import", wxr, db);
  process.stderr.write("The same import again (idempotent: nothing new)…\n");
  const again = child("import", wxr, db);
  fs.rmSync(path.dirname(db), { recursive: true, force: true });

  const rate = (m: Measure) => mb / m.seconds;
  const results = {
    machine: `${os.cpus()[0]?.model ?? "unknown cpu"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    fileMB: Number(mb.toFixed(1)),
    parseOnly: {
      mbPerSec: Number(rate(parse).toFixed(1)),
      seconds: parse.seconds,
      cpuSeconds: parse.cpuSeconds,
      maxRssMB: parse.maxRssMB,
    },
    import: {
      mbPerSec: Number(rate(first).toFixed(1)),
      seconds: first.seconds,
      cpuSeconds: first.cpuSeconds,
      maxRssMB: first.maxRssMB,
      summary: first.summary,
    },
    reimport: {
      mbPerSec: Number(rate(again).toFixed(1)),
      seconds: again.seconds,
      cpuSeconds: again.cpuSeconds,
      maxRssMB: again.maxRssMB,
      summary: again.summary,
    },
    importToParseRatio: Number((rate(first) / rate(parse)).toFixed(2)),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  fs.writeFileSync(path.join(outDir, "wxr-import.json"), `${JSON.stringify(results, null, 2)}\n`);
  const cpu = (m: Measure) =>
    m.cpuSeconds === undefined ? "" : ` (${m.cpuSeconds.toFixed(1).padStart(5)} s CPU)`;
  const line = (name: string, m: Measure) =>
    `${name.padEnd(22)} ${rate(m).toFixed(1).padStart(7)} MB/s ${m.seconds.toFixed(2).padStart(7)} s${cpu(m)} ${m.maxRssMB.toFixed(0).padStart(6)} MB peak RSS`;
  process.stdout.write(
    `${[
      `WXR import benchmark — ${results.machine}`,
      `file: ${mb.toFixed(1)} MB generated WXR (seed 1, ${people} people)`,
      line("parse only", parse),
      line("import (new database)", first),
      line("re-import (no change)", again),
      `import / parse-only throughput: ${results.importToParseRatio} (goal ≥ 0.5); import peak memory ${first.maxRssMB.toFixed(0)} MB (goal < 300 MB)`,
      `load average at the end: ${results.loadAverage.join(", ")}`,
    ].join("\n")}\n`,
  );
}

await main();
