/**
 * `irl engage --fetch` against a real server on 127.0.0.1 (allowed only through the test-only
 * address policy): new posts are stored once and ranked; without the allowance the site is
 * refused, reported, and nothing is fetched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PoliteFetcher } from "../net/polite-fetcher.js";
import { type LocalServer, localServer, TEST_POLICY } from "../net/test-server.js";
import { BatchWriter } from "../pipeline/batch-writer.js";
import { computeTies } from "../signals/compute-ties.js";
import type { InteractionRecord, PartyRef } from "../sources/records.js";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { postsToEngage } from "./engage.js";
import { refreshFeeds } from "./engage-fetch.js";

const DAY = 86_400_000;
const NOW = Date.now();
let server: LocalServer;

function rss(): string {
  const item = (i: number, days: number) =>
    `<item><title>Dashboards people read, part ${i}</title><link>${server.url(`/posts/${i}`)}</link>` +
    `<guid>${server.url(`/posts/${i}`)}</guid><pubDate>${new Date(NOW - days * DAY).toUTCString()}</pubDate>` +
    `<description>Notes on cohort analysis and volunteer retention.</description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Gus writes</title><link>${server.url("/")}</link>${item(1, 2)}${item(2, 9)}</channel></rss>`;
}

beforeAll(async () => {
  server = await localServer((req, res) => {
    if (req.url === "/") {
      res.setHeader("content-type", "text/html");
      res.end(
        `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`,
      );
    } else if (req.url === "/feed.xml") {
      res.setHeader("content-type", "application/rss+xml");
      res.end(rss());
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
});
afterAll(() => server.close());

async function growingTieWithSite(store: Store): Promise<number> {
  const me: PartyRef = { isOwner: true, identities: [{ kind: "email", value: "me@home.example" }] };
  const gus: PartyRef = {
    name: "Gus Growing",
    identities: [
      { kind: "email", value: "gus@growing.example" },
      { kind: "url", value: server.url("/") },
    ],
  };
  const records: InteractionRecord[] = [];
  for (let i = 0; i < 4; i++) {
    for (const [from, to] of [
      [gus, me],
      [me, gus],
    ] as const) {
      records.push({
        type: "interaction",
        key: `g${i}-${records.length}`,
        channel: "email",
        kind: "message",
        at: NOW - (40 - i * 8) * DAY - records.length * 3600_000,
        from,
        to: [to],
        thread: `g${i}`,
        context: { title: "dashboards" },
        text: "Loved your notes on dashboards and cohort analysis.",
        place: {},
      });
    }
  }
  const meId = await store.ensureMe();
  const writer = new BatchWriter({ source: "test", importId: 1, me: meId, claimOwners: true });
  await store.conn.transaction((tx) => writer.write(tx, records));
  await computeTies(store, NOW);
  return (await store.findPeople("gus@growing.example"))[0]?.id as number;
}

const posts = async (store: Store) =>
  Number(
    (
      await store.conn.all<{ n: number }>("SELECT count(*) AS n FROM content WHERE kind = 'post'")
    )[0]?.n,
  );

describe.each(storeTargets())("engage --fetch on $name", (target) => {
  afterAll(() => target.cleanup());

  it("refuses a private address without the test allowance, and fetches nothing", async () => {
    const store = await target.open();
    try {
      await growingTieWithSite(store);
      const before = server.hits.length;
      const report = await refreshFeeds(store, { fetcher: new PoliteFetcher() });
      expect(report.sites.length).toBe(1);
      expect(report.sites[0]?.status).toBe("failed");
      expect(report.sites[0]?.error ?? "").toMatch(/refus|not allowed|loopback|private/i);
      expect(report.failed).toBe(1);
      expect(server.hits.length).toBe(before);
      expect(await posts(store)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("stores the new posts once, and ranks them with reasons", async () => {
    const store = await target.open();
    try {
      const gus = await growingTieWithSite(store);
      const fetcher = new PoliteFetcher({ policy: TEST_POLICY, minIntervalMs: 0 });
      const lines: string[] = [];
      const first = await refreshFeeds(store, { fetcher, onProgress: (l) => lines.push(l) });
      expect(first.sites[0]?.status).toBe("ok");
      expect(first.added).toBe(2);
      expect(lines.some((l) => l.includes("Gus Growing"))).toBe(true);
      expect(server.hits.some((h) => h.path === "/feed.xml")).toBe(true);
      const again = await refreshFeeds(store, { fetcher });
      expect(again.added).toBe(0);
      expect(await posts(store)).toBe(2);

      const list = await postsToEngage(store, { now: NOW, days: 30 });
      expect(list.map((p) => p.person)).toEqual([gus, gus]);
      expect(list[0]?.title).toContain("part 1");
      expect(list[0]?.score ?? 0).toBeGreaterThan(list[1]?.score ?? 0);
      expect(list[0]?.reasons.join(" ")).toMatch(/posted 2 days ago/);
      expect(list[0]?.reasons.join(" ")).toMatch(/not commented/);
    } finally {
      await store.close();
    }
  });
});
