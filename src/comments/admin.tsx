/**
 * The owner's admin page (`/admin`): log in with the password (`irl comments passwd`, or
 * `IRL_COMMENTS_PASSWORD`), then approve, mark as spam, delete, or reply as the author. The
 * session cookie is HttpOnly and SameSite=Strict; every action is a POST carrying a token bound
 * to the session, and must come from this service's own origin. Logins are rate-limited per IP.
 *
 * @example
 * mountAdmin(app, { service, limiter, clientIp, selfOrigin });
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { raw } from "hono/html";
import { safeHref } from "../net/safe-href.js";
import {
  type CommentRow,
  type CommentStatus,
  listByStatus,
  STATUSES,
  statusCounts,
} from "./comment-store.js";
import type { RateLimiter } from "./rate-limit.js";
import { CommentError, type CommentService } from "./service.js";
import { checkAdminPassword } from "./settings.js";
import { THREAD_CSS } from "./styles.js";
import { when } from "./views.js";

const COOKIE = "irlc_admin";
const ACTIONS = ["approve", "spam", "delete"] as const;

export interface AdminOptions {
  service: CommentService;
  limiter: RateLimiter;
  clientIp: (c: Context) => string;
  /** Whether the request's Origin / Sec-Fetch-Site show it came from this service's pages. */
  sameOrigin: (c: Context) => boolean;
  secureCookies: (c: Context) => boolean;
}

