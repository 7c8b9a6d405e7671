import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { commentApp } from "./app.js";
import { commentConfig } from "./config.js";
import { checkAdminPassword, setAdminPassword } from "./settings.js";

const PAGE = "https://blog.example/p";
const ORIGIN = "http://localhost";
const env = { incoming: { socket: { remoteAddress: "203.0.113.7" } } };

describe.each(storeTargets())("the admin page on $name", (target) => {
  let store: Store;
  afterEach(async () => {
    await store?.close();
  });
  afterAll(() => target.cleanup());

  it("stores only an scrypt hash of the password", async () => {
    store = await target.open();
    await expect(setAdminPassword(store, "short")).rejects.toThrow(/at least/);
    await setAdminPassword(store, "correct horse battery");
    const row = await store.db
      .selectFrom("comment_settings")
      .selectAll()
      .where("key", "=", "admin_password")
      .executeTakeFirstOrThrow();
    expect(row.value).toMatch(/^scrypt\$/);
    expect(row.value).not.toContain("correct horse");
    expect(await checkAdminPassword(store, "correct horse battery")).toBe(true);
    expect(await checkAdminPassword(store, "correct horse batterY")).toBe(false);
  });

  it("logs in, moderates and replies as the author, refusing forged and logged-out posts", async () => {
    store = await target.open();
    await setAdminPassword(store, "correct horse battery");
    const { app, service } = commentApp({
      store,
      config: commentConfig({ ownerName: "Olive" }),
      log: () => {},
      graphDelayMs: 60_000,
    });
    const posted = await service.post({
      page: PAGE,
      name: "Ada",
      email: "ada@example.org",
      body: "Pending one",
      ip: "203.0.113.1",
    });

    const login = (password: string, origin = ORIGIN) =>
      app.request(
        `${ORIGIN}/admin/login`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin },
          body: new URLSearchParams({ password }),
        },
        env,
      );
    expect((await login("wrong password!")).status).toBe(401);
    expect((await login("correct horse battery", "https://evil.example")).status).toBe(403);
    const ok = await login("correct horse battery");
    expect(ok.status).toBe(303);
    const setCookie = ok.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(";")[0] as string;

    const page = await (await app.request(`${ORIGIN}/admin`, { headers: { cookie } }, env)).text();
    expect(page).toContain("Pending one");
    expect(page).toContain("first comment from this e-mail address");
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;

    const act = (
      path: string,
      body: Record<string, string>,
      headers: Record<string, string> = {},
    ) =>
      app.request(
        `${ORIGIN}${path}`,
        {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: ORIGIN,
            cookie,
            ...headers,
          },
          body: new URLSearchParams(body),
        },
        env,
      );
    // Without the session's token, or from another site, or logged out: nothing happens.
    expect(
      (await act(`/admin/comments/${posted.comment.id}/approve`, { csrf: "forged" })).status,
    ).toBe(403);
    expect(
      (
        await act(
          `/admin/comments/${posted.comment.id}/approve`,
          { csrf },
          { origin: "https://evil.example" },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await app.request(
          `${ORIGIN}/admin/comments/${posted.comment.id}/approve`,
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
            body: new URLSearchParams({ csrf }),
          },
          env,
        )
      ).status,
    ).toBe(401);
    let status = await store.db
      .selectFrom("comments")
      .select("status")
      .where("id", "=", posted.comment.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("pending");

    expect((await act(`/admin/comments/${posted.comment.id}/approve`, { csrf })).status).toBe(303);
    status = await store.db
      .selectFrom("comments")
      .select("status")
      .where("id", "=", posted.comment.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("approved");
    expect(
      (await act(`/admin/comments/${posted.comment.id}/reply`, { csrf, body: "Thanks, *Ada*" }))
        .status,
    ).toBe(303);
    const thread = await (await app.request(`/thread?page=${encodeURIComponent(PAGE)}`)).text();
    expect(thread).toContain("Thanks, <em>Ada</em>");
    expect(thread).toMatch(
      /irlc-owner[^>]*>\s*<header class="irlc-head"><span class="irlc-name">Olive<\/span><span class="irlc-badge">author<\/span>/,
    );

    expect((await act(`/admin/comments/${posted.comment.id}/spam`, { csrf })).status).toBe(303);
    const after = await (await app.request(`/thread?page=${encodeURIComponent(PAGE)}`)).text();
    expect(after).not.toContain("Pending one");
    await service.close();
  });
});
