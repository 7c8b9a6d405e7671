/**
 * The commenter's latest post, through the real comment service: fetched after the comment is
 * saved (the answer does not wait for a slow site), shown under the approved comment with
 * `rel="ugc nofollow"`, fetched again no sooner than the refresh interval, and a site the guard
 * refuses cached as a failure that readers never see. Sites are served on 127.0.0.1 only.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PoliteFetcher } from "../../net/polite-fetcher.js";
import { spyOnConnections, TEST_POLICY } from "../../net/test-server.js";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import { commentApp } from "../app.js";
import { commentConfig } from "../config.js";
import { type MentionDeps, mountedMentions } from "../mentions/mount.js";
import { type SourceWeb, sourceWeb, TEST_LOOKUP } from "../mentions/testing.js";
import type { CommentDeps } from "../service.js";
import { latestPostHtml } from "./latest-post-line.js";

const PAGE = "https://blog.example/2024/hello";

/** The service calls its saved-hook just after answering: let it run, then wait for the fetches. */
async function settle(posts: { idle(): Promise<void> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await posts.idle();
}
const HOUR = 3_600_000;

const atom = (base: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bob's blog</title><id>${base}/</id><updated>2024-05-02T00:00:00Z</updated>
<entry><title>First post</title><id>${base}/posts/1</id><link href="${base}/posts/1"/><updated>2024-04-01T00:00:00Z</updated></entry>
<entry><title>Second &lt;b&gt;post&lt;/b&gt; &amp; more</title><id>${base}/posts/2</id><link href="${base}/posts/2"/><updated>2024-05-01T00:00:00Z</updated></entry>
</feed>`;

describe.each(storeTargets())("commenter's latest post on $name", (target) => {
  let store: Store;
  let web: SourceWeb;
  const clock = {
    t: Date.parse("2026-11-20T10:00:00Z"),
    now() {
      return this.t;
    },
  };
  const logs: string[] = [];

  beforeEach(async () => {
    web = await sourceWeb();
    logs.length = 0;
  });
  afterEach(async () => {
    await web.close();
    await store?.close();
  });
  afterAll(() => target.cleanup());

  const open = async () => {
    store = await target.open();
    const deps: CommentDeps & MentionDeps = {
      store,
      clock,
      config: commentConfig({ ownerName: "Olive Owner", rateLimit: { burst: 100, perMs: 1000 } }),
      log: (line) => logs.push(line),
      graphDelayMs: 60_000,
      mentions: {
        siteFetcher: new PoliteFetcher({
          policy: TEST_POLICY,
          lookup: TEST_LOOKUP,
          minIntervalMs: 0,
        }),
        latestPostOptions: { policy: TEST_POLICY },
        refreshMs: 12 * HOUR,
      },
    };
    const made = commentApp(deps);
    const mounted = mountedMentions(made.service);
    if (!mounted?.posts) throw new Error("mentions were not mounted");
    return { ...made, posts: mounted.posts };
  };

  const comment = (app: Awaited<ReturnType<typeof open>>["app"], url: string, name = "Bob") =>
    app.request(
      "/api/comments",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          page: PAGE,
          title: "Hello",
          name,
          url,
          body: `A comment by ${name}`,
        }),
      },
      { incoming: { socket: { remoteAddress: "203.0.113.7" } } },
    );

  it("fetches the site after the comment is saved, without holding up the answer, and shows its newest post", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const base = web.url("").replace(/\/$/, "");
    web.page("/", {
      gate,
      body: `<html><head><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head></html>`,
    });
    web.page("/feed.xml", { type: "application/atom+xml", body: atom(base) });
    const { app, service, posts } = await open();

    const res = await comment(app, web.url("/"));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    // The answer is out while the site is still held back: nothing cached yet.
    expect(await store.db.selectFrom("latest_posts").selectAll().execute()).toEqual([]);
    release();
    await settle(posts);
    const [row] = await store.db.selectFrom("latest_posts").selectAll().execute();
    expect(row).toMatchObject({
      status: "ok",
      title: "Second <b>post</b> & more",
      url: `${base}/posts/2`,
    });
    expect(web.server.hits.map((h) => h.path)).toEqual(["/", "/feed.xml"]);
    expect(String(web.server.hits[0]?.headers["user-agent"])).toMatch(/^irl\//);

    await service.moderate(id, "approve");
    const thread = (await (
      await app.request(`/api/thread?page=${encodeURIComponent(PAGE)}`)
    ).json()) as {
      html: string;
    };
    expect(thread.html).toContain(
      `Latest post: <a href="${base}/posts/2" rel="ugc nofollow">Second &lt;b&gt;post&lt;/b&gt; &amp; more</a>`,
    );
    await service.close();
  });

  it("fetches a site again only after the refresh interval", async () => {
    const base = web.url("").replace(/\/$/, "");
    web.page("/", { type: "application/atom+xml", body: atom(base) });
    const { app, service, posts } = await open();
    await comment(app, web.url("/"), "Bob");
    await settle(posts);
    expect(web.server.hits).toHaveLength(1);
    clock.t += 2 * HOUR;
    await comment(app, web.url("/"), "Bob again");
    await settle(posts);
    expect(web.server.hits).toHaveLength(1);
    clock.t += 11 * HOUR;
    await comment(app, web.url("/"), "Bob later");
    await settle(posts);
    expect(web.server.hits).toHaveLength(2);
    await service.close();
  });

  it("caches a refused site as a failure, logs it, and shows readers nothing of it", async () => {
    const spy = spyOnConnections();
    let id: number;
    let app: Awaited<ReturnType<typeof open>>["app"];
    let service: Awaited<ReturnType<typeof open>>["service"];
    try {
      const opened = await open();
      app = opened.app;
      service = opened.service;
      const res = await comment(app, `http://evil.example:${web.server.port}/`, "Eve");
      expect(res.status).toBe(201);
      id = ((await res.json()) as { id: number }).id;
      await settle(opened.posts);
      expect(spy.targets.filter((t) => !t.startsWith("127.0.0.1:") && !t.includes("5432"))).toEqual(
        [],
      );
    } finally {
      spy.restore();
    }
    const [row] = await store.db.selectFrom("latest_posts").selectAll().execute();
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/10\.20\.30\.40|private/);
    expect(Number(row?.next_at)).toBeGreaterThan(clock.t);
    expect(logs.some((l) => l.includes("latest post") && l.includes("evil.example"))).toBe(true);
    await service.moderate(id, "approve");
    const html = (
      (await (await app.request(`/api/thread?page=${encodeURIComponent(PAGE)}`)).json()) as {
        html: string;
      }
    ).html;
    expect(html).toContain("A comment by Eve");
    expect(html).not.toMatch(/Latest post|failed|refused/);
    expect(web.server.hits).toHaveLength(0);
    await service.close();
  });
});

describe("the latest-post line", () => {
  it("escapes the title and refuses links that are not http(s)", () => {
    expect(
      latestPostHtml({ title: `<script>alert(1)</script>"`, url: "https://ada.example/p?a=1&b=2" }),
    ).toBe(
      '<p class="irlc-latest">Latest post: <a href="https://ada.example/p?a=1&amp;b=2" rel="ugc nofollow">&lt;script&gt;alert(1)&lt;/script&gt;&quot;</a></p>',
    );
    expect(latestPostHtml({ title: "x", url: "javascript:alert(1)" })).toBeUndefined();
  });
});
