import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { commentConfig } from "./config.js";
import { type CommentServer, startCommentServer } from "./server.js";
import { startSmtpSink } from "./smtp-sink.js";

const PAGE = "https://blog.example/post/1";
const sqlite = storeTargets()[0]!;

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the comment server on a real socket", () => {
  let store: Store;
  let server: CommentServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await store?.close();
    await sqlite.cleanup();
  });

  it("holds the per-IP rate limit against a forged X-Forwarded-For from an untrusted peer", async () => {
    store = await sqlite.open();
    server = await startCommentServer({
      store,
      port: 0,
      log: () => {},
      config: commentConfig({ rateLimit: { burst: 3, perMs: 60_000 } }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await postJson(
        `${server.url}/api/comments`,
        { page: PAGE, name: `n${i}`, body: `comment ${i}` },
        { "x-forwarded-for": `198.51.100.${i + 1}` },
      );
      statuses.push(r.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
  });

  it("believes X-Forwarded-For from a trusted proxy, taking the right-most untrusted address", async () => {
    store = await sqlite.open();
    server = await startCommentServer({
      store,
      port: 0,
      log: () => {},
      config: commentConfig({
        rateLimit: { burst: 2, perMs: 60_000 },
        trustedProxies: ["127.0.0.1/32"],
      }),
    });
    const post = (xff: string) =>
      postJson(
        `${server!.url}/api/comments`,
        { page: PAGE, name: "x", body: "y" },
        { "x-forwarded-for": xff },
      );
    // One client behind the proxy, forging a different left-most address each time: one bucket.
    const one = [];
    for (let i = 0; i < 4; i++) one.push((await post(`10.9.9.${i}, 203.0.113.50`)).status);
    expect(one).toEqual([201, 201, 429, 429]);
    // Another real client behind the same proxy has a bucket of its own.
    expect((await post("203.0.113.51")).status).toBe(201);
  });

  it("rejects a chunked body over the limit with 413 and stores nothing", async () => {
    store = await sqlite.open();
    server = await startCommentServer({
      store,
      port: 0,
      log: () => {},
      config: commentConfig({ maxBodyBytes: 2048 }),
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server!.url}/api/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write(`{"page":"${PAGE}","name":"big","body":"`);
      for (let i = 0; i < 10; i++) req.write("x".repeat(1024));
      req.end('"}');
    });
    expect(status).toBe(413);
    const n = await store.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });

  it("takes a comment from the no-JavaScript form with its CSRF token, and mails only approved ones", async () => {
    store = await sqlite.open();
    const sink = await startSmtpSink();
    try {
      server = await startCommentServer({
        store,
        port: 0,
        log: () => {},
        config: commentConfig({
          ownerName: "Olive",
          ownerEmail: "olive@blog.example",
          smtp: { host: "127.0.0.1", port: sink.port, from: "comments@blog.example" },
        }),
      });
      const page = await fetch(`${server.url}/thread?page=${encodeURIComponent(PAGE)}`);
      expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
      const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] as string;
      const html = await page.text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] as string;
      expect(csrf).toBeTruthy();
      const form = (extra: Record<string, string>) =>
        fetch(`${server!.url}/thread`, {
          method: "POST",
          redirect: "manual",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: server!.url,
            cookie,
          },
          body: new URLSearchParams({
            page: PAGE,
            csrf,
            name: "Ada",
            email: "ada@example.org",
            body: "Hello from a form",
            notify: "1",
            ...extra,
          }),
        });
      const posted = await form({});
      expect(posted.status).toBe(303);
      expect(posted.headers.get("location")).toContain("posted=pending");
      // Pending: nobody is told.
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.messages.length).toBe(0);
      // With a token from another cookie: refused.
      const stolen = await fetch(`${server.url}/thread`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: server.url,
          cookie: "irlc_nonce=AAAAAAAAAAAAAAAAAAAAAAAA",
        },
        body: new URLSearchParams({ page: PAGE, csrf, name: "Eve", body: "x" }),
      });
      expect(stolen.status).toBe(403);

      const id = Number(
        (await store.db.selectFrom("comments").select("id").executeTakeFirstOrThrow()).id,
      );
      await server.service.moderate(id, "approve");
      await sink.waitFor(1);
      expect(sink.messages.map((m) => m.to[0])).toEqual(["olive@blog.example"]);
      await server.service.ownerReply(id, "Thanks, Ada");
      await sink.waitFor(2);
      expect(sink.messages[1]?.to).toEqual(["ada@example.org"]);
      expect(sink.messages[1]?.data).toContain("replied to your comment");
      expect(sink.messages.length).toBe(2);
    } finally {
      await server?.close();
      server = undefined;
      await sink.close();
    }
  });
});
