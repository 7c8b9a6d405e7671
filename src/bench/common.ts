/**
 * Shared helpers for the mbox, LinkedIn and Twitter benchmarks: one measurement per child process
 * (`bench-child.js MODE …`, so its peak RSS is its own), the machine line, and table rows.
 */
import { execFileSync } from "node:child_process";
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
