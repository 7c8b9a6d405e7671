/**
 * Benchmark of the streaming scorer: generates events for many ties (seeded, tie after tie,
 * each tie's events in time order, mixed channels and directions) and times accumulate + finish.
 * 10 million events for 100,000 ties by default; `IRL_BENCH_STRENGTH_EVENTS` scales it (ties
 * stay at one per hundred events).
 *
 * @example
 * npx tsc; node -e 'import("./dist/signals/bench-strength.js").then(m=>m.benchStrength()).then(l=>console.log(l.join("\n")))'
 */
import os from "node:os";
import { DAY } from "./phrases.js";
import { TieAccumulator, type TieEvent } from "./strength.js";

const CHANNELS = ["email", "dm", "blog_comment", "tweet", "linkedin", "meeting"];
const KINDS = ["message", "reply", "comment", "like", "mention", "meeting"];
const DIRECTIONS = ["inbound", "outbound", "outbound", "inbound", "mutual"] as const;

/** xorshift32: small, fast, reproducible. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export async function benchStrength(): Promise<string[]> {
  const wanted = Number(process.env.IRL_BENCH_STRENGTH_EVENTS);
  const totalEvents = Number.isFinite(wanted) && wanted > 0 ? Math.floor(wanted) : 10_000_000;
  const ties = Math.max(1, Math.round(totalEvents / 100));
  const rand = random(42);
  const now = Date.UTC(2025, 0, 1);
  const event: TieEvent = {
    at: 0,
    direction: "inbound",
    channel: "email",
    kind: "message",
    size: 0,
  };

  const started = performance.now();
  let events = 0;
  let scoreSum = 0;
  for (let t = 0; t < ties; t++) {
    const n = Math.floor((totalEvents * (t + 1)) / ties) - events;
    const tie = new TieAccumulator();
    let at = now - 3 * 365 * DAY * rand();
    const span = now - at;
    for (let i = 0; i < n; i++) {
      at += (span / n) * 2 * rand();
      const c = Math.floor(rand() * CHANNELS.length);
      event.at = Math.min(at, now);
      event.channel = CHANNELS[c] as string;
      event.kind = KINDS[c === 5 ? 5 : Math.floor(rand() * 5)] as string;
      event.direction = DIRECTIONS[Math.floor(rand() * DIRECTIONS.length)] as TieEvent["direction"];
      event.size = Math.floor(rand() * 2000);
      tie.add(event);
    }
    events += n;
    scoreSum += tie.finish(now, { otherLastActiveAt: at }).score;
  }
  const seconds = (performance.now() - started) / 1000;
  return [
    `tie strength: ${events.toLocaleString("en")} events for ${ties.toLocaleString("en")} ties`,
    `${seconds.toFixed(2)} s in all (event generation included), ${Math.round(events / seconds).toLocaleString("en")} events/s`,
    `mean score ${(scoreSum / ties).toFixed(3)}; ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, Node ${process.version}`,
  ];
}
