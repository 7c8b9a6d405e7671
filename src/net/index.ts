/**
 * The outbound guard and polite fetcher: the one safe way irl fetches a URL someone else
 * supplied. `safeFetch` refuses loopback, private, link-local and other non-public addresses in
 * every spelling, pins the connection to the checked address and caps redirects, time and
 * bytes; `PoliteFetcher` adds a User-Agent, conditional requests and a per-host interval;
 * `latestPost` finds a site's feed and its newest entry. See each module's header for the
 * threat model.
 *
 * @example
 * import { latestPost, PoliteFetcher, StoreFetchCache } from "../net/index.js";
 * const fetcher = new PoliteFetcher({ cache: new StoreFetchCache(store.db) });
 * const post = await latestPost("https://ada.example/", fetcher); // or null, or OutboundRefused
 */
export {
  type AddressPolicy,
  type AddressVerdict,
  classifyAddress,
  parseHostLiteral,
  refusedHostName,
} from "./address-policy.js";
export {
  COMMON_FEED_PATHS,
  discoverFeeds,
  type FeedFetcher,
  type LatestPost,
  type LatestPostOptions,
  latestPost,
  safeLinkUrl,
} from "./feed-discovery.js";
export {
  type CachedFetch,
  type FetchCache,
  MemoryFetchCache,
  StoreFetchCache,
} from "./fetch-cache.js";
export {
  DEFAULT_MIN_INTERVAL_MS,
  PoliteFetcher,
  type PoliteFetcherOptions,
  type PoliteFetchOptions,
  type PoliteResult,
  USER_AGENT,
} from "./polite-fetcher.js";
export {
  defaultLookup,
  type Lookup,
  OutboundRefused,
  type RefusalReason,
  type SafeFetchOptions,
  type SafeResponse,
  safeFetch,
} from "./safe-fetch.js";
