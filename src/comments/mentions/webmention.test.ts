/**
 * The Webmention receiver against the W3C Recommendation's receiver requirements, on SQLite and
 * PostgreSQL: request validation (400s), 202 with a status URL and verification afterwards,
 * a source that does not link (rejected), updates, deletions (410, link removed), redirects
 * followed through the outbound guard, private addresses refused without a connection, the
 * rate limit and the queue cap, and the verified mention in the owner's graph.
 * Source pages are served on 127.0.0.1 only.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { spyOnConnections } from "../../net/test-server.js";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import {
  form,
  mentionsFor,
  OTHER_TARGET,
  replyPage,
  type SourceWeb,
  sourceWeb,
  TARGET,
} from "./testing.js";

describe.each(storeTargets())("Webmention receiver on $name", (target) => {
  let store: Store;
  let web: SourceWeb;

  beforeEach(async () => {
    store = await target.open();
    web = await sourceWeb();
  });
  afterEach(async () => {
    await web.close();
    await store.close();
  });
  afterAll(() => target.cleanup());

  const rows = () => store.db.selectFrom("mentions").selectAll().orderBy("id").execute();

  describe("request verification (400 Bad Request)", () => {
    const cases: [string, Record<string, string>][] = [
      ["source missing", { target: TARGET }],
      ["target missing", { source: "https://bob.example/p" }],
      ["source not a URL", { source: "not a url", target: TARGET }],
      ["target not a URL", { source: "https://bob.example/p", target: "http://" }],
      ["source scheme not http(s)", { source: "ftp://bob.example/p", target: TARGET }],
      [
        "target scheme not http(s)",
        { source: "https://bob.example/p", target: "javascript:alert(1)" },
      ],
      ["source = target", { source: TARGET, target: TARGET }],
      ["source = target but for the fragment", { source: `${TARGET}#c1`, target: TARGET }],
      [
        "target not a site of ours",
        { source: "https://bob.example/p", target: "https://elsewhere.example/x" },
      ],
      [
        "target not a page that takes mentions",
        { source: "https://bob.example/p", target: "https://blog.example/nope" },
      ],
    ];
    it.each(cases)("%s", async (_what, fields) => {
      const spy = spyOnConnections();
      try {
        const { app, receiver } = mentionsFor(store);
        const res = await app.request("/webmention", form(fields));
        expect(res.status).toBe(400);
        expect((await res.text()).length).toBeGreaterThan(5);
        await receiver.idle();
        expect(spy.targets).toEqual([]);
        expect(await rows()).toHaveLength(0);
      } finally {
        spy.restore();
      }
    });

    it("refuses a body that is not form-encoded", async () => {
      const { app } = mentionsFor(store);
      const res = await app.request("/webmention", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ source: web.url("/p"), target: TARGET }),
      });
      expect(res.status).toBe(400);
      expect(await rows()).toHaveLength(0);
    });
  });

  it("answers 202 with a status URL before verifying, then verifies asynchronously", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    web.page("/reply", { body: replyPage(TARGET), gate });
    const { app, receiver } = mentionsFor(store);
    const res = await app.request(
      "/webmention",
      form({ source: web.url("/reply"), target: TARGET }),
    );
    expect(res.status).toBe(202);
    const location = res.headers.get("location");
    expect(location).toMatch(/^\/webmention\/status\/\d+$/);
    // The answer came while the source is still held back: nothing is verified yet.
    const pending = await (await app.request(location as string)).json();
    expect(pending).toMatchObject({ status: "pending", checking: true });
    release();
    await receiver.idle();
    const done = await (await app.request(location as string)).json();
    expect(done).toMatchObject({ status: "verified", checking: false, type: "reply" });
    // The receiver asked for HTML first.
    expect(String(web.server.hits[0]?.headers.accept)).toMatch(/^text\/html/);
    const shown = await (
      await app.request(`/api/mentions?page=${encodeURIComponent(TARGET)}`)
    ).json();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      type: "reply",
      source: web.url("/reply"),
      author: { name: "Bob Example", url: web.url("/"), photo: web.url("/bob.jpg") },
      text: "Great point about networking.",
      published: Date.parse("2024-05-01T10:00:00Z"),
    });
  });

  it("rejects a source that does not link to the target", async () => {
    web.page("/unrelated", { body: `<p>Nothing about <a href="${OTHER_TARGET}">that</a></p>` });
    const { app, receiver } = mentionsFor(store);
    const res = await app.request(
      "/webmention",
      form({ source: web.url("/unrelated"), target: TARGET }),
    );
    expect(res.status).toBe(202);
    await receiver.idle();
    const [row] = await rows();
    expect(row?.status).toBe("rejected");
    expect(row?.reason).toMatch(/does not link/);
    const shown = await (
      await app.request(`/api/mentions?page=${encodeURIComponent(TARGET)}`)
    ).json();
    expect(shown).toEqual([]);
  });

  it("accepts links in plain text and JSON sources, and img src in HTML", async () => {
    web.page("/plain", { type: "text/plain", body: `see ${TARGET} for more` });
    web.page("/json", {
      type: "application/json",
      body: JSON.stringify({ links: [{ href: OTHER_TARGET }] }),
    });
    web.page("/img", { body: `<img src="${TARGET}">` });
    const { app, receiver } = mentionsFor(store);
    for (const [path, t] of [
      ["/plain", TARGET],
      ["/json", OTHER_TARGET],
      ["/img", TARGET],
    ] as const) {
      expect(
        (await app.request("/webmention", form({ source: web.url(path), target: t }))).status,
      ).toBe(202);
    }
    await receiver.idle();
    expect((await rows()).map((r) => r.status)).toEqual(["verified", "verified", "verified"]);
  });

  it("updates the mention when the same source and target are sent again", async () => {
    web.page("/post", { body: replyPage(TARGET, { text: "First version." }) });
    const { app, receiver } = mentionsFor(store);
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    web.page("/post", { body: replyPage(TARGET, { text: "Edited version.", prop: "u-like-of" }) });
    const again = await app.request(
      "/webmention",
      form({ source: web.url("/post"), target: TARGET }),
    );
    expect(again.status).toBe(202);
    await receiver.idle();
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      status: "verified",
      type: "like",
      content_text: "Edited version.",
    });
    // The graph holds one interaction for it, with the new text.
    const inGraph = await store.db.selectFrom("interactions").selectAll().execute();
    expect(inGraph).toHaveLength(1);
    expect(inGraph[0]?.body).toBe("Edited version.");
  });

  it("deletes the mention when the source answers 410 Gone", async () => {
    web.page("/post", { body: replyPage(TARGET) });
    const { app, receiver } = mentionsFor(store);
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    expect(await store.db.selectFrom("interactions").selectAll().execute()).toHaveLength(1);
    web.page("/post", { status: 410, body: "gone" });
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "deleted", content_text: null });
    expect(row?.reason).toMatch(/410/);
    const shown = await (
      await app.request(`/api/mentions?page=${encodeURIComponent(TARGET)}`)
    ).json();
    expect(shown).toEqual([]);
    expect(await store.db.selectFrom("interactions").selectAll().execute()).toHaveLength(0);
  });

  it("deletes the mention when the source no longer links to the target", async () => {
    web.page("/post", { body: replyPage(TARGET) });
    const { app, receiver } = mentionsFor(store);
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    web.page("/post", { body: "<p>I took the link out.</p>" });
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    const [row] = await rows();
    expect(row?.status).toBe("deleted");
    expect(row?.reason).toMatch(/does not link/);
  });

  it("keeps a shown mention when its source is only unreachable for now", async () => {
    web.page("/post", { body: replyPage(TARGET) });
    const { app, receiver } = mentionsFor(store);
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    web.page("/post", { status: 503, body: "busy" });
    await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
    await receiver.idle();
    const [row] = await rows();
    expect(row?.status).toBe("verified");
    expect(row?.reason).toMatch(/503/);
  });

  it("follows redirects on the source, each through the guard", async () => {
    web.page("/old", { status: 301, location: "/new" });
    web.page("/new", { body: replyPage(TARGET) });
    const { app, receiver } = mentionsFor(store);
    await app.request("/webmention", form({ source: web.url("/old"), target: TARGET }));
    await receiver.idle();
    const [row] = await rows();
    // The reason first: when this fails, it says why.
    expect(row?.reason).toBe("the source links to the page");
    expect(row?.status).toBe("verified");
    expect(web.server.hits.map((h) => h.path)).toEqual(["/old", "/new"]);
  });

  it("refuses a source that redirects to a private address, without connecting there", async () => {
    web.page("/sneaky", { status: 302, location: "http://10.0.0.1/admin" });
    const spy = spyOnConnections();
    try {
      const { app, receiver } = mentionsFor(store);
      const res = await app.request(
        "/webmention",
        form({ source: web.url("/sneaky"), target: TARGET }),
      );
      expect(res.status).toBe(202);
      await receiver.idle();
      expect(spy.targets.every((t) => t === `127.0.0.1:${web.server.port}`)).toBe(true);
      expect(spy.targets.length).toBeGreaterThan(0);
    } finally {
      spy.restore();
    }
    const [row] = await rows();
    expect(row?.status).toBe("rejected");
    expect(row?.reason).toMatch(/10\.0\.0\.1|private/);
  });

  it("refuses a source whose name resolves to a private address, opening no connection", async () => {
    const spy = spyOnConnections();
    try {
      const { app, receiver } = mentionsFor(store);
      const res = await app.request(
        "/webmention",
        form({ source: `http://evil.example:${web.server.port}/post`, target: TARGET }),
      );
      expect(res.status).toBe(202);
      await receiver.idle();
      expect(spy.targets).toEqual([]);
    } finally {
      spy.restore();
    }
    const [row] = await rows();
    expect(row?.status).toBe("rejected");
    expect(row?.reason).toMatch(/private|10\.20\.30\.40/);
    expect(web.server.hits).toHaveLength(0);
  });

  it("refuses a loopback source when no test allowance is given, opening no connection", async () => {
    web.page("/post", { body: replyPage(TARGET) });
    const spy = spyOnConnections();
    try {
      const { app, receiver } = mentionsFor(store, { policy: {} });
      await app.request("/webmention", form({ source: web.url("/post"), target: TARGET }));
      await receiver.idle();
      expect(spy.targets).toEqual([]);
    } finally {
      spy.restore();
    }
    expect((await rows())[0]?.status).toBe("rejected");
    expect(web.server.hits).toHaveLength(0);
  });

  it("limits requests per client (429 with Retry-After)", async () => {
    const { app, receiver } = mentionsFor(store, {
      rateLimit: { burst: 2, perMs: 60_000 },
      clientIp: () => "203.0.113.9",
    });
    web.page("/p", { body: replyPage(TARGET) });
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await app.request(
        "/webmention",
        form({ source: web.url(`/p?${i}`), target: TARGET }),
      );
      statuses.push(res.status);
      retry = res.headers.get("retry-after");
    }
    await receiver.idle();
    expect(statuses).toEqual([202, 202, 429]);
    expect(Number(retry)).toBeGreaterThan(0);
  });

  it("caps the verification queue (503 when full)", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    web.page("/slow", { body: replyPage(TARGET), gate });
    const { app, receiver } = mentionsFor(store, { concurrency: 1, capacity: 1 });
    const statuses: number[] = [];
    for (const path of ["/slow", "/slow?b", "/slow?c"]) {
      statuses.push(
        (await app.request("/webmention", form({ source: web.url(path), target: TARGET }))).status,
      );
    }
    expect(statuses).toEqual([202, 202, 503]);
    release();
    await receiver.idle();
    expect((await rows()).map((r) => r.status)).toEqual(["verified", "verified"]);
  });

  it("writes a verified reply into the graph as the author's blog comment to the owner", async () => {
    web.page("/reply", { body: replyPage(TARGET, { author: "Bob Example" }) });
    web.page("/like", {
      body: replyPage(OTHER_TARGET, { prop: "u-like-of", author: "Bob Example" }),
    });
    const { app, receiver } = mentionsFor(store);
    await app.request("/webmention", form({ source: web.url("/reply"), target: TARGET }));
    await app.request("/webmention", form({ source: web.url("/like"), target: OTHER_TARGET }));
    await receiver.idle();
    const rows = await store.db
      .selectFrom("interactions")
      .innerJoin("people", "people.id", "interactions.from_person_id")
      .select(["channel", "kind", "direction", "display_name", "from_person_id"])
      .orderBy("channel")
      .execute();
    expect(rows.map((r) => [r.channel, r.kind, r.direction, r.display_name])).toEqual([
      ["blog_comment", "reply", "inbound", "Bob Example"],
      ["mention", "like", "inbound", "Bob Example"],
    ]);
    // Both came from one person, known by the site their h-card names on their own site.
    expect(rows[0]?.from_person_id).toBe(rows[1]?.from_person_id);
    const ids = await store.identitiesOf(Number(rows[0]?.from_person_id));
    expect(ids.some((i) => i.kind === "url" && i.verified === 1)).toBe(true);
  });
});
