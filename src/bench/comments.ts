/**
 * The comment service under load, on loopback (`IRL_BENCH_ONLY=comments npm run bench`, or
 * `node dist/bench/comments.js`): the server runs in a child process (`comments-server.js`),
 * autocannon drives it from this one.
 *
 * 1. Posting: `IRL_BENCH_COMMENTS` (10,000) comments by 50 concurrent connections, each body
 *    unique; afterwards the rows are counted — none may be lost, none duplicated.
 * 2. Reading: a 200-comment thread (nested replies) served from the thread cache by
 *    `/api/thread` (what the embed loads; gzip as browsers ask, and uncompressed) and by the
 *    no-JavaScript page `/thread`, 50 connections for `IRL_BENCH_SECONDS` (10) each:
 *    requests/s and latency percentiles (p50, p99).
 * Writes bench/out/comments.json.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { openStore } from "../store/store.js";
import { envMB, here, log, machine, outDir } from "./common.js";

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; p97_5: number; average: number; max: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  duration: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const TOTAL = envMB("IRL_BENCH_COMMENTS", 10_000);
const SECONDS = envMB("IRL_BENCH_SECONDS", 10);
const CONNECTIONS = 50;
const HOT_PAGE = "https://bench.example/popular-post";

async function startServer(db: string) {
  const child = spawn(process.execPath, [path.join(here, "comments-server.js"), db], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const { url } = JSON.parse(first.value as string) as { url: string };
  return {
    url,
    /** The server process's CPU time so far, in seconds (user + system). */
    cpu(): number {
      const fields =
        fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      child.kill("SIGTERM");
      await iterator.next();
      await new Promise((r) => child.once("exit", r));
    },
  };
}

async function postJson(url: string, body: unknown): Promise<{ id: number; status: string }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number; status: string };
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(outDir, "comments-"));
  const db = path.join(dir, "irl.db");
  log(`comments benchmark — ${machine()}`);
  // Fifty known commenters (one approved comment each), so most load-test comments are approved
  // at once and go through the whole path: cache invalidation, graph writer.
  {
    const store = await openStore({ dialect: "sqlite", location: db });
    const now = Date.now();
    await store.db
      .insertInto("comments")
      .values(
        Array.from({ length: CONNECTIONS }, (_, i) => ({
          page: "https://bench.example/welcome",
          site: "bench.example",
          author_name: `Reader ${i}`,
          email: `reader${i}@bench.example`,
          body: "hello",
          html: "<p>hello</p>",
          status: "approved",
          created_at: now,
        })),
      )
      .execute();
    await store.close();
  }
  const server = await startServer(db);
  const results: Record<string, unknown> = {
    machine: machine(),
    comments: TOTAL,
    connections: CONNECTIONS,
  };
  try {
    // 1. Posting.
    let n = 0;
    const cpuBefore = server.cpu();
    const post = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      amount: TOTAL,
      timeout: 30,
      requests: [
        {
          method: "POST",
          path: "/api/comments",
          headers: { "content-type": "application/json" },
          setupRequest: (req: Record<string, unknown>) => {
            const i = n++;
            const who = i % CONNECTIONS;
            req.body = JSON.stringify({
              page: `https://bench.example/post-${i % 100}`,
              title: `Post ${i % 100}`,
              name: `Reader ${who}`,
              email: `reader${who}@bench.example`,
              body: `bench-${i}: a *short* comment with a [link](https://reader${who}.example/).`,
            });
            return req;
          },
        },
      ],
    });
    const postCpu = server.cpu() - cpuBefore;
    const store = await openStore({ dialect: "sqlite", location: db });
    const stored = await store.db
      .selectFrom("comments")
      .select([
        (eb) => eb.fn.countAll<number>().as("rows"),
        (eb) => eb.fn.count<number>("body").distinct().as("distinct"),
      ])
      .where("body", "like", "bench-%")
      .executeTakeFirstOrThrow();
    await store.close();
    const posting = {
      sent: n,
      ok: post["2xx"],
      non2xx: post.non2xx,
      errors: post.errors,
      timeouts: post.timeouts,
      rows: Number(stored.rows),
      distinctRows: Number(stored.distinct),
      lost: post["2xx"] - Number(stored.distinct),
      duplicated: Number(stored.rows) - Number(stored.distinct),
      perSecond: Math.round(post.requests.average),
      seconds: post.duration,
      p50ms: post.latency.p50,
      p99ms: post.latency.p99,
      serverCpuSeconds: postCpu,
      perServerCpuSecond: Math.round(post["2xx"] / Math.max(postCpu, 0.01)),
    };
    results.posting = posting;
    log(
      `posting: ${posting.ok}/${TOTAL} accepted by ${CONNECTIONS} connections in ${posting.seconds.toFixed(1)} s ` +
        `(${posting.perSecond}/s, p50 ${posting.p50ms} ms, p99 ${posting.p99ms} ms); ` +
        `rows ${posting.rows}, distinct ${posting.distinctRows}: lost ${posting.lost}, duplicated ${posting.duplicated}; ` +
        `${posting.perServerCpuSecond} per second of server CPU`,
    );

    // 2. A 200-comment thread: 100 comments, each with a reply (owner-like, nested).
    let parent = 0;
    for (let i = 0; i < 200; i++) {
      const who = i % CONNECTIONS;
      const made = await postJson(`${server.url}/api/comments`, {
        page: HOT_PAGE,
        title: "A popular post",
        name: `Reader ${who}`,
        email: `reader${who}@bench.example`,
        body: `Comment ${i} on the popular post: *emphasis*, \`code\` and a few words more to make it a realistic length for a blog comment.`,
        ...(i % 2 === 1 ? { parent } : {}),
      });
      if (made.status !== "approved") throw new Error(`thread comment ${i} is ${made.status}`);
      if (i % 2 === 0) parent = made.id;
    }
    const q = `page=${encodeURIComponent(HOT_PAGE)}`;
    const read: Record<string, unknown> = {};
    for (const [name, urlPath, headers] of [
      ["api/thread (gzip)", `/api/thread?${q}`, { "accept-encoding": "gzip" }],
      ["api/thread (identity)", `/api/thread?${q}`, {}],
      ["thread page (no JS)", `/thread?${q}`, {}],
    ] as const) {
      await autocannon({
        url: `${server.url}${urlPath}`,
        connections: CONNECTIONS,
        duration: 2,
        headers,
      });
      const cpu0 = server.cpu();
      const r = await autocannon({
        url: `${server.url}${urlPath}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers,
      });
      const cpu = server.cpu() - cpu0;
      const perCpu = Math.round(r.requests.total / Math.max(cpu, 0.01));
      const bytes = Math.round(r.throughput.average / Math.max(1, r.requests.average));
      read[name] = {
        perSecond: Math.round(r.requests.average),
        p50ms: r.latency.p50,
        p99ms: r.latency.p99,
        maxms: r.latency.max,
        bytesPerResponse: bytes,
        non2xx: r.non2xx,
        errors: r.errors,
        serverCpuSeconds: cpu,
        perServerCpuSecond: perCpu,
      };
      log(
        `${name.padEnd(22)} ${Math.round(r.requests.average).toLocaleString("en").padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ${bytes} B/response  non-2xx ${r.non2xx}  ${perCpu.toLocaleString("en")} per second of server CPU`,
      );
    }
    results.thread = { comments: 200, ...read };
  } finally {
    await server.stop();
  }
  fs.writeFileSync(path.join(outDir, "comments.json"), `${JSON.stringify(results, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
