/**
 * Benchmark: the web app on a big graph. Generates a SQLite store with 100,000 people and
 * 1,000,000 interactions with the user (seeded, Zipf-like as in ties.ts; some between others,
 * for the network view), computes the ties once, starts `irl serve`'s server on 127.0.0.1 and
 * measures over real HTTP: the home page's first load (server time to the last byte of the HTML,
 * then every script and stylesheet it names; bytes as sent, compressed), the JavaScript it ships
 * (compressed), and the people list (first page, a deep page, a search, a tier sorted by recency),
 * a person with the most history, and the network view — median of five each.
 * Sizes: IRL_BENCH_WEB_PEOPLE (100000), IRL_BENCH_WEB_EVENTS (1000000).
 *
 * @example
 * IRL_BENCH_ONLY=web npm run bench
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { seeded } from "../identity/model/random.js";
import { computeTies } from "../signals/compute-ties.js";
import { openStore } from "../store/store.js";
import { addNumberedPeople, INTERACTION_COLUMNS } from "../testing/synthetic-graph.js";
import { startWebServer } from "../web/server.js";
import { envMB, machine, outDir } from "./common.js";

const CHANNELS = ["email", "blog_comment", "tweet", "dm", "linkedin", "meeting"];
const KINDS = ["message", "comment", "reply", "mention", "message", "meeting"];
const DAY = 86_400_000;

interface Fetched {
  ms: number;
  bytes: number;
  status: number;
  body: string;
  encoding: string | undefined;
}

/** One GET over a real socket; bytes as they came on the wire (compressed when it was). */
function get(url: string): Promise<Fetched> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "br, gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          resolve({
            ms: performance.now() - started,
            bytes: raw.length,
            status: res.statusCode ?? 0,
            encoding,
            body: encoding ? "" : raw.toString("utf8"),
          });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function median(url: string, n = 5): Promise<{ ms: number; bytes: number }> {
  const runs: Fetched[] = [];
  for (let i = 0; i < n; i++) runs.push(await get(url));
  for (const r of runs) if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[Math.floor(n / 2)] as Fetched;
  return { ms: mid.ms, bytes: mid.bytes };
}

async function main() {
  const people = envMB("IRL_BENCH_WEB_PEOPLE", 100_000);
  const events = envMB("IRL_BENCH_WEB_EVENTS", 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-web-"));
  const store = await openStore({ dialect: "sqlite", location: path.join(dir, "irl.db") });
  const now = Date.parse("2026-11-01T00:00:00Z");
  try {
    const started = Date.now();
    await store.conn.run("INSERT INTO meta (key, value) VALUES ('fixed_now', ?)", [String(now)]);
    const me = await store.ensureMe();
    const rand = seeded(11);
    await store.conn.transaction((tx) => addNumberedPeople(tx, people, now));
    const first = me + 1;
    const columns = [...INTERACTION_COLUMNS, "body"];
    let written = 0;
    while (written < events) {
      await store.conn.transaction(async (tx) => {
        const batch: unknown[][] = [];
        for (let k = 0; k < 100_000 && written < events; k++, written++) {
          const other = first + Math.floor(people * rand() ** 3);
          const c = Math.floor(rand() * CHANNELS.length);
          const observed = rand() < 0.05;
          const out = rand() < 0.5;
          const third = first + Math.floor(people * rand() ** 3);
          const from = observed ? other : out || c === 5 ? me : other;
          const to = observed ? third : out || c === 5 ? other : me;
          batch.push([
            `w${written}`,
            CHANNELS[c],
            KINDS[c],
            observed ? "observed" : c === 5 ? "mutual" : out ? "outbound" : "inbound",
            now - Math.floor(rand() * 730 * DAY),
            from,
            to,
            Math.floor(rand() * 800),
            "approved",
            `Message ${written}: a few words about the weather and the next meetup.`,
          ]);
        }
        await tx.insertNew("interactions", columns, batch);
      });
    }
    const built = (Date.now() - started) / 1000;
    const t0 = Date.now();
    await computeTies(store, now);
    const tiesSeconds = (Date.now() - t0) / 1000;

    const server = await startWebServer(store, { port: 0 });
    try {
      const base = server.url;
      // First load: the HTML (cold: first request to a fresh server), then what it names.
      const home = await get(base);
      const plain = await new Promise<string>((resolve, reject) =>
        http.get(base, (res) => {
          let s = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => {
            s += c;
          });
          res.on("end", () => resolve(s));
          res.on("error", reject);
        }),
      );
      const scripts = [...plain.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(
        (m) => m[1] as string,
      );
      const styles = [...plain.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(
        (m) => m[1] as string,
      );
      let jsBytes = 0;
      let cssBytes = 0;
      let assetsMs = 0;
      for (const s of scripts) {
        const r = await get(new URL(s, base).toString());
        jsBytes += r.bytes;
        assetsMs += r.ms;
      }
      for (const s of styles) {
        const r = await get(new URL(s, base).toString());
        cssBytes += r.bytes;
        assetsMs += r.ms;
      }
      const homeWarm = await median(base);
      const heaviest = await store.conn.all<{ id: number }>(
        "SELECT person_id AS id FROM ties ORDER BY events DESC LIMIT 1",
      );
      const pages: [string, string][] = [
        ["people, first page", "people"],
        ["people, page 1,000", "people?page=1000"],
        ["people, search", "people?q=Person%209999"],
        ["people, one tier by recency", "people?tier=growing&sort=recent"],
        ["person with the most history", `people/${heaviest[0]?.id}`],
        ["network view (1,500 nodes)", "network"],
        ["network data (1,500 nodes)", "api/network?limit=1500"],
      ];
      const measured: { name: string; ms: number; bytes: number }[] = [];
      for (const [name, p] of pages) measured.push({ name, ...(await median(base + p)) });
      const lines = [
        `Web app — ${machine()}`,
        `graph: ${people.toLocaleString("en")} people, ${events.toLocaleString("en")} interactions (built in ${built.toFixed(0)} s; ties computed in ${tiesSeconds.toFixed(1)} s)`,
        `home, first load: HTML ${home.ms.toFixed(0)} ms (${home.bytes.toLocaleString("en")} bytes ${home.encoding ?? "uncompressed"}), ` +
          `+ ${scripts.length} scripts and ${styles.length} stylesheet in ${assetsMs.toFixed(0)} ms; total ${(home.bytes + jsBytes + cssBytes).toLocaleString("en")} bytes (goal < 1 s)`,
        `home JavaScript: ${jsBytes.toLocaleString("en")} bytes compressed (goal ≤ 102,400)`,
        `home, warm: ${homeWarm.ms.toFixed(0)} ms median of 5`,
        ...measured.map(
          (m) =>
            `${m.name}: ${m.ms.toFixed(0)} ms median of 5, ${m.bytes.toLocaleString("en")} bytes`,
        ),
        `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(
        path.join(outDir, "web.json"),
        JSON.stringify(
          {
            people,
            events,
            built,
            tiesSeconds,
            homeFirstMs: home.ms,
            homeHtmlBytes: home.bytes,
            homeTotalBytes: home.bytes + jsBytes + cssBytes,
            jsBytes,
            homeWarmMs: homeWarm.ms,
            pages: measured,
            machine: machine(),
          },
          null,
          2,
        ),
      );
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    if (!process.env.IRL_BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
