/**
 * Shared helpers for the mbox, LinkedIn and Twitter benchmarks: one measurement per child process
 * (`bench-child.js MODE …`, so its peak RSS is its own), the machine line, and table rows.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const outDir = path.join(root, "bench", "out");

export interface Measure {
  seconds: number;
  maxRssMB: number;
  [key: string]: unknown;
}

export function child(mode: string, ...args: string[]): Measure {
  const out = execFileSync(process.execPath, [path.join(here, "bench-child.js"), mode, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as Measure;
}

export function machine(): string {
  return `${os.cpus()[0]?.model ?? "unknown cpu"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function envMB(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** One table row: name, MB/s, items/s, seconds, peak RSS. */
export function row(name: string, mb: number, items: number, unit: string, m: Measure): string {
  return `${name.padEnd(34)} ${(mb / m.seconds).toFixed(1).padStart(7)} MB/s ${Math.round(
    items / m.seconds,
  )
    .toLocaleString("en")
    .padStart(9)} ${unit}/s ${m.seconds.toFixed(2).padStart(7)} s ${m.maxRssMB
    .toFixed(0)
    .padStart(6)} MB peak RSS`;
}

export function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** One memory reading of this process (all threads), in MB. */
export interface MemorySample {
  /** Seconds since the sampler started. */
  at: number;
  /** Share of the input read so far (0–1), when the caller reports progress. */
  done: number;
  rssMB: number;
  /** Private memory: both V8 heaps, native allocations (RssAnon on Linux). */
  anonMB: number;
  /** Pages of mapped files: the node binary, and a database read through mmap (RssFile). */
  fileMB: number;
  /** This thread's V8 heap (reserved / in use); a worker's is not included. */
  heapTotalMB: number;
  heapUsedMB: number;
}

function readMemory(): { rssMB: number; anonMB: number; fileMB: number } {
  const rss = process.memoryUsage.rss() / 2 ** 20;
  let status = "";
  try {
    status = readFileSync("/proc/self/status", "utf8");
  } catch {
    return { rssMB: rss, anonMB: rss, fileMB: 0 };
  }
  const kB = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rssMB: rss, anonMB: kB("RssAnon") + kB("RssShmem"), fileMB: kB("RssFile") };
}

/**
 * Samples the process's memory every `everyMs` (and at each quarter of the input, when the
 * caller reports progress with `progress(fraction)`), so a benchmark can show whether memory
 * stays flat while a file streams through: RSS at 25/50/75/100 % of the input, and after.
 */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private done = 0;
  private nextQuarter = 0.25;

  constructor(everyMs = 2000) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    this.sample();
  }

  progress(fraction: number): void {
    this.done = Math.min(1, fraction);
    if (this.done >= this.nextQuarter) {
      this.sample();
      while (this.nextQuarter <= this.done) this.nextQuarter += 0.25;
    }
  }

  sample(): MemorySample {
    const heap = process.memoryUsage();
    const s: MemorySample = {
      at: round((performance.now() - this.started) / 1000, 1),
      done: round(this.done, 3),
      ...mapValues(readMemory()),
      heapTotalMB: round(heap.heapTotal / 2 ** 20),
      heapUsedMB: round(heap.heapUsed / 2 ** 20),
    };
    this.samples.push(s);
    return s;
  }

  /**
   * Stop, and sum up: the first sample at or past each quarter of the input, the peak while
   * the input streamed (`streamingPeakMB`) and after it was read (`afterPeakMB`: what runs once
   * the file is done, e.g. the import's whole-store passes), and the samples themselves.
   */
  stop(): MemoryReport {
    clearInterval(this.timer);
    this.sample();
    const at = (q: number) => this.samples.find((s) => s.done >= q);
    const quarters: Record<string, MemorySample | undefined> = {};
    for (const q of [0.25, 0.5, 0.75, 1]) quarters[`${q * 100}%`] = at(q);
    const streaming = this.samples.filter((s) => s.done < 1 || s === at(1));
    const after = this.samples.filter((s) => s.done >= 1);
    const peak = (list: MemorySample[]) => round(Math.max(0, ...list.map((s) => s.rssMB)));
    return {
      quarters,
      streamingPeakMB: peak(streaming),
      afterPeakMB: peak(after),
      samples: this.samples,
    };
  }
}

export interface MemoryReport {
  quarters: Record<string, MemorySample | undefined>;
  streamingPeakMB: number;
  afterPeakMB: number;
  samples: MemorySample[];
}

function mapValues(m: { rssMB: number; anonMB: number; fileMB: number }) {
  return { rssMB: round(m.rssMB), anonMB: round(m.anonMB), fileMB: round(m.fileMB) };
}
