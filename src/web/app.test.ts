/**
 * The web app in process (`app.request`, no socket), on SQLite and PostgreSQL: the guards
 * (Host, same origin, CSRF, CSP), the JSON API over a small imported graph (people paged and
 * searched, a person with history and notes, pin, merge and split, the network), the OpenAPI
 * document against the routes that really answer, and the home page's JavaScript budget.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../pipeline/run-import.js";
import { listPeople } from "../signals/tie-list.js";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { allApiRoutes } from "./api.js";
import { createWebApp } from "./app.js";
import { CSP } from "./security.js";

const HOST = "127.0.0.1:7878";
const ORIGIN = `http://${HOST}`;
const FIXTURES = [
  path.resolve("src/sources/wxr/fixtures/dialog.xml"),
  path.resolve("src/web/fixtures/script-comment.xml"),
  path.resolve("src/sources/mbox/fixtures/dialog.mbox"),
];

describe.each(storeTargets())("the web app on $name", (target) => {
  let store: Store;
  let app: Awaited<ReturnType<typeof createWebApp>>["app"];
  let cookie = "";
  let token = "";

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.request(url, { headers: { host: HOST, ...headers } });
  const send = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(url, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        host: HOST,
        origin: ORIGIN,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
        cookie,
        "x-csrf-token": token,
        ...headers,
      },
    });

  beforeAll(async () => {
    store = await target.open();
    await store.addMyIdentities([{ kind: "email", value: "mara@fieldnotes.example" }]);
    const summary = await runImport(store, FIXTURES);
    expect(summary.errors).toEqual([]);
    ({ app } = await createWebApp(store, { hosts: () => [HOST] }));
    const r = await get("/api/csrf");
    cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    token = ((await r.json()) as { token: string }).token;
    expect(cookie).toContain(token);
  });

  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("answers only to its own Host name (DNS rebinding)", async () => {
    expect((await get("/")).status).toBe(200);
    expect((await get("/", { host: "attacker.example:7878" })).status).toBe(421);
    expect((await get("/api/people", { host: "localhost:9999" })).status).toBe(421);
  });

  it("sends a strict CSP and no inline script", async () => {
    const r = await get("/");
    expect(r.headers.get("content-security-policy")).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    const html = await r.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"'\s]*\.(js|css|woff2?)/);
  });

  it("refuses changes without the token, with a wrong one, or from another origin", async () => {
    const [p] = await listPeople(store, { sort: "name", limit: 1 });
    if (!p) throw new Error("no people");
    const url = `/api/people/${p.id}/flags`;
    expect((await send("POST", url, { pinned: true }, { "x-csrf-token": "" })).status).toBe(403);
    expect(
      (await send("POST", url, { pinned: true }, { "x-csrf-token": "x".repeat(32) })).status,
    ).toBe(403);
    expect(
      (await send("POST", url, { pinned: true }, { origin: "http://evil.example" })).status,
    ).toBe(403);
    expect(
      (await send("POST", url, { pinned: true }, { "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    const form = await app.request(`/people/${p.id}/flags`, {
      method: "POST",
      body: new URLSearchParams({ pinned: "1", _csrf: "guessed-guessed-guessed-guessed-00" }),
      headers: { host: HOST, origin: ORIGIN, cookie },
    });
    expect(form.status).toBe(403);
    const flags = await store.db.selectFrom("person_flags").selectAll().execute();
    expect(flags).toEqual([]);
    const ok = await send("POST", url, { pinned: true });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { pinned: boolean }).pinned).toBe(true);
  });

  it("lists people paged, searched and filtered, with sparklines", async () => {
    const all = (await (await get("/api/people?sort=name")).json()) as {
      total: number;
      people: { id: number; name: string; activity: number[] }[];
    };
    expect(all.total).toBe(all.people.length);
    expect(all.people.map((p) => p.name)).toEqual(
      [...all.people.map((p) => p.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    for (const p of all.people) expect(p.activity).toHaveLength(12);
    const theo = (await (await get("/api/people?q=THEO")).json()) as {
      people: { name: string }[];
    };
    expect(theo.people.map((p) => p.name)).toEqual(["Theo Brandt"]);
    expect((await get("/api/people?tier=nonsense")).status).toBe(400);
    expect((await get("/api/people?page=0")).status).toBe(400);
    const beyond = (await (await get("/api/people?page=99")).json()) as { people: unknown[] };
    expect(beyond.people).toEqual([]);
  });

  it("shows a person: reasons, monthly history, notes, inert imported text", async () => {
    const [mallory] = await listPeople(store, { sort: "name", search: "mallory", limit: 1 });
    if (!mallory) throw new Error("Mallory was not imported");
    const added = await send("POST", `/api/people/${mallory.id}/notes`, { body: "<i>met</i>" });
    expect(added.status).toBe(201);
    const person = (await (await get(`/api/people/${mallory.id}`)).json()) as {
      reasons: string[];
      history: { month: string; strength: number; events: number }[];
      notes: { body: string }[];
      timeline: { excerpt: string | null }[];
    };
    expect(person.reasons).toEqual(mallory.reasons);
    expect(person.history.reduce((s, h) => s + h.events, 0)).toBe(person.timeline.length);
    expect(person.notes.map((n) => n.body)).toEqual(["<i>met</i>"]);
    const html = await (await get(`/people/${mallory.id}`)).text();
    expect(html).toContain("&lt;script&gt;window.__xss=9&lt;/script&gt;");
    expect(html).not.toContain("<script>window.__xss");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("&lt;i&gt;met&lt;/i&gt;");
    const favours = await (await get(`/people/${mallory.id}/favours`)).text();
    expect(favours).toContain("Favour check");
    expect(favours).not.toContain("<script>window.__xss");
  });

  it("merges and splits through the API, as irl merge and irl split do", async () => {
    const [a, b] = await listPeople(store, { sort: "name", limit: 2 });
    if (!a || !b) throw new Error("need two people");
    const merged = await send("POST", `/api/people/${a.id}/merge`, { other: `#${b.id}` });
    expect(merged.status).toBe(200);
    expect((await get(`/api/people/${b.id}`)).status).toBe(404);
    const undone = await send("POST", `/api/people/${a.id}/split`, {});
    expect(undone.status).toBe(200);
    const back = (await undone.json()) as { id: number; name: string };
    expect(back.name).toBe(b.name);
    expect((await get(`/api/people/${back.id}`)).status).toBe(200);
    expect((await send("POST", `/api/people/${a.id}/merge`, { other: `#${a.id}` })).status).toBe(
      400,
    );
  });

  it("draws the network with the user in the middle and caps it", async () => {
    const net = (await (await get("/api/network?limit=2")).json()) as {
      nodes: { me?: boolean; x: number; y: number }[];
      shown: number;
      total: number;
      hidden: Record<string, number>;
    };
    expect(net.nodes[0]?.me).toBe(true);
    expect(net.shown).toBe(2);
    expect(Object.values(net.hidden).reduce((s, n) => s + n, 0)).toBe(net.total - 2);
    for (const n of net.nodes) expect(Math.hypot(n.x, n.y)).toBeLessThanOrEqual(1.0001);
  });

  it("documents every API route in OpenAPI, and every documented GET answers", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const served = app.routes
      .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(new Set(served)).toEqual(new Set(documented));
    const [p] = await listPeople(store, { sort: "name", limit: 1 });
    for (const route of allApiRoutes().filter((r) => r.method === "get")) {
      if (route.path.includes("/imports/{id}")) continue; // needs a running import
      const url = route.path.replace("{id}", String(p?.id));
      const r = await get(url);
      expect(r.status, url).toBe(200);
    }
  });

  it("ships at most 100 KB of compressed JavaScript on the home page's first load", async () => {
    const html = await (await get("/")).text();
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const src of scripts) {
      const r = await get(src, { "accept-encoding": "br, gzip" });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-encoding")).toBe("br");
      bytes += (await r.arrayBuffer()).byteLength;
    }
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
  });
});
