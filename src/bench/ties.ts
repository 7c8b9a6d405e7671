/**
 * Benchmark: tie strength for a big graph and `irl due` on it. Generates a SQLite store with
 * 100,000 people and 10,000,000 interactions with the user (seeded; a few people talk a lot,
 * most a little, over two years, several channels, both directions), then times
 * `computeTies` (goal < 30 s) and `whatIsDue` (goal < 300 ms, median of five).
 * Sizes: IRL_BENCH_TIES_PEOPLE (100000), IRL_BENCH_TIES_EVENTS (10000000).
 * IRL_BENCH_TIES_DIR=DIR keeps the graph in DIR and reuses it on the next run (building the full
 * graph takes minutes; the ties are recomputed on every run, as after an import).
 *
 * @example
 * IRL_BENCH_ONLY=ties npm run bench
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seeded } from "../identity/model/random.js";
import { whatIsDue } from "../plans/due.js";
import { computeTies } from "../signals/compute-ties.js";
import { openStore } from "../store/store.js";
import { addNumberedPeople, INTERACTION_COLUMNS } from "../testing/synthetic-graph.js";
import { envMB, machine, outDir } from "./common.js";

const CHANNELS = ["email", "blog_comment", "tweet", "dm", "linkedin", "meeting"];
const KINDS = ["message", "comment", "reply", "mention", "message", "meeting"];
const DAY = 86_400_000;

async function main() {
  const people = envMB("IRL_BENCH_TIES_PEOPLE", 100_000);
  const events = envMB("IRL_BENCH_TIES_EVENTS", 10_000_000);
  const reuse = process.env.IRL_BENCH_TIES_DIR;
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-ties-"));
  if (reuse) fs.mkdirSync(dir, { recursive: true });
  const built0 = reuse !== undefined && fs.existsSync(path.join(dir, "irl.db"));
  const store = await openStore({ dialect: "sqlite", location: path.join(dir, "irl.db") });
  const now = Date.parse("2026-11-01T00:00:00Z");
  try {
    const started = Date.now();
    const me = await store.ensureMe();
    const rand = seeded(7);
    if (!built0) await store.conn.transaction((tx) => addNumberedPeople(tx, people, now));
    const first = me + 1;
    let written = built0 ? events : 0;
    while (written < events) {
      await store.conn.transaction(async (tx) => {
        const batch: unknown[][] = [];
        for (let k = 0; k < 100_000 && written < events; k++, written++) {
          // Zipf-like: a few people hold most of the dialog.
          const other = first + Math.floor(people * rand() ** 3);
          const c = Math.floor(rand() * CHANNELS.length);
          const out = rand() < 0.5;
          batch.push([
            `b${written}`,
            CHANNELS[c],
            KINDS[c],
            c === 5 ? "mutual" : out ? "outbound" : "inbound",
            now - Math.floor(rand() * 730 * DAY),
            out || c === 5 ? me : other,
            out || c === 5 ? other : me,
            Math.floor(rand() * 800),
            "approved",
          ]);
        }
        await tx.insertNew("interactions", INTERACTION_COLUMNS, batch);
      });
    }
    const built = (Date.now() - started) / 1000;
    if (reuse) process.stderr.write(`graph kept in ${dir}\n`);
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    const ties = await computeTies(store, now);
    const scoring = (Date.now() - t0) / 1000;
    const cpu1 = process.cpuUsage(cpu0);
    const scoringCpu = (cpu1.user + cpu1.system) / 1e6;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await whatIsDue(store, { now });
      times.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpuTimes.push((d.user + d.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const due = times[2] as number;
    const dueCpu = cpuTimes[2] as number;
    const load = os.loadavg()[0] as number;
    const rss = process.resourceUsage().maxRSS / 1024;
    const lines = [
      `Tie strength and irl due — ${machine()}`,
      `graph: ${people.toLocaleString("en")} people, ${events.toLocaleString("en")} interactions (${built0 ? "reused" : `built in ${built.toFixed(0)} s`})`,
      `computeTies: ${scoring.toFixed(1)} s, ${scoringCpu.toFixed(1)} s CPU (${Math.round(events / scoring).toLocaleString("en")} interactions/s; goal < 30 s)`,
      `irl due: ${due.toFixed(0)} ms median of 5, ${dueCpu.toFixed(0)} ms CPU (goal < 300 ms)`,
      `load average ${load.toFixed(2)} (1 min) over ${os.cpus().length} cores`,
      `peak RSS ${rss.toFixed(0)} MB; ${ties.summary}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(
      path.join(outDir, "ties.json"),
      JSON.stringify(
        {
          people,
          events,
          built: built0 ? null : built,
          scoring,
          scoringCpu,
          dueMs: due,
          dueCpuMs: dueCpu,
          load,
          rssMB: rss,
          machine: machine(),
        },
        null,
        2,
      ),
    );
  } finally {
    await store.close();
    if (!process.env.IRL_BENCH_KEEP && !reuse) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
