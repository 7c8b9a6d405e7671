/**
 * Benchmark: introductions and who-to-meet-next on a big graph. Generates a SQLite store (like
 * ties.ts: seeded, written in one transaction per 100,000 rows) with 100,000 people, dialog
 * with the user (Zipf-like: a few people hold most of it) and interactions between other people
 * inside groups of about fifty with some across groups, computes ties and links (timed), then
 * times `introPaths` to twenty people (and `introPathsMany` to all twenty at once) and
 * `suggest` (goal < 300 ms each; medians).
 * Sizes: IRL_BENCH_GRAPH_PEOPLE (100000), IRL_BENCH_GRAPH_MINE (300000 interactions with the
 * user), IRL_BENCH_GRAPH_OTHERS (1000000 between others).
 *
 * @example
 * IRL_BENCH_ONLY=graph npm run bench
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seeded } from "../identity/model/random.js";
import { introPaths, introPathsMany } from "../plans/intro.js";
import { suggest } from "../plans/suggest.js";
import { computeTies } from "../signals/compute-ties.js";
import { openStore } from "../store/store.js";
import { addNumberedPeople, INTERACTION_COLUMNS } from "../testing/synthetic-graph.js";
import { envMB, machine, outDir } from "./common.js";

const DAY = 86_400_000;
const GROUP = 50;
const COLUMNS = INTERACTION_COLUMNS;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main() {
  const people = envMB("IRL_BENCH_GRAPH_PEOPLE", 100_000);
  const mine = envMB("IRL_BENCH_GRAPH_MINE", 300_000);
  const others = envMB("IRL_BENCH_GRAPH_OTHERS", 1_000_000);
  const reuse = process.env.IRL_BENCH_GRAPH_DIR;
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-graph-"));
  if (reuse) fs.mkdirSync(dir, { recursive: true });
  const built0 = reuse !== undefined && fs.existsSync(path.join(dir, "irl.db"));
  const store = await openStore({ dialect: "sqlite", location: path.join(dir, "irl.db") });
  const now = Date.parse("2026-11-01T00:00:00Z");
  try {
    const started = Date.now();
    const me = await store.ensureMe();
    const first = me + 1;
    const rand = seeded(11);
    if (!built0) await build();
    async function build() {
      // The graph lives on its reference day, so reads find the ties fresh (as the demo's does).
      await store.conn.run("INSERT INTO meta (key, value) VALUES ('fixed_now', ?)", [String(now)]);
      await store.conn.transaction((tx) => addNumberedPeople(tx, people, now));
      const total = mine + others;
      let written = 0;
      while (written < total) {
        await store.conn.transaction(async (tx) => {
          const batch: unknown[][] = [];
          for (let k = 0; k < 100_000 && written < total; k++, written++) {
            const at = now - Math.floor(rand() ** 2 * 730 * DAY);
            if (written < mine) {
              const other = first + Math.floor(people * rand() ** 3);
              const out = rand() < 0.5;
              batch.push([
                `g${written}`,
                "email",
                "message",
                out ? "outbound" : "inbound",
                at,
                out ? me : other,
                out ? other : me,
                300,
                "approved",
              ]);
            } else {
              // Mostly within a group of about fifty, sometimes across.
              const a = Math.floor(people * rand() ** 1.5);
              const b =
                rand() < 0.85
                  ? Math.min(people - 1, Math.floor(a / GROUP) * GROUP + Math.floor(rand() * GROUP))
                  : Math.floor(people * rand());
              if (a === b) continue;
              batch.push([
                `g${written}`,
                "blog_comment",
                "reply",
                "observed",
                at,
                first + a,
                first + b,
                200,
                "approved",
              ]);
            }
          }
          await tx.insertNew("interactions", COLUMNS, batch);
        });
      }
    }
    const built = (Date.now() - started) / 1000;
    const t0 = Date.now();
    const computed = !built0 || Boolean(process.env.IRL_BENCH_GRAPH_RECOMPUTE);
    if (computed) await computeTies(store, now);
    const computing = (Date.now() - t0) / 1000;
    if (process.env.IRL_BENCH_KEEP || reuse) process.stderr.write(`graph kept in ${dir}\n`);
    const links = Number(
      (await store.conn.all<{ n: number }>("SELECT count(*) AS n FROM links"))[0]?.n ?? 0,
    );
    // Their own seed, so a reused graph gets the same targets.
    const pick = seeded(12);
    const targets = Array.from({ length: 20 }, () => first + Math.floor(pick() * people));
    const introTimes: number[] = [];
    let found = 0;
    for (const t of targets) {
      const s = performance.now();
      const paths = await introPaths(store, t);
      introTimes.push(performance.now() - s);
      if (paths.length > 0) found++;
    }
    const s1 = performance.now();
    await introPathsMany(store, targets);
    const manyMs = performance.now() - s1;
    const suggestTimes: number[] = [];
    let suggested = 0;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      suggested = (await suggest(store, { limit: 10, now })).length;
      suggestTimes.push(performance.now() - s);
    }
    const rss = process.resourceUsage().maxRSS / 1024;
    const result = {
      people,
      interactions: { mine, others },
      links,
      built,
      computing,
      introMs: median(introTimes),
      introMaxMs: Math.max(...introTimes),
      introManyMs: manyMs,
      suggestMs: median(suggestTimes),
      suggestFirstMs: suggestTimes[0],
      rssMB: rss,
      machine: machine(),
    };
    const lines = [
      `Introductions and who-to-meet-next — ${machine()}`,
      `graph: ${people.toLocaleString("en")} people, ${mine.toLocaleString("en")} interactions with the user, ${others.toLocaleString("en")} between others (${built0 ? `reused from ${dir}` : `built in ${built.toFixed(0)} s`})`,
      `ties + links: ${computed ? `${computing.toFixed(1)} s` : "reused"}, ${links.toLocaleString("en")} links`,
      `irl intro: ${result.introMs.toFixed(0)} ms median of 20 (max ${result.introMaxMs.toFixed(0)} ms; ${found} of 20 with a path; goal < 300 ms)`,
      `introPathsMany, the same 20 at once: ${manyMs.toFixed(0)} ms`,
      `irl suggest: ${result.suggestMs.toFixed(0)} ms median of 5 (first ${suggestTimes[0]?.toFixed(0)} ms; ${suggested} suggestions; goal < 300 ms)`,
      `peak RSS ${rss.toFixed(0)} MB`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "graph.json"), JSON.stringify(result, null, 2));
  } finally {
    await store.close();
    if (!process.env.IRL_BENCH_KEEP && !reuse) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
