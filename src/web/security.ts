/**
 * The web app's guards, as Hono middleware:
 * - `hostGuard`: the Host header must name this server by a loopback name (127.0.0.1,
 *   localhost, [::1]) or the host the user chose with `--host` — a page on another site that
 *   re-points its own name at 127.0.0.1 (DNS rebinding) is refused;
 * - `originGuard`: a state-changing request (anything but GET/HEAD/OPTIONS) must come from this
 *   origin (`Origin` equal to ours; `Sec-Fetch-Site` same-origin or none when sent);
 * - `csrfGuard`: and carry the CSRF token (double submit: the `irl_csrf` cookie, and the same
 *   value in the `X-CSRF-Token` header or the form's `_csrf` field);
 * - `securityHeaders`: a strict Content-Security-Policy (`default-src 'self'`, no inline script
 *   or style), no framing, no referrer, no sniffing.
 *
 * @example
 * app.use(hostGuard(["127.0.0.1:7878"]), securityHeaders, originGuard, csrfGuard);
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const CSRF_COOKIE = "irl_csrf";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Loopback host names this server answers to, with its port. */
export function loopbackHosts(port: number, extra?: string): string[] {
  const names = ["127.0.0.1", "localhost", "[::1]"];
  if (extra && !names.includes(extra)) names.push(extra.includes(":") ? `[${extra}]` : extra);
  return names.map((n) => `${n}:${port}`);
}

export function hostGuard(allowed: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header("host") ?? "").toLowerCase();
    if (!allowed().includes(host)) {
      return c.text(
        `irl answers only to ${allowed().join(", ")} (this request named "${host}")`,
        421,
      );
    }
    await next();
  };
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Content-Security-Policy", CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  // "no-referrer" would make Chromium send `Origin: null` on our own form posts.
  c.header("Referrer-Policy", "same-origin");
  c.header("Cross-Origin-Opener-Policy", "same-origin");
  c.header("Cross-Origin-Resource-Policy", "same-origin");
};

/** Refuses a state-changing request that a browser says came from another site. */
export const originGuard: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const ours = `${new URL(c.req.url).protocol}//${c.req.header("host") ?? ""}`;
    if (origin !== undefined && origin !== ours) {
      return forbidden(c, `cross-origin request refused (from ${origin})`);
    }
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      return forbidden(c, `cross-site request refused (${site})`);
    }
  }
  await next();
};

/** The CSRF token of this browser: its cookie, set on first visit. */
export function csrfToken(c: Context): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  const made = c.get("csrf" as never) as string | undefined;
  if (made) return made;
  const token = randomBytes(24).toString("base64url");
  setCookie(c, CSRF_COOKIE, token, { path: "/", httpOnly: true, sameSite: "Strict" });
  c.set("csrf" as never, token as never);
  return token;
}

export const csrfGuard: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const cookie = getCookie(c, CSRF_COOKIE);
    let sent = c.req.header(CSRF_HEADER);
    const type = c.req.header("content-type") ?? "";
    if (!sent && type.startsWith("application/x-www-form-urlencoded")) {
      const form = await c.req.parseBody();
      const field = form[CSRF_FIELD];
      sent = typeof field === "string" ? field : undefined;
    }
    if (!sent && type.startsWith("multipart/form-data")) {
      sent = c.req.query(CSRF_FIELD);
    }
    if (!cookie || !sent || !same(cookie, sent)) {
      return forbidden(c, "missing or wrong CSRF token: reload the page and try again");
    }
  }
  await next();
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function forbidden(c: Context, message: string) {
  const wantsJson =
    c.req.path.startsWith("/api/") || (c.req.header("accept") ?? "").includes("json");
  return wantsJson ? c.json({ error: message }, 403) : c.text(message, 403);
}
