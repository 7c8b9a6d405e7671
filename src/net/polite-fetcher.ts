/**
 * Fetching other people's sites the way a good neighbour does, over `safeFetch` (so every
 * address rule of the outbound guard applies): it says who it is (a User-Agent naming irl),
 * asks only for what changed (conditional requests with the ETag / Last-Modified the server
 * gave last time, kept in a `FetchCache`), and never hurries a server — requests to one host
 * start at least `minIntervalMs` apart (default 1 s), concurrent callers queue in order, and a
 * redirect hop to another host waits for that host's turn too.
 *
 * Threat model: as `safe-fetch.ts`; in addition, the interval keeps a list of many URLs on one
 * host (a stranger's feed list, or many commenters naming one site) from becoming irl flooding
 * that host. A request refused by the guard still takes its turn, so refusals cannot be used to
 * jump the queue.
 *
 * @example
 * const fetcher = new PoliteFetcher({ cache: new StoreFetchCache(store.db) });
 * const { notModified, response } = await fetcher.fetch("https://blog.example/feed.xml");
 * if (!notModified && response?.status === 200) parse(response.body);
 */
import type { FetchCache } from "./fetch-cache.js";
import {
  OutboundRefused,
  type SafeFetchOptions,
  type SafeResponse,
  safeFetch,
} from "./safe-fetch.js";

export const USER_AGENT =
  "irl/0.1 (relationship-first networking; fetches only sites its user follows)";
export const DEFAULT_MIN_INTERVAL_MS = 1000;

export interface PoliteFetcherOptions
  extends Omit<SafeFetchOptions, "beforeHop" | "signal" | "method"> {
  /** Validators between runs; without one, nothing is conditional. */
  cache?: FetchCache;
  /** Least time between the starts of two requests to one host (default 1 s). */
  minIntervalMs?: number;
  userAgent?: string;
  /** The clock for stored times (ms since the epoch). */
  now?: () => number;
}

export interface PoliteFetchOptions {
  /** Send the stored validators (default true). */
  conditional?: boolean;
  method?: "GET" | "HEAD";
  maxBytes?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface PoliteResult {
  /** The server said the resource has not changed since the stored validators (304). */
  notModified: boolean;
  /** The answer; absent when `notModified`. */
  response?: SafeResponse;
}

export class PoliteFetcher {
  private readonly minIntervalMs: number;
  private readonly userAgent: string;
  private readonly now: () => number;
  /** Per host, the earliest (monotonic) time the next request may start. */
  private readonly nextStart = new Map<string, number>();

  constructor(private readonly options: PoliteFetcherOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.now = options.now ?? Date.now;
  }

  async fetch(url: string, options: PoliteFetchOptions = {}): Promise<PoliteResult> {
    const key = cacheKey(url);
    const cache = this.options.cache;
    const cached = key && cache && options.conditional !== false ? await cache.get(key) : undefined;
    const headers: Record<string, string> = {
      "user-agent": this.userAgent,
      ...lowerCase(this.options.headers),
      ...lowerCase(options.headers),
    };
    const conditional = Boolean(cached?.etag || cached?.lastModified);
    if (cached?.etag) headers["if-none-match"] ??= cached.etag;
    if (cached?.lastModified) headers["if-modified-since"] ??= cached.lastModified;

    // The first turn is waited for before the deadline starts; later hops wait within it.
    const host = hostOf(url);
    if (host) {
      await this.turn(host, options.signal).catch(() => {
        throw new OutboundRefused(url, "aborted", "the request was cancelled while it waited");
      });
    }
    const { cache: _c, minIntervalMs: _m, userAgent: _u, now: _n, ...safe } = this.options;
    const response = await safeFetch(url, {
      ...safe,
      headers,
      method: options.method ?? "GET",
      maxBytes: options.maxBytes ?? safe.maxBytes,
      timeoutMs: options.timeoutMs ?? safe.timeoutMs,
      signal: options.signal,
      beforeHop: (hop, index) => (index === 0 ? undefined : this.turn(hop.hostname)),
    });

    const at = this.now();
    if (response.status === 304 && conditional && cached) {
      if (cache && options.method !== "HEAD") {
        await cache.put({ ...cached, status: 304, fetchedAt: at, finalUrl: response.url });
      }
      return { notModified: true };
    }
    if (key && cache && options.method !== "HEAD") {
      const ok = response.status >= 200 && response.status < 300;
      await cache.put({
        url: key,
        etag: ok ? (response.headers.etag ?? null) : null,
        lastModified: ok ? (response.headers["last-modified"] ?? null) : null,
        status: response.status,
        finalUrl: response.url,
        fetchedAt: at,
        changedAt: at,
      });
    }
    return { notModified: false, response };
  }

  /** Waits until a request to `host` may start, and books the slot after it. */
  private async turn(host: string, signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, at + this.minIntervalMs);
    if (this.nextStart.size > 1000) {
      for (const [h, t] of this.nextStart) if (t < now) this.nextStart.delete(h);
    }
    if (at > now) await sleep(at - now, signal);
  }
}

function cacheKey(url: string): string | undefined {
  try {
    const u = new URL(url);
    u.hash = "";
    return u.href;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
