/**
 * The Pingback 1.0 receiver at /xmlrpc: every fault code the specification defines, a
 * registered ping (shown and in the graph), and malformed requests answered with faults.
 * Source pages are served on 127.0.0.1 only.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { spyOnConnections } from "../../net/test-server.js";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import { FAULT } from "./pingback.js";
import { mentionsFor, replyPage, type SourceWeb, sourceWeb, TARGET } from "./testing.js";
import { parseResponse } from "./xmlrpc.js";

const ping = (source: string, target: string) =>
  `<?xml version="1.0"?>
<methodCall><methodName>pingback.ping</methodName><params>
<param><value><string>${source.replace(/&/g, "&amp;")}</string></value></param>
<param><value><string>${target.replace(/&/g, "&amp;")}</string></value></param>
</params></methodCall>`;

describe.each(storeTargets())("Pingback receiver on $name", (target) => {
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

  const post = async (app: ReturnType<typeof mentionsFor>["app"], body: string) => {
    const res = await app.request("/xmlrpc", {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    return parseResponse(await res.text());
  };
  const faultOf = (r: Awaited<ReturnType<typeof post>>) => ("fault" in r ? r.fault.code : "ok");

  it("registers a ping whose source links to the target, then answers 48 to a repeat", async () => {
    web.page("/post", { body: `<p>I liked <a href="${TARGET}">Ada's post</a></p>` });
    const { app } = mentionsFor(store);
    const first = await post(app, ping(web.url("/post"), TARGET));
    expect(first).toEqual({ value: expect.stringContaining("registered") });
    const shown = await (
      await app.request(`/api/mentions?page=${encodeURIComponent(TARGET)}`)
    ).json();
    expect(shown).toMatchObject([{ protocol: "pingback", source: web.url("/post") }]);
    const inGraph = await store.db
      .selectFrom("interactions")
      .select(["channel", "kind", "direction"])
      .execute();
    expect(inGraph).toEqual([{ channel: "pingback", kind: "pingback", direction: "inbound" }]);
    expect(faultOf(await post(app, ping(web.url("/post"), TARGET)))).toBe(FAULT.alreadyRegistered);
  });

  it("reads the source's microformats for a pingback too", async () => {
    web.page("/reply", { body: replyPage(TARGET) });
    const { app } = mentionsFor(store);
    await post(app, ping(web.url("/reply"), TARGET));
    const [row] = await store.db.selectFrom("mentions").selectAll().execute();
    expect(row).toMatchObject({ protocol: "pingback", type: "reply", author_name: "Bob Example" });
  });

  it("16: the source does not exist (404, 410, not http, no such host, a private address)", async () => {
    web.page("/gone", { status: 410 });
    const { app } = mentionsFor(store);
    const spy = spyOnConnections();
    try {
      for (const source of [
        web.url("/missing"),
        web.url("/gone"),
        "ftp://bob.example/x",
        "http://nowhere.invalid/x",
        `http://evil.example:${web.server.port}/x`,
      ]) {
        expect([source, faultOf(await post(app, ping(source, TARGET)))]).toEqual([
          source,
          FAULT.sourceMissing,
        ]);
      }
      expect(spy.targets.every((t) => t === `127.0.0.1:${web.server.port}`)).toBe(true);
    } finally {
      spy.restore();
    }
  });

  it("17: the source does not link to the target", async () => {
    web.page("/post", { body: "<p>no links here</p>" });
    const { app } = mentionsFor(store);
    expect(faultOf(await post(app, ping(web.url("/post"), TARGET)))).toBe(FAULT.noLink);
    const [row] = await store.db.selectFrom("mentions").selectAll().execute();
    expect(row?.status).toBe("rejected");
  });

  it("32: the target does not exist; 33: the target cannot be used", async () => {
    const { app } = mentionsFor(store);
    const src = web.url("/post");
    expect(faultOf(await post(app, ping(src, "https://blog.example/no-such-post")))).toBe(
      FAULT.targetMissing,
    );
    expect(faultOf(await post(app, ping(src, "not a url")))).toBe(FAULT.targetMissing);
    expect(faultOf(await post(app, ping(src, "https://someone-else.example/post")))).toBe(
      FAULT.targetUnusable,
    );
    expect(faultOf(await post(app, ping(src, "mailto:ada@blog.example")))).toBe(
      FAULT.targetUnusable,
    );
    expect(web.server.hits).toHaveLength(0);
  });

  it("49: access denied past the rate limit", async () => {
    web.page("/post", { body: `<a href="${TARGET}">x</a>` });
    const { app } = mentionsFor(store, {
      rateLimit: { burst: 1, perMs: 60_000 },
      clientIp: () => "198.51.100.1",
    });
    expect(faultOf(await post(app, ping(web.url("/post"), TARGET)))).toBe("ok");
    expect(faultOf(await post(app, ping(web.url("/post?2"), TARGET)))).toBe(FAULT.accessDenied);
  });

  it("50: an upstream error (5xx, too slow)", async () => {
    web.page("/broken", { status: 502, body: "bad gateway" });
    const { app } = mentionsFor(store);
    expect(faultOf(await post(app, ping(web.url("/broken"), TARGET)))).toBe(FAULT.upstream);
  });

  it("0: generic faults for wrong parameters and source = target", async () => {
    const { app } = mentionsFor(store);
    expect(faultOf(await post(app, ping(TARGET, TARGET)))).toBe(FAULT.generic);
    const oneParam = `<methodCall><methodName>pingback.ping</methodName><params><param><value>${TARGET}</value></param></params></methodCall>`;
    expect(faultOf(await post(app, oneParam))).toBe(FAULT.generic);
    const intParams = `<methodCall><methodName>pingback.ping</methodName><params><param><value><int>1</int></value></param><param><value><int>2</int></value></param></params></methodCall>`;
    expect(faultOf(await post(app, intParams))).toBe(FAULT.generic);
  });

  it("unknown methods and malformed XML are faults, never a crash", async () => {
    const { app } = mentionsFor(store);
    const other = `<methodCall><methodName>system.listMethods</methodName><params/></methodCall>`;
    expect(faultOf(await post(app, other))).toBe(FAULT.unknownMethod);
    for (const bad of [
      "",
      "<methodCall>",
      "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY b 'c'>]><methodCall/>",
      "\u0000\u0001",
    ]) {
      expect(faultOf(await post(app, bad))).toBe(FAULT.parseError);
    }
    expect(await store.db.selectFrom("mentions").selectAll().execute()).toHaveLength(0);
  });
});
