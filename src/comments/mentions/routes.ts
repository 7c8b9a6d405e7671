/**
 * The mention endpoints as a Hono sub-app the comment service mounts with one line:
 * - `POST /webmention` — a Webmention (form-encoded `source`, `target`): 400 with the reason
 *   when the request is invalid, 202 with a status URL (`Location`) when accepted; the source
 *   is verified afterwards, in the background. 429 past the per-client rate limit, 503 when
 *   too many verifications wait.
 * - `GET /webmention/status/:id` — what became of one (pending, verified, rejected, deleted, why).
 * - `POST /xmlrpc` — Pingback 1.0 (`pingback.ping`), see pingback.ts.
 * - `GET /api/mentions?page=URL` — the verified mentions of a page, as JSON.
 *
 * @example
 * const mentions = createMentions({ store, fetchSource: guardedFetcher(), checkTarget });
 * app.route("/", mentions.app); // in createCommentApp
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { normalizePage } from "../page-url.js";
import { RateLimiter } from "../rate-limit.js";
import { getMention, type MentionRow, mentionsOf } from "./mention-store.js";
import { pingbackHandler } from "./pingback.js";
import { type CheckTarget, MentionReceiver, type ReceiverOptions } from "./receiver.js";

export interface MentionsOptions extends ReceiverOptions {
  /** Who is asking (the comment service's trusted-proxy aware address); default: the socket's peer. */
  clientIp?: (c: Context) => string;
  /** Requests per client: a burst, then one per `perMs` (default 10, then one every 6 s). */
  rateLimit?: { burst: number; perMs: number };
  now?: () => number;
}

export interface Mentions {
  app: Hono;
  receiver: MentionReceiver;
}

/** The largest mention request body: two URLs need far less. */
const MAX_BODY = 16 * 1024;

export function createMentions(options: MentionsOptions): Mentions {
  const receiver = new MentionReceiver(options);
  const limiter = new RateLimiter(
    options.rateLimit ?? { burst: 10, perMs: 6_000 },
    options.now ?? Date.now,
  );
  const clientIp = options.clientIp ?? peerAddress;
  const app = new Hono();
  const limited = (c: Context): Response | undefined => {
    const ip = clientIp(c);
    if (limiter.take(ip)) return undefined;
    c.header("Retry-After", String(Math.max(1, limiter.retryAfter(ip))));
    return c.text("Too many requests: try again later.\n", 429);
  };
  const small = bodyLimit({
    maxSize: MAX_BODY,
    onError: (c) => c.text("The request body is too large.\n", 413),
  });

  app.post("/webmention", small, async (c) => {
    const refused = limited(c);
    if (refused) return refused;
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      return c.text("Send source and target as application/x-www-form-urlencoded.\n", 400);
    }
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return c.text("The form could not be read.\n", 400);
    }
    const source = typeof form.source === "string" ? form.source : undefined;
    const target = typeof form.target === "string" ? form.target : undefined;
    const result = await receiver.receive(source, target, "webmention");
    if (!result.ok) {
      if (result.problem === "busy") {
        c.header("Retry-After", "60");
        return c.text(`${capital(result.message)}.\n`, 503);
      }
      return c.text(`${capital(result.message)}.\n`, 400);
    }
    const status = `/webmention/status/${result.id}`;
    c.header("Location", status);
    return c.text(
      `Accepted: the source will be checked for a link to the target. Status: ${status}\n`,
      202,
    );
  });

  app.get("/webmention/status/:id", async (c) => {
    const id = Number(c.req.param("id"));
    const row = Number.isSafeInteger(id) ? await getMention(options.store.db, id) : undefined;
    if (!row) return c.json({ error: "no such mention" }, 404);
    return c.json({
      id: Number(row.id),
      source: row.source,
      target: row.target,
      protocol: row.protocol,
      status: row.status,
      checking: row.checking === 1,
      reason: row.reason,
      type: row.type,
      verifiedAt: row.verified_at === null ? null : Number(row.verified_at),
    });
  });

  app.get("/webmention", (c) =>
    c.text("This is a Webmention endpoint: POST source and target (form-encoded).\n", 200),
  );

  app.post(
    "/xmlrpc",
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("Too large.\n", 413) }),
    async (c) => {
      const refused = limited(c);
      return pingbackHandler(c, receiver, options.store, refused !== undefined);
    },
  );

  app.get("/api/mentions", async (c) => {
    const page = normalizePage(c.req.query("page"));
    if (!page) return c.json({ error: "page must be an http(s) URL" }, 400);
    const rows = await mentionsOf(options.store.db, page.page);
    return c.json(rows.map(mentionJson));
  });

  return { app, receiver };
}

/** The public JSON shape of a verified mention. */
export function mentionJson(m: MentionRow) {
  return {
    id: Number(m.id),
    protocol: m.protocol,
    type: m.type ?? "mention",
    source: m.source,
    target: m.target,
    url: m.url ?? m.source,
    author: { name: m.author_name, url: m.author_url, photo: m.author_photo },
    title: m.title,
    text: m.content_text,
    html: m.content_html,
    published: m.published_at === null ? null : Number(m.published_at),
    verifiedAt: m.verified_at === null ? null : Number(m.verified_at),
  };
}

/** The `Link` header value advertising the endpoint (absolute, or relative to the page). */
export function webmentionLink(endpoint = "/webmention"): string {
  return `<${endpoint}>; rel="webmention"`;
}

/** A `<link>` tag advertising the endpoint, for a page's `<head>`. */
export function webmentionLinkTag(endpoint = "/webmention"): string {
  return `<link rel="webmention" href="${endpoint.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)}">`;
}

function peerAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type { CheckTarget };
