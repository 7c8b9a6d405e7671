/**
 * Benchmark: the outbound guard (`src/net/`). What the checks cost, and what a guarded fetch
 * costs next to a bare undici fetch, all against a server on 127.0.0.1 in this process (the
 * guard's test-only allowance lets it through; nothing leaves the machine):
 * - address decisions: `parseHostLiteral` + `classifyAddress` over mixed spellings;
 * - refusals: `safeFetch` of URLs it refuses (no socket is opened);
 * - guarded fetch of a 10 KB body, one at a time and 16 at once, against bare undici `fetch`
 *   with a fresh Agent per request (what the guard does) and with one keep-alive Agent;
 * - the byte cap: how soon an endless body is cut off at 1 MB;
 * - `discoverFeeds` over a 200 KB page, and `latestPost` end to end (page + 200-entry feed).
 * Size: IRL_BENCH_OUTBOUND_REQUESTS (2000 sequential fetches).
 *
 * @example
 * IRL_BENCH_ONLY=outbound npm run bench
 */
import fs from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { classifyAddress, parseHostLiteral } from "../net/address-policy.js";
import { discoverFeeds, latestPost } from "../net/feed-discovery.js";
import { PoliteFetcher } from "../net/polite-fetcher.js";
import { OutboundRefused, safeFetch } from "../net/safe-fetch.js";
import { envMB, log, machine, outDir, round } from "./common.js";

const POLICY = { allowAddresses: ["127.0.0.1"] };

