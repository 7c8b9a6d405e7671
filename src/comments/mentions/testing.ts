/**
 * For the mention tests: a local "web" of source pages on 127.0.0.1 that a test edits as it
 * goes (status, type, body, redirects, a gate to hold a response back), a name lookup that sends
 * `*.example` hosts there and `evil.example` to a private address, and the receiver wired to
 * them through the real outbound guard (its test-only allowance for 127.0.0.1).
 * Never imported by production code.
 *
 * @example
 * const web = await sourceWeb();
 * web.page("/post", { body: `<a href="${TARGET}">hi</a>` });
 * const { app, receiver } = mentionsFor(store, web);
 */
import type { AddressPolicy } from "../../net/address-policy.js";
import type { Lookup } from "../../net/safe-fetch.js";
import { type LocalServer, localServer, TEST_POLICY } from "../../net/test-server.js";
import type { Store } from "../../store/store.js";
import { guardedFetcher } from "./guarded-fetcher.js";
import type { TargetVerdict } from "./receiver.js";
import { createMentions, type Mentions, type MentionsOptions } from "./routes.js";

export const TARGET = "https://blog.example/hello";
export const OTHER_TARGET = "https://blog.example/other";

export interface PageSpec {
  status?: number;
  type?: string;
  body?: string;
  location?: string;
  /** Held until the test calls `release()`. */
  gate?: Promise<void>;
}

export interface SourceWeb {
  server: LocalServer;
  /** The URL of a path on host `bob.example` (served by the local server). */
  url(path: string, host?: string): string;
  page(path: string, spec: PageSpec): void;
  close(): Promise<void>;
}

export const TEST_LOOKUP: Lookup = async (hostname) => {
  if (hostname === "evil.example") return ["10.20.30.40"];
  if (hostname.endsWith(".example")) return ["127.0.0.1"];
  throw Object.assign(new Error(`${hostname} is not in the test's names`), { code: "ENOTFOUND" });
};

export async function sourceWeb(): Promise<SourceWeb> {
  const pages = new Map<string, PageSpec>();
  const server = await localServer(async (req, res) => {
    const spec = pages.get((req.url ?? "/").split("?")[0] as string);
    if (!spec) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    if (spec.gate) await spec.gate;
    res.statusCode = spec.status ?? 200;
    if (spec.location) res.setHeader("location", spec.location);
    res.setHeader("content-type", spec.type ?? "text/html; charset=utf-8");
    res.end(spec.body ?? "");
  });
  return {
    server,
    url: (path, host = "bob.example") => `http://${host}:${server.port}${path}`,
    page: (path, spec) => pages.set(path, spec),
    close: () => server.close(),
  };
}

/** Pages of blog.example that take mentions: /hello and /other; the rest of the site is unknown. */
export function testCheckTarget(target: string): TargetVerdict {
  if (target === TARGET || target === OTHER_TARGET) return "ours";
  return new URL(target).host === "blog.example" ? "unknown page" : "not ours";
}

export function mentionsFor(
  store: Store,
  overrides: Partial<MentionsOptions> & { policy?: AddressPolicy } = {},
): Mentions {
  return createMentions({
    store,
    fetchSource: guardedFetcher({
      policy: overrides.policy ?? TEST_POLICY,
      lookup: TEST_LOOKUP,
      timeoutMs: 5000,
    }),
    checkTarget: testCheckTarget,
    rateLimit: { burst: 1000, perMs: 1 },
    log: () => {},
    ...overrides,
  });
}

/** A page with an h-entry by Bob that answers `target` in the given way. */
export function replyPage(
  target: string,
  opts: { prop?: string; text?: string; author?: string } = {},
): string {
  const prop = opts.prop ?? "u-in-reply-to";
  return `<!doctype html><html><head><title>Bob's blog</title></head><body>
<article class="h-entry">
  <span class="p-author h-card"><a class="u-url p-name" href="/">${opts.author ?? "Bob Example"}</a>
  <img class="u-photo" src="/bob.jpg" alt=""></span>
  <a class="${prop}" href="${target}">Ada's post</a>
  <div class="e-content">${opts.text ?? "Great point about networking."}</div>
  <time class="dt-published" datetime="2024-05-01T10:00:00Z">1 May</time>
</article></body></html>`;
}

export function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}
