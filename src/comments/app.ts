/**
 * The comment service as a Hono app: the embed script, the JSON API it calls, the
 * server-rendered thread for readers without JavaScript, counts, Atom feeds and the owner's
 * admin page. Public-internet hygiene: per-IP rate limits on every write (X-Forwarded-For only
 * from trusted proxies), a body size limit (413), CSRF checks on form posts (origin + a token),
 * CORS on the API limited to the configured sites, strict CSP on the HTML pages, one log line
 * per request.
 *
 * The mentions engineer mounts the Webmention and Pingback receivers where marked, and hooks the
 * latest-post fetch into `deps.onCommentSaved`.
 *
 * @example
 * const { app, service } = commentApp({ store, config: commentConfig({ ownerName: "Ada" }) });
 * serve({ fetch: app.fetch, port: 8080, hostname: "127.0.0.1" });
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { mountAdmin } from "./admin.js";
import { TrustedProxies } from "./client-ip.js";
import { getComment } from "./comment-store.js";
import { embedScript } from "./embed-script.js";
import { mountMentions } from "./mentions/mount.js";
import { RateLimiter } from "./rate-limit.js";
import { type CommentDeps, CommentError, CommentService, hashToken } from "./service.js";
import { THREAD_CSS } from "./styles.js";
import { CommentView, formHtml, pageHead, pageTail } from "./views.js";

export type { CommentDeps } from "./service.js";

const NONCE_COOKIE = "irlc_nonce";
const CSRF_SLOT = "__irlc_csrf_slot__";
const encoder = new TextEncoder();
const MAX_COUNT_PAGES = 100;
const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'";

/** The Hono app alone (what `irl comments serve` and the mentions routes need). */
export function createCommentApp(deps: CommentDeps): Hono {
  return commentApp(deps).app;
}

