import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { commentApp } from "./app.js";
import { commentConfig } from "./config.js";

const PAGE = "https://blog.example/2024/hello";

/** A request as if from a socket peer (app.request has no socket). */
function from(ip: string) {
  return { incoming: { socket: { remoteAddress: ip } } };
}

function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

describe.each(storeTargets())("comment service on $name", (target) => {
  let store: Store;
  const clock = {
    t: Date.parse("2026-11-20T10:00:00Z"),
    now() {
      return this.t;
    },
  };
  const open = async (overrides = {}) => {
    store = await target.open();
    return commentApp({
      store,
      clock,
      config: commentConfig({
        ownerName: "Olive Owner",
        rateLimit: { burst: 100, perMs: 1000 },
        ...overrides,
      }),
      log: () => {},
      graphDelayMs: 60_000,
    });
  };
  afterEach(async () => {
    await store?.close();
  });
  afterAll(() => target.cleanup());

  it("holds a first comment for approval, then shows it nested with replies, counts and feed", async () => {
    const { app, service } = await open();
    const post = (body: object, ip = "203.0.113.1") =>
      app.request("/api/comments", json({ page: PAGE, title: "Hello", ...body }), from(ip));

    const first = await post({
      name: "Ada",
      email: "Ada@Example.org",
      url: "ada.example",
      body: "First *post*",
    });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { id: number; status: string; editToken: string };
    expect(a.status).toBe("pending");
    let thread = (await (
      await app.request(`/api/thread?page=${encodeURIComponent(PAGE)}`)
    ).json()) as {
      count: number;
      html: string;
    };
    expect(thread.count).toBe(0);
    expect(thread.html).not.toContain("First");

    await service.moderate(a.id, "approve");
    thread = (await (
      await app.request(`/api/thread?page=${encodeURIComponent(PAGE)}`)
    ).json()) as typeof thread;
    expect(thread.count).toBe(1);
    expect(thread.html).toContain("<em>post</em>");
    expect(thread.html).toContain('href="https://ada.example/"');

    // Known now: the same address is approved at once; a reply nests under its parent.
    const second = (await (
      await post({ name: "Ada", email: "ada@example.org", body: "Again", parent: a.id })
    ).json()) as { id: number; status: string };
    expect(second.status).toBe("approved");
    const owner = await service.ownerReply(second.id, "Thanks **Ada**");
    const html = await (await app.request(`/thread?page=${encodeURIComponent(PAGE)}`)).text();
    const nested =
      html.indexOf(`id="c${a.id}"`) < html.indexOf(`id="c${second.id}"`) &&
      html.indexOf(`id="c${second.id}"`) < html.indexOf(`id="c${owner.id}"`);
    expect(nested).toBe(true);
    expect(html).toMatch(new RegExp(`class="irlc-comment irlc-owner" id="c${owner.id}"`));
    expect(html).toContain('<span class="irlc-badge">author</span>');
    // Three levels deep: three nested lists.
    expect(html.match(/<ol class="irlc-list">/g)?.length).toBe(3);

    const counts = (await (
      await app.request(
        `/api/counts?page=${encodeURIComponent(PAGE)}&page=${encodeURIComponent("https://blog.example/other")}`,
      )
    ).json()) as { counts: Record<string, number> };
    expect(counts.counts[PAGE]).toBe(3);
    expect(counts.counts["https://blog.example/other"]).toBe(0);

    const feed = await (await app.request(`/feed.atom?page=${encodeURIComponent(PAGE)}`)).text();
    expect(feed.match(/<entry>/g)?.length).toBe(3);
    expect(feed).not.toContain("ada@example.org");
    expect(feed).toContain("&#60;strong&#62;Ada&#60;/strong&#62;");
    const all = await (await app.request("/feed.atom")).text();
    expect(all).toContain("<title>Olive Owner on Hello</title>");
  });

  it("moderates links, catches the honeypot, refuses bad input", async () => {
    const { app, service } = await open();
    const post = (body: object) =>
      app.request("/api/comments", json({ page: PAGE, ...body }), from("203.0.113.2"));
    const id = (
      (await (await post({ name: "Bo", email: "bo@example.org", body: "hi" })).json()) as {
        id: number;
      }
    ).id;
    await service.moderate(id, "approve");
    const links = (await (
      await post({
        name: "Bo",
        email: "bo@example.org",
        body: "see https://a.example and https://b.example",
      })
    ).json()) as { status: string };
    expect(links.status).toBe("pending");
    const bot = await post({
      name: "Bot",
      email: "bo@example.org",
      body: "buy",
      homepage: "http://spam.example",
    });
    expect(bot.status).toBe(201);
    const caught = (await bot.json()) as { id: number; status: string };
    expect(caught.status).toBe("pending"); // told nothing
    const row = await store.db
      .selectFrom("comments")
      .select("status")
      .where("id", "=", caught.id)
      .executeTakeFirst();
    expect(row?.status).toBe("spam");

    expect((await post({ name: "", body: "x" })).status).toBe(400);
    expect((await post({ name: "X", body: "   " })).status).toBe(400);
    expect((await post({ name: "X", body: "x", url: "javascript:alert(1)" })).status).toBe(400);
    expect((await post({ name: "X", body: "x", email: "not-an-address" })).status).toBe(400);
    expect((await post({ name: "X", body: "x", page: "javascript:alert(1)" })).status).toBe(400);
    expect((await post({ name: "X", body: "x", parent: 99999 })).status).toBe(400);
    const wrongType = await app.request(
      "/api/comments",
      { method: "POST", body: "name=x" },
      from("203.0.113.2"),
    );
    expect(wrongType.status).toBe(415);
  });

  it("lets the same browser edit and delete within the window, nobody else, never after", async () => {
    const { app, service } = await open({ editWindowMs: 15 * 60_000 });
    const made = (await (
      await app.request(
        "/api/comments",
        json({ page: PAGE, name: "Cy", email: "cy@example.org", body: "v1" }),
        from("203.0.113.3"),
      )
    ).json()) as { id: number; editToken: string };
    await service.moderate(made.id, "approve");
    const put = (token: string, body: string) =>
      app.request(
        `/api/comments/${made.id}`,
        {
          method: "PUT",
          headers: { "content-type": "application/json", "x-edit-token": token },
          body: JSON.stringify({ body }),
        },
        from("203.0.113.3"),
      );
    expect((await put("wrong-token", "hacked")).status).toBe(403);
    clock.t += 10 * 60_000;
    expect((await put(made.editToken, "v2 *edited*")).status).toBe(200);
    const html = await (await app.request(`/thread?page=${encodeURIComponent(PAGE)}`)).text();
    expect(html).toContain("v2 <em>edited</em>");
    expect(html).toContain("(edited)");
    const stored = await store.db
      .selectFrom("comments")
      .select("edit_token_hash")
      .where("id", "=", made.id)
      .executeTakeFirst();
    expect(stored?.edit_token_hash).not.toContain(made.editToken);
    clock.t += 6 * 60_000;
    expect((await put(made.editToken, "v3")).status).toBe(403);
    const del = await app.request(
      `/api/comments/${made.id}`,
      { method: "DELETE", headers: { "x-edit-token": made.editToken } },
      from("203.0.113.3"),
    );
    expect(del.status).toBe(403);

    const again = (await (
      await app.request(
        "/api/comments",
        json({ page: PAGE, name: "Cy", email: "cy@example.org", body: "oops" }),
        from("203.0.113.3"),
      )
    ).json()) as { id: number; editToken: string; status: string };
    expect(again.status).toBe("approved");
    const gone = await app.request(
      `/api/comments/${again.id}`,
      { method: "DELETE", headers: { "x-edit-token": again.editToken } },
      from("203.0.113.3"),
    );
    expect(gone.status).toBe(200);
    const after = await (await app.request(`/thread?page=${encodeURIComponent(PAGE)}`)).text();
    expect(after).not.toContain("oops");
  });

  it("rejects oversized bodies with 413 and cross-site form posts with 403", async () => {
    const { app } = await open({ maxBodyBytes: 4096 });
    const big = await app.request(
      "/api/comments",
      json({ page: PAGE, name: "Big", body: "x".repeat(10_000) }),
      from("203.0.113.4"),
    );
    expect(big.status).toBe(413);
    const form = new URLSearchParams({ page: PAGE, name: "Eve", body: "forged", csrf: "x" });
    const forged = await app.request(
      "http://localhost/thread",
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "https://evil.example",
        },
        body: form,
      },
      from("203.0.113.5"),
    );
    expect(forged.status).toBe(403);
    // Same origin but no token bound to the reader's cookie: refused too.
    const tokenless = await app.request(
      "http://localhost/thread",
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost",
        },
        body: form,
      },
      from("203.0.113.5"),
    );
    expect(tokenless.status).toBe(403);
    const count = await store.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
  });

  it("serves an embed script under 20 KB gzipped, with CORS limited to the configured sites", async () => {
    const { app } = await open({ origins: ["https://blog.example"] });
    const res = await app.request("/embed.js");
    const bytes = Buffer.from(await res.arrayBuffer());
    const { gzipSync } = await import("node:zlib");
    expect(gzipSync(bytes).length).toBeLessThan(20 * 1024);
    expect(res.headers.get("content-type")).toContain("javascript");
    const ok = await app.request(`/api/thread?page=${encodeURIComponent(PAGE)}`, {
      headers: { origin: "https://blog.example" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://blog.example");
    const other = await app.request(`/api/thread?page=${encodeURIComponent(PAGE)}`, {
      headers: { origin: "https://evil.example" },
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await app.request("/api/comments", {
      method: "OPTIONS",
      headers: { origin: "https://blog.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-edit-token");
    const refused = await app.request("/api/comments", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const foreign = await app.request(
      `/api/thread?page=${encodeURIComponent("https://evil.example/x")}`,
    );
    expect(foreign.status).toBe(403);
  });
});