async function main() {
  const requests = envMB("IRL_BENCH_OUTBOUND_REQUESTS", 2000);
  const results: Record<string, number> = {};
  const line = (name: string, value: string) => log(`${name.padEnd(52)} ${value}`);
  log(`outbound guard — ${machine()}`);

  // Address decisions.
  const spellings = [
    "93.184.215.14",
    "2130706433",
    "0x7f.1",
    "10.0.0.1",
    "[::ffff:127.0.0.1]",
    "2606:4700:4700::1111",
    "169.254.169.254",
    "2002:c0a8:101::",
    "8.8.8.8",
    "127.1",
  ];
  const n = 1_000_000;
  let allowed = 0;
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    const ip = parseHostLiteral(spellings[i % spellings.length] as string);
    if (ip && classifyAddress(ip).allowed) allowed++;
  }
  results.decisionsPerSecond = Math.round(n / ((performance.now() - t) / 1000));
  line(
    "address decisions (parse + classify)",
    `${results.decisionsPerSecond.toLocaleString("en")} /s (${allowed} allowed)`,
  );

  // Refusals, decided before any connection.
  const refused = [
    "http://127.0.0.1/",
    "http://0x7f.1/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest",
    "http://localhost/",
    "file:///etc/passwd",
  ];
  const r = 20_000;
  t = performance.now();
  for (let i = 0; i < r; i++) {
    try {
      await safeFetch(refused[i % refused.length] as string);
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error;
    }
  }
  results.refusalMicroseconds = round(((performance.now() - t) * 1000) / r, 1);
  line("refusal (safeFetch, no socket)", `${results.refusalMicroseconds} µs each`);

  // A local server: a 10 KB body, an endless body, a page and a feed.
  const body = Buffer.alloc(10 * 1024, 120);
  const feed = feedOf(200);
  const bigPage = pageOf(200 * 1024);
  const server = http.createServer((req, res) => {
    if (req.url === "/endless") {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 97);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    } else if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end(bigPage);
    } else if (req.url === "/feed.xml") {
      res.writeHead(200, { "content-type": "application/atom+xml" }).end(feed);
    } else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  try {
    const sequential = async (name: string, once: () => Promise<number>) => {
      const times: number[] = [];
      const start = performance.now();
      for (let i = 0; i < requests; i++) {
        const s = performance.now();
        if ((await once()) !== body.length) throw new Error("short body");
        times.push(performance.now() - s);
      }
      const perSecond = Math.round(requests / ((performance.now() - start) / 1000));
      times.sort((a, b) => a - b);
      const median = round(times[Math.floor(times.length / 2)] ?? 0, 2);
      line(name, `${perSecond.toLocaleString("en")} req/s, median ${median} ms`);
      return { perSecond, median };
    };
    const guarded = await sequential(
      "safeFetch 10 KB, sequential",
      async () => (await safeFetch(`${origin}/x`, { policy: POLICY })).body.length,
    );
    const fresh = await sequential("bare undici fetch, fresh Agent each", async () => {
      const agent = new Agent();
      try {
        return (await (await undiciFetch(`${origin}/x`, { dispatcher: agent })).arrayBuffer())
          .byteLength;
      } finally {
        await agent.close();
      }
    });
    const shared = new Agent();
    const kept = await sequential(
      "bare undici fetch, one keep-alive Agent",
      async () =>
        (await (await undiciFetch(`${origin}/x`, { dispatcher: shared })).arrayBuffer()).byteLength,
    );
    await shared.close();
    results.guardedPerSecond = guarded.perSecond;
    results.guardedMedianMs = guarded.median;
    results.freshAgentPerSecond = fresh.perSecond;
    results.keepAlivePerSecond = kept.perSecond;

    const concurrent = 16;
    t = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrent }, async () => {
        while (done < requests) {
          done++;
          await safeFetch(`${origin}/x`, { policy: POLICY });
        }
      }),
    );
    results.guardedConcurrentPerSecond = Math.round(done / ((performance.now() - t) / 1000));
    line(
      `safeFetch 10 KB, ${concurrent} at once`,
      `${results.guardedConcurrentPerSecond.toLocaleString("en")} req/s`,
    );

    t = performance.now();
    try {
      await safeFetch(`${origin}/endless`, { policy: POLICY, maxBytes: 1024 * 1024 });
    } catch (error) {
      if (!(error instanceof OutboundRefused) || error.reason !== "too-large") throw error;
    }
    results.capMs = round(performance.now() - t, 1);
    line("endless body cut off at 1 MB", `${results.capMs} ms`);

    t = performance.now();
    const rounds = 200;
    let found = 0;
    for (let i = 0; i < rounds; i++) found += discoverFeeds(bigPage, `${origin}/`).length;
    const seconds = (performance.now() - t) / 1000;
    results.discoverMBs = round((bigPage.length * rounds) / 1024 / 1024 / seconds, 1);
    line("discoverFeeds, 200 KB page", `${results.discoverMBs} MB/s (${found / rounds} feeds)`);

    const fetcher = new PoliteFetcher({ policy: POLICY, minIntervalMs: 0 });
    const posts = 50;
    t = performance.now();
    for (let i = 0; i < posts; i++) {
      const post = await latestPost(`${origin}/`, fetcher, { policy: POLICY });
      if (!post) throw new Error("no post found");
    }
    results.latestPostMs = round((performance.now() - t) / posts, 1);
    line("latestPost (200 KB page + 200-entry feed)", `${results.latestPostMs} ms each`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, "outbound.json"),
    `${JSON.stringify({ machine: machine(), requests, ...results }, null, 2)}\n`,
  );
}

function pageOf(bytes: number): string {
  const head = `<html><head><title>Blog</title>
<link rel="alternate" type="application/atom+xml" href="/feed.xml">
<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments.xml"></head><body>`;
  const para = "<p>Some words about engines and <a href='/x'>a link</a>, and more words.</p>\n";
  return `${head}${para.repeat(Math.ceil(bytes / para.length))}</body></html>`;
}

function feedOf(entries: number): string {
  const items = Array.from({ length: entries }, (_, i) => {
    const at = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString();
    return `<entry><id>urn:e:${i}</id><title>Post ${i}</title><link href="/p/${i}"/><published>${at}</published><updated>${at}</updated><content type="html">&lt;p&gt;Body ${i}&lt;/p&gt;</content></entry>`;
  });
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><id>urn:b</id><updated>2025-01-01T00:00:00Z</updated><author><name>Ada</name></author>${items.join("")}</feed>`;
}

await main();
