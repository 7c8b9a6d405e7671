/**
 * A synthetic e-mail-like message network (`SRC DST UNIXTIME` lines), the second network the
 * who-to-meet-next method is checked on. Unlike CollegeMsg (a young network where popular,
 * fast-growing people draw the new ties), here new ties form as in a workplace's e-mail: mostly
 * by introduction through a shared contact (triadic closure) and within one's own group, so
 * Adamic–Adar is far ahead of preferential attachment.
 *
 * The model: people in groups of 20–60, each with a heavy-tailed activity rate; every message
 * is sent by a person picked by activity, to an existing contact (by how often they wrote,
 * 70 %), a contact's contact (22 %), someone in their own group (6 %) or anyone (2 %); a year
 * of messages at a steady pace. Seeded: the same seed gives the same file.
 *
 * @example
 * node dist/plans/eval/synthetic-network.js /tmp/mail-like.txt   # then: npm run eval:suggest -- /tmp/mail-like.txt
 * const lines = syntheticNetwork({ people: 500, messages: 10_000 });
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seeded } from "../../identity/model/random.js";

export interface SyntheticOptions {
  people?: number;
  messages?: number;
  seed?: number;
}

export interface SyntheticMessage {
  src: number;
  dst: number;
  /** Seconds since the epoch. */
  at: number;
}

const START = Date.UTC(2020, 0, 1) / 1000;
const YEAR_S = 365 * 86_400;

export function syntheticNetwork(options: SyntheticOptions = {}): SyntheticMessage[] {
  const n = options.people ?? 2000;
  const total = options.messages ?? 60_000;
  const rand = seeded(options.seed ?? 2026);
  const group = new Int32Array(n);
  const members: number[][] = [];
  for (let i = 0; i < n; ) {
    const size = 20 + Math.floor(rand() * 41);
    const g: number[] = [];
    for (let k = 0; k < size && i < n; k++, i++) {
      group[i] = members.length;
      g.push(i);
    }
    members.push(g);
  }
  // Heavy-tailed activity (log-normal), as a cumulative table for picking senders.
  const activity = Array.from({ length: n }, () => Math.exp(1.1 * gaussian(rand)));
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += activity[i] as number;
    cumulative[i] = sum;
  }
  const sender = () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Contacts with message counts, and a flat list per person for weighted picks.
  const counts = Array.from({ length: n }, () => new Map<number, number>());
  const history: number[][] = Array.from({ length: n }, () => []);
  const out: SyntheticMessage[] = [];
  const send = (s: number, d: number, at: number) => {
    out.push({ src: s, dst: d, at: Math.floor(at) });
    for (const [x, y] of [
      [s, d],
      [d, s],
    ] as const) {
      const c = counts[x] as Map<number, number>;
      c.set(y, (c.get(y) ?? 0) + 1);
      (history[x] as number[]).push(y);
    }
  };
  const anyOf = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  for (let m = 0; m < total; m++) {
    const at = START + (m / total) * YEAR_S + rand() * 60;
    const s = sender();
    const mine = history[s] as number[];
    const r = rand();
    let d = -1;
    if (mine.length > 0 && r < 0.7) {
      d = anyOf(mine);
    } else if (mine.length > 0 && r < 0.92) {
      const z = anyOf(mine);
      const theirs = history[z] as number[];
      if (theirs.length > 0) d = anyOf(theirs);
    } else if (r < 0.98) {
      d = anyOf(members[group[s] as number] as number[]);
    }
    if (d < 0 || d === s) d = Math.floor(rand() * n);
    if (d === s) continue;
    send(s, d, at);
  }
  return out;
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: node dist/plans/eval/synthetic-network.js OUT.txt\n");
    process.exitCode = 2;
    return;
  }
  const lines = syntheticNetwork().map((m) => `${m.src} ${m.dst} ${m.at}`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  process.stderr.write(`${lines.length} messages written to ${file}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
