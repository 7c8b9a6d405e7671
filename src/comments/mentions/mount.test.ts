/**
 * Mentions inside the real comment service: mounted by `createCommentApp`, a target is ours
 * when it has a thread, a verified mention shows under the thread (escaped), and the thread
 * page advertises the endpoint (Link header and `<link rel="webmention">`).
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { TEST_POLICY } from "../../net/test-server.js";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import { commentApp } from "../app.js";
import { commentConfig } from "../config.js";
import type { CommentDeps } from "../service.js";
import { guardedFetcher } from "./guarded-fetcher.js";
import { type MentionDeps, mountedMentions } from "./mount.js";
import { form, replyPage, sourceWeb, TEST_LOOKUP } from "./testing.js";

const PAGE = "https://blog.example/2024/hello";

describe.each(storeTargets())("mentions in the comment service on $name", (target) => {
  let store: Store;
  afterEach(async () => {
    await store?.close();
  });
  afterAll(() => target.cleanup());

  it("takes mentions for pages with a thread and shows them, escaped, under it", async () => {
    const web = await sourceWeb();
    try {
      store = await target.open();
      const deps: CommentDeps & MentionDeps = {
        store,
        config: commentConfig({ ownerName: "Olive Owner", rateLimit: { burst: 100, perMs: 1000 } }),
        log: () => {},
        graphDelayMs: 60_000,
        mentions: {
          fetchSource: guardedFetcher({ policy: TEST_POLICY, lookup: TEST_LOOKUP }),
          latestPosts: false,
        },
      };
      const { app, service } = commentApp(deps);
      const mentions = mountedMentions(service);
      const peer = { incoming: { socket: { remoteAddress: "203.0.113.5" } } };
      const posted = await app.request(
        "/api/comments",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ page: PAGE, name: "Ada", body: "Hello" }),
        },
        peer,
      );
      expect(posted.status).toBe(201);

      web.page("/reply", {
        body: replyPage(PAGE, {
          author: `Bob &lt;b&gt;bold&lt;/b&gt;<script>alert(1)</script>`,
          text: "Nice <img src=x onerror=alert(1)>",
        }),
      });
      const sent = await app.request(
        "/webmention",
        form({ source: web.url("/reply"), target: PAGE }),
        peer,
      );
      expect(sent.status).toBe(202);
      const unknown = await app.request(
        "/webmention",
        form({ source: web.url("/reply"), target: "https://blog.example/2024/nothing-here" }),
        peer,
      );
      expect(unknown.status).toBe(400);
      const elsewhere = await app.request(
        "/webmention",
        form({ source: web.url("/reply"), target: "https://other.example/post" }),
        peer,
      );
      expect(elsewhere.status).toBe(400);
      await mentions?.receiver.idle();

      const page = await app.request(`/thread?page=${encodeURIComponent(PAGE)}`, {}, peer);
      expect(page.headers.get("link")).toBe('</webmention>; rel="webmention"');
      const html = await page.text();
      expect(html).toContain('<link rel="webmention" href="/webmention">');
      expect(html).toContain('class="irl-mentions"');
      expect(html).toContain("replied");
      expect(html).toContain("Bob &lt;b&gt;bold&lt;/b&gt;");
      expect(html).not.toContain("<script>alert(1)");
      expect(html).not.toMatch(/<img[^>]*onerror/);
      const api = (await (
        await app.request(`/api/mentions?page=${encodeURIComponent(PAGE)}`, {}, peer)
      ).json()) as unknown[];
      expect(api).toHaveLength(1);
      await service.close();
    } finally {
      await web.close();
    }
  });
});
