import type http from "node:http";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { type FetchCache, MemoryFetchCache, StoreFetchCache } from "./fetch-cache.js";
import { PoliteFetcher } from "./polite-fetcher.js";
import { OutboundRefused } from "./safe-fetch.js";
import { type LocalServer, localServer, TEST_POLICY } from "./test-server.js";

let server: LocalServer;
let handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
beforeEach(async () => {
  server = await localServer((req, res) => handler(req, res));
});
afterEach(() => server.close());

/** A resource whose version the test can change; honours If-None-Match. */
function etagServer(state: { version: number }) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const etag = `"v${state.version}"`;
    if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { etag, "content-type": "text/plain" }).end(`version ${state.version}`);
  };
}

type CacheCase = { name: string; make(): Promise<FetchCache>; done(): Promise<void> };
const stores: Store[] = [];
const caches: CacheCase[] = [
  { name: "memory", make: async () => new MemoryFetchCache(), done: async () => {} },
  ...storeTargets().map(
    (target): CacheCase => ({
      name: target.name,
      async make() {
        const store = await target.open();
        stores.push(store);
        return new StoreFetchCache(store.db);
      },
      async done() {
        for (const s of stores.splice(0)) await s.close();
        await target.cleanup();
      },
    }),
  ),
];

describe.each(caches)("conditional requests with the $name cache", (cacheCase) => {
  afterAll(() => cacheCase.done());

  it("asks with If-None-Match and reports notModified on 304", async () => {
    const state = { version: 1 };
    handler = etagServer(state);
    const cache = await cacheCase.make();
    const fetcher = new PoliteFetcher({ cache, policy: TEST_POLICY, minIntervalMs: 0 });
    const url = server.url("/feed.xml");

    const first = await fetcher.fetch(url);
    expect(first.notModified).toBe(false);
    expect(first.response?.body.toString()).toBe("version 1");
    expect(server.hits[0]?.headers["if-none-match"]).toBeUndefined();
    expect((await cache.get(url))?.etag).toBe('"v1"');

    const second = await fetcher.fetch(url);
    expect(second).toEqual({ notModified: true });
    expect(server.hits[1]?.headers["if-none-match"]).toBe('"v1"');
    expect((await cache.get(url))?.status).toBe(304);

    state.version = 2;
    const third = await fetcher.fetch(url);
    expect(third.notModified).toBe(false);
    expect(third.response?.body.toString()).toBe("version 2");
    expect((await cache.get(url))?.etag).toBe('"v2"');

    // Without conditions the full answer comes even though nothing changed.
    const unconditional = await fetcher.fetch(url, { conditional: false });
    expect(unconditional.response?.status).toBe(200);
    expect(server.hits[3]?.headers["if-none-match"]).toBeUndefined();
  });

  it("uses Last-Modified when there is no ETag", async () => {
    const stamp = "Wed, 01 Jan 2025 10:00:00 GMT";
    handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.headers["if-modified-since"] === stamp) return res.writeHead(304).end();
      res.writeHead(200, { "last-modified": stamp }).end("body");
    };
    const cache = await cacheCase.make();
    const fetcher = new PoliteFetcher({ cache, policy: TEST_POLICY, minIntervalMs: 0 });
    expect((await fetcher.fetch(server.url("/"))).notModified).toBe(false);
    expect((await fetcher.fetch(server.url("/"))).notModified).toBe(true);
    expect(server.hits[1]?.headers["if-modified-since"]).toBe(stamp);
    expect((await cache.get(server.url("/")))?.lastModified).toBe(stamp);
  });
});

describe("politeness", () => {
  it("names irl in the User-Agent", async () => {
    handler = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end();
    await new PoliteFetcher({ policy: TEST_POLICY }).fetch(server.url("/"));
    expect(server.hits[0]?.headers["user-agent"]).toMatch(/^irl\//);
  });

  it("starts requests to one host at least the interval apart, in order", async () => {
    handler = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end();
    const fetcher = new PoliteFetcher({ policy: TEST_POLICY, minIntervalMs: 250 });
    await Promise.all([0, 1, 2, 3].map((i) => fetcher.fetch(server.url(`/${i}`))));
    expect(server.hits.map((h) => h.path)).toEqual(["/0", "/1", "/2", "/3"]);
    const gaps = server.hits.slice(1).map((h, i) => h.at - (server.hits[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250 - 25);
  });

  it("waits 1 s by default", async () => {
    handler = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end();
    const fetcher = new PoliteFetcher({ policy: TEST_POLICY });
    await fetcher.fetch(server.url("/a"));
    await fetcher.fetch(server.url("/b"));
    const [a, b] = server.hits;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(1000 - 25);
  });

  it("does not make different hosts wait for each other", async () => {
    handler = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end();
    const fetcher = new PoliteFetcher({
      policy: TEST_POLICY,
      minIntervalMs: 2000,
      lookup: async () => ["127.0.0.1"],
    });
    const started = performance.now();
    await Promise.all([
      fetcher.fetch(server.url("/one")),
      fetcher.fetch(`http://other.test:${server.port}/two`),
    ]);
    expect(server.hits.length).toBe(2);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("makes a redirect to another host wait for that host's turn", async () => {
    handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === "/go") res.writeHead(302, { location: server.url("/landed") });
      res.end();
    };
    const fetcher = new PoliteFetcher({
      policy: TEST_POLICY,
      minIntervalMs: 300,
      lookup: async () => ["127.0.0.1"],
    });
    await fetcher.fetch(server.url("/first"));
    await fetcher.fetch(`http://short.test:${server.port}/go`);
    const landed = server.hits.find((h) => h.path === "/landed");
    const first = server.hits.find((h) => h.path === "/first");
    expect((landed?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(300 - 25);
  });

  it("passes the guard's refusals on", async () => {
    const fetcher = new PoliteFetcher({ minIntervalMs: 0 });
    await expect(fetcher.fetch("http://169.254.169.254/latest")).rejects.toBeInstanceOf(
      OutboundRefused,
    );
  });
});
