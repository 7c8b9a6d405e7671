/**
 * The source fetcher mention verification uses in production: a GET through the outbound
 * guard (`safeFetch`: public addresses only, each redirect re-checked, time and size capped),
 * the body decoded by its declared charset, and the guard's refusals sorted into what they
 * mean for a mention (refused, unreachable, over a limit).
 *
 * @example
 * const fetchSource = guardedFetcher({ timeoutMs: 10_000, maxBytes: 1024 * 1024 });
 * const page = await fetchSource("https://bob.example/post/1");
 */
import iconv from "iconv-lite";
import type { AddressPolicy } from "../../net/address-policy.js";
import {
  type Lookup,
  OutboundRefused,
  type RefusalReason,
  safeFetch,
} from "../../net/safe-fetch.js";
import {
  type FetchFailure,
  SOURCE_ACCEPT,
  SourceFetchError,
  type SourceFetcher,
} from "./verify-source.js";

export interface GuardedFetcherOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** TEST-ONLY address allowances (a test's server on 127.0.0.1). */
  policy?: AddressPolicy;
  /** TEST-ONLY name resolution. */
  lookup?: Lookup;
  userAgent?: string;
}

const FAILURE: Record<RefusalReason, FetchFailure> = {
  url: "refused",
  scheme: "refused",
  userinfo: "refused",
  host: "refused",
  address: "refused",
  dns: "unreachable",
  network: "unreachable",
  aborted: "unreachable",
  "too-large": "limit",
  timeout: "limit",
  redirects: "limit",
};

export function guardedFetcher(options: GuardedFetcherOptions = {}): SourceFetcher {
  return async (url) => {
    try {
      const res = await safeFetch(url, {
        timeoutMs: options.timeoutMs ?? 10_000,
        maxBytes: options.maxBytes ?? 1024 * 1024,
        maxRedirects: options.maxRedirects ?? 5,
        headers: {
          accept: SOURCE_ACCEPT,
          "user-agent": options.userAgent ?? "irl-comments (mention verification)",
        },
        ...(options.policy ? { policy: options.policy } : {}),
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
      const contentType = res.headers["content-type"] ?? "application/octet-stream";
      return { status: res.status, url: res.url, contentType, body: decode(res.body, contentType) };
    } catch (error) {
      if (error instanceof OutboundRefused) {
        throw new SourceFetchError(FAILURE[error.reason] ?? "unreachable", error.message);
      }
      throw error;
    }
  };
}

/** The body as text, by the charset the Content-Type names (UTF-8 when none or unknown). */
export function decode(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8" && iconv.encodingExists(charset)) {
    return iconv.decode(body, charset);
  }
  return body.toString("utf8");
}