/** The app and the service behind it (tests and the CLI close the service on shutdown). */
export function commentApp(deps: CommentDeps): { app: Hono; service: CommentService } {
  const service = new CommentService(deps);
  const config = deps.config;
  const proxies = new TrustedProxies(config.trustedProxies);
  const now = () => service.clock.now();
  const writes = new RateLimiter(config.rateLimit, now);
  const logins = new RateLimiter({ burst: 5, perMs: 60_000 }, now);
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const embed = new TextEncoder().encode(embedScript(THREAD_CSS));

  const peer = (c: Context): string => {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    return env?.incoming?.socket?.remoteAddress ?? "unknown";
  };
  const clientIp = (c: Context): string =>
    proxies.clientIp(peer(c), c.req.header("x-forwarded-for"));
  /** This service's own origin as the browser sees it (behind a trusted proxy: its headers). */
  const selfOrigin = (c: Context): string => {
    const url = new URL(c.req.url);
    if (proxies.trusts(peer(c))) {
      const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
      const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
      if (proto === "http" || proto === "https") url.protocol = `${proto}:`;
      if (host) url.host = host;
    }
    return url.origin;
  };
  const sameOrigin = (c: Context): boolean =>
    c.req.header("sec-fetch-site") === "same-origin" || c.req.header("origin") === selfOrigin(c);
  const limited = (c: Context) => {
    const ip = clientIp(c);
    if (writes.take(ip)) return undefined;
    return c.json({ error: "too many requests: wait a moment" }, 429, {
      "retry-after": String(writes.retryAfter(ip)),
    });
  };
  const fail = (c: Context, error: unknown) => {
    if (error instanceof CommentError) {
      return c.json(
        { error: error.message, ...(error.field ? { field: error.field } : {}) },
        error.status,
      );
    }
    throw error;
  };

  const app = new Hono();

  // Headers are set before the handler runs: set on a finished response, they would make
  // @hono/node-server build a full Response object per request (the thread is served hot).
  app.use("*", async (c, next) => {
    const started = performance.now();
    await service.ready();
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    await next();
    const ms = (performance.now() - started).toFixed(1);
    log(
      `${new Date(now()).toISOString()} ${clientIp(c)} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`,
    );
  });
  const limit = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) =>
      c.json({ error: `the request is larger than ${config.maxBodyBytes} bytes` }, 413),
  });
  // Only for requests that carry a body: looking at the body costs a full Request object.
  const limitWrites: MiddlewareHandler = (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS"
      ? next()
      : limit(c, next);
  for (const path of ["/api/*", "/thread", "/admin/*"]) app.use(path, limitWrites);
  // CORS for the embed's calls: any site, or only the configured ones; no cookies.
  app.use("/api/*", async (c, next) => {
    const origin = c.req.header("origin");
    const allowed =
      origin && (config.origins.length === 0 || config.origins.includes(origin))
        ? origin
        : undefined;
    if (c.req.method === "OPTIONS") {
      if (!allowed) return c.body(null, 204, { vary: "origin" });
      return c.body(null, 204, {
        "access-control-allow-origin": allowed,
        "access-control-allow-methods": "GET, POST, PUT, DELETE",
        "access-control-allow-headers": "content-type, x-edit-token",
        "access-control-max-age": "600",
        vary: "origin",
      });
    }
    if (allowed) c.header("access-control-allow-origin", allowed);
    c.header("vary", "origin");
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    log(`comments: ${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return c.json({ error: "internal error" }, 500);
  });

  app.get("/embed.js", (c) =>
    c.body(embed, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      "cross-origin-resource-policy": "cross-origin",
    }),
  );

  app.get("/healthz", (c) => c.text("ok"));

  // --- JSON API for the embed ---------------------------------------------------------------

  app.get("/api/thread", async (c) => {
    try {
      const rendered = await service.thread(service.page(c.req.query("page")));
      if (c.req.header("if-none-match") === rendered.etag) return c.body(null, 304);
      const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
      return c.body(gzip ? rendered.jsonGzip : rendered.json, 200, {
        "content-type": "application/json; charset=utf-8",
        etag: rendered.etag,
        vary: "accept-encoding, origin",
        "cache-control": "no-cache",
        ...(gzip ? { "content-encoding": "gzip" } : {}),
      });
    } catch (error) {
      return fail(c, error);
    }
  });

  app.get("/api/counts", async (c) => {
    const pages = c.req.queries("page") ?? [];
    if (pages.length > MAX_COUNT_PAGES)
      return c.json({ error: `at most ${MAX_COUNT_PAGES} pages` }, 400);
    const counts: Record<string, number> = {};
    try {
      for (const p of pages) counts[p] = (await service.thread(service.page(p))).count;
    } catch (error) {
      return fail(c, error);
    }
    return c.json({ counts });
  });

  app.post("/api/comments", async (c) => {
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
      return c.json({ error: "send the comment as application/json" }, 415);
    }
    const tooMany = limited(c);
    if (tooMany) return tooMany;
    let input: Record<string, unknown>;
    try {
      input = await c.req.json();
      if (typeof input !== "object" || input === null) throw new Error();
    } catch {
      return c.json({ error: "the request body is not a JSON object" }, 400);
    }
    try {
      const posted = await service.post({
        page: str(input.page),
        title: str(input.title),
        parent: input.parent ? Number(input.parent) || -1 : undefined,
        name: str(input.name),
        email: str(input.email),
        url: str(input.url),
        body: str(input.body),
        notify: input.notify === true,
        honeypot: str(input.homepage),
        ip: clientIp(c),
      });
      const cm = posted.comment;
      const spam = cm.status === "spam";
      return c.json(
        {
          id: cm.id,
          // The honeypot's catch is told it went well, and nothing more.
          status: spam ? "pending" : cm.status,
          message:
            cm.status === "approved"
              ? "Thank you: your comment is up."
              : "Thank you: your comment waits for approval.",
          editToken: posted.editToken,
          editableUntil: posted.editableUntil,
          html: spam
            ? ""
            : String(
                CommentView({
                  c: cm,
                  options: viewOptions(cm.page),
                  pending: cm.status !== "approved",
                }),
              ),
        },
        201,
      );
    } catch (error) {
      return fail(c, error);
    }
  });

  const viewOptions = (page: string) => ({
    page,
    ownerName: config.ownerName,
    editWindowMs: config.editWindowMs,
  });

  app.get("/api/comments/:id", async (c) => {
    const c0 = await getComment(service.store, Number(c.req.param("id")) || -1);
    const token = c.req.header("x-edit-token");
    if (!c0 || !token || c0.status === "spam" || c0.status === "deleted")
      return c.json({ error: "no such comment" }, 404);
    if (!c0.edit_token_hash || !safeEqual(hashToken(token), c0.edit_token_hash)) {
      return c.json(
        { error: "only the browser that posted this comment can read its source" },
        403,
      );
    }
    return c.json({
      id: c0.id,
      body: c0.body,
      status: c0.status,
      editableUntil: c0.created_at + config.editWindowMs,
    });
  });

  app.put("/api/comments/:id", async (c) => {
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
      return c.json({ error: "send the change as application/json" }, 415);
    }
    const tooMany = limited(c);
    if (tooMany) return tooMany;
    try {
      const input = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
      const edited = await service.edit(
        Number(c.req.param("id")) || -1,
        c.req.header("x-edit-token"),
        str(input.body),
      );
      return c.json({ id: edited.id, status: edited.status });
    } catch (error) {
      return fail(c, error);
    }
  });

  app.delete("/api/comments/:id", async (c) => {
    const tooMany = limited(c);
    if (tooMany) return tooMany;
    try {
      await service.deleteByAuthor(Number(c.req.param("id")) || -1, c.req.header("x-edit-token"));
      return c.json({ deleted: true });
    } catch (error) {
      return fail(c, error);
    }
  });

  // --- the page for readers without JavaScript ----------------------------------------------

  const nonceOf = (c: Context): string => {
    let nonce = getCookie(c, NONCE_COOKIE);
    if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
      nonce = randomBytes(18).toString("base64url");
      setCookie(c, NONCE_COOKIE, nonce, {
        httpOnly: true,
        sameSite: "Lax",
        path: "/thread",
        secure: selfOrigin(c).startsWith("https:"),
      });
    }
    return nonce;
  };

  const renderPage = async (
    c: Context,
    raw: string | undefined,
    extra: {
      replyTo?: number;
      message?: { kind: "note" | "error"; text: string };
      values?: Record<string, string>;
    },
    status: 200 | 400 | 403 | 404 | 429 = 200,
  ) => {
    const page = service.page(raw);
    const rendered = await service.thread(page);
    const csrf = service.sign(`form:${nonceOf(c)}`);
    // The common case (no reply, nothing typed) reuses the page's cached bytes and form.
    const plain = !extra.replyTo && !extra.values;
    if (plain) {
      rendered.formTemplate ??= formHtml({ page: page.page, action: "thread", csrf: CSRF_SLOT });
    }
    const form = plain
      ? (rendered.formTemplate as string).replace(CSRF_SLOT, csrf)
      : formHtml({
          page: page.page,
          action: "thread",
          csrf,
          replyTo: extra.replyTo,
          values: extra.values,
        });
    rendered.pageHead ??= encoder.encode(pageHead(`Comments on ${page.page}`, rendered.html));
    const tail = encoder.encode(pageTail(form, extra.message));
    const body = new Uint8Array(rendered.pageHead.length + tail.length);
    body.set(rendered.pageHead);
    body.set(tail, rendered.pageHead.length);
    return c.body(body, status, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `${HTML_CSP}; frame-ancestors ${config.origins.length ? config.origins.join(" ") : "*"}`,
      "cache-control": "no-store",
      link: '</webmention>; rel="webmention"',
    });
  };

  app.get("/thread", async (c) => {
    const posted = c.req.query("posted");
    const reply = Number(c.req.query("reply")) || undefined;
    try {
      return await renderPage(c, c.req.query("page"), {
        replyTo: reply,
        message:
          posted === "approved"
            ? { kind: "note", text: "Thank you: your comment is up." }
            : posted === "pending"
              ? { kind: "note", text: "Thank you: your comment waits for approval." }
              : undefined,
      });
    } catch (error) {
      if (error instanceof CommentError) return c.text(error.message, error.status);
      throw error;
    }
  });

  app.post("/thread", csrf({ origin: (origin, c) => origin === selfOrigin(c) }), async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const nonce = getCookie(c, NONCE_COOKIE);
    if (!nonce || !safeEqual(field("csrf"), service.sign(`form:${nonce}`))) {
      return c.text("Forbidden: the form is stale or came from elsewhere; reload the page.", 403);
    }
    const tooMany = limited(c);
    if (tooMany) return c.text("Too many requests: wait a moment.", 429);
    const values = {
      name: field("name"),
      email: field("email"),
      url: field("url"),
      body: field("body"),
    };
    try {
      const posted = await service.post({
        page: field("page"),
        parent: field("parent") ? Number(field("parent")) || -1 : undefined,
        ...values,
        notify: field("notify") === "1",
        honeypot: field("homepage"),
        ip: clientIp(c),
      });
      const cm = posted.comment;
      const shown = cm.status === "approved" ? "approved" : "pending";
      const anchor = cm.status === "approved" ? `#c${cm.id}` : "#irlc-form";
      return c.redirect(`thread?page=${encodeURIComponent(cm.page)}&posted=${shown}${anchor}`, 303);
    } catch (error) {
      if (!(error instanceof CommentError)) throw error;
      try {
        return await renderPage(
          c,
          field("page"),
          { message: { kind: "error", text: error.message }, values },
          400,
        );
      } catch {
        return c.text(error.message, error.status);
      }
    }
  });

  // --- feeds -----------------------------------------------------------------------------------

  app.get("/feed.atom", async (c) => {
    try {
      const raw = c.req.query("page");
      const xml = await service.feed(selfOrigin(c), raw ? service.page(raw) : undefined);
      return c.body(xml, 200, { "content-type": "application/atom+xml; charset=utf-8" });
    } catch (error) {
      if (error instanceof CommentError) return c.text(error.message, error.status);
      throw error;
    }
  });

  // --- the owner -------------------------------------------------------------------------------

  mountAdmin(app, {
    service,
    limiter: logins,
    clientIp,
    sameOrigin,
    secureCookies: (c) => selfOrigin(c).startsWith("https:"),
  });

  // mentions routes mount here (Webmention at /webmention, Pingback at /xmlrpc: see src/comments/mentions/)
  mountMentions(app, { service, clientIp });

  app.get("/", (c) =>
    c.text(
      'irl comments: embed with <script src="/embed.js" data-page="URL"></script>; threads at /thread?page=URL\n',
    ),
  );

  return { app, service };
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