export function mountAdmin(app: Hono, options: AdminOptions): void {
  const { service } = options;
  const sessions = new Map<string, number>();

  const session = (c: Context): string | undefined => {
    const token = getCookie(c, COOKIE);
    if (!token) return undefined;
    const until = sessions.get(token);
    if (until === undefined || until < service.clock.now()) {
      sessions.delete(token);
      return undefined;
    }
    return token;
  };
  const csrfFor = (token: string) => service.sign(`admin:${token}`);
  const page = (c: Context, body: string, status: 200 | 401 | 403 | 429 = 200) =>
    c.html(adminPage(body), status, {
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      "cache-control": "no-store",
    });

  app.get("/admin", async (c) => {
    const token = session(c);
    if (!token) return page(c, loginForm());
    const status = (STATUSES as readonly string[]).includes(c.req.query("status") ?? "")
      ? (c.req.query("status") as CommentStatus)
      : "pending";
    const [rows, counts] = await Promise.all([
      listByStatus(service.store, status, 200),
      statusCounts(service.store),
    ]);
    return page(c, adminList(rows, status, counts, csrfFor(token), service.config.ownerName));
  });

  app.post("/admin/login", async (c) => {
    if (!options.sameOrigin(c)) return page(c, "<p class=irlc-error>Forbidden.</p>", 403);
    if (!options.limiter.take(`login:${options.clientIp(c)}`)) {
      return page(c, `${loginForm("Too many attempts; wait a minute.")}`, 429);
    }
    const form = await c.req.parseBody();
    const typed = typeof form.password === "string" ? form.password : "";
    const ok =
      typed.length > 0 &&
      (await checkAdminPassword(service.store, typed, service.config.adminPassword));
    if (!ok) return page(c, loginForm("Wrong password."), 401);
    const token = randomBytes(32).toString("base64url");
    sessions.set(token, service.clock.now() + service.config.sessionMs);
    setCookie(c, COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: options.secureCookies(c),
      path: "/admin",
      maxAge: Math.floor(service.config.sessionMs / 1000),
    });
    return c.redirect("/admin", 303);
  });

  app.post("/admin/logout", async (c) => {
    const token = session(c);
    if (token) sessions.delete(token);
    deleteCookie(c, COOKIE, { path: "/admin" });
    return c.redirect("/admin", 303);
  });

  app.post("/admin/comments/:id/:action", async (c) => {
    const token = session(c);
    if (!token) return page(c, loginForm("Please log in."), 401);
    const form = await c.req.parseBody();
    if (!options.sameOrigin(c) || !sameToken(form.csrf, csrfFor(token))) {
      return page(
        c,
        "<p class=irlc-error>Forbidden: the form is stale or came from elsewhere.</p>",
        403,
      );
    }
    const id = Number(c.req.param("id"));
    const action = c.req.param("action");
    try {
      if (action === "reply") {
        await service.ownerReply(id, typeof form.body === "string" ? form.body : "");
      } else if ((ACTIONS as readonly string[]).includes(action)) {
        await service.moderate(id, action as (typeof ACTIONS)[number]);
      } else {
        return c.text("Not found", 404);
      }
    } catch (error) {
      if (error instanceof CommentError) return c.text(error.message, error.status);
      throw error;
    }
    const back =
      typeof form.back === "string" && /^[a-z]+$/.test(form.back) ? form.back : "pending";
    return c.redirect(`/admin?status=${back}`, 303);
  });
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function adminPage(body: string): string {
  return `<!doctype html>${String(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Comments — admin</title>
        <style>
          {raw(
            `${THREAD_CSS} body{font:15px system-ui;margin:1rem} .irlc-row{border-bottom:1px solid #ddd;padding:.6rem 0} .irlc-row form{display:inline} nav a{margin-right:1rem}`,
          )}
        </style>
      </head>
      <body>{raw(body)}</body>
    </html>,
  )}`;
}

function loginForm(error?: string): string {
  return String(
    <main>
      <h1>Comments — admin</h1>
      {error ? <p class="irlc-error">{error}</p> : null}
      <form method="post" action="/admin/login" class="irlc-form">
        <label>
          Password{" "}
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Log in</button>
      </form>
    </main>,
  );
}

function adminList(
  rows: readonly CommentRow[],
  status: CommentStatus,
  counts: Record<CommentStatus, number>,
  csrf: string,
  ownerName: string,
): string {
  const act = (c: CommentRow, action: string, label: string) => (
    <form method="post" action={`/admin/comments/${c.id}/${action}`}>
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="back" value={status} />
      <button type="submit">{label}</button>
    </form>
  );
  return String(
    <main>
      <h1>Comments — admin</h1>
      <nav>
        {STATUSES.map((s) => (
          <a href={`/admin?status=${s}`}>
            {s === status ? <strong>{`${s} (${counts[s]})`}</strong> : `${s} (${counts[s]})`}
          </a>
        ))}
        <form method="post" action="/admin/logout" style="display:inline">
          <button type="submit">Log out</button>
        </form>
      </nav>
      {rows.length === 0 ? <p>Nothing here.</p> : null}
      {rows.map((c) => {
        const href = safeHref(c.url);
        return (
          <div class="irlc-row" id={`c${c.id}`}>
            <div class="irlc-head">
              <strong>{c.is_owner ? ownerName : c.author_name}</strong>{" "}
              {c.email ? `<${c.email}>` : ""}{" "}
              {href ? (
                <a href={href} rel="ugc nofollow noopener">
                  {href}
                </a>
              ) : null}{" "}
              · {when(c.created_at)} · on{" "}
              <a href={`${c.page}#c${c.id}`} rel="noopener">
                {c.page_title ?? c.page}
              </a>
              {c.status_reason ? ` · ${c.status_reason}` : ""}
            </div>
            <div class="irlc-body">{raw(c.html)}</div>
            <div>
              {c.status !== "approved" ? act(c, "approve", "Approve") : null}
              {c.status !== "spam" ? act(c, "spam", "Spam") : null}
              {c.status !== "deleted" ? act(c, "delete", "Delete") : null}
            </div>
            {c.status === "approved" ? (
              <form method="post" action={`/admin/comments/${c.id}/reply`} class="irlc-form">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="back" value={status} />
                <textarea name="body" placeholder={`Reply as ${ownerName}`} required />
                <button type="submit">Reply as the author</button>
              </form>
            ) : null}
          </div>
        );
      })}
    </main>,
  );
}
