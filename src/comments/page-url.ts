/**
 * A thread's page, normalised: one thread per page however the embedding site spells its URL.
 * Only http and https; the host lower-cased, the default port and the fragment dropped, tracking
 * parameters (`utm_*`, `fbclid`, `gclid`) removed, the rest of the query kept in order.
 *
 * @example
 * normalizePage("HTTPS://Blog.Example:443/post/1?utm_source=x#comments");
 * // { page: "https://blog.example/post/1", site: "blog.example" }
 */

export interface PageRef {
  page: string;
  /** The host (with a non-default port): which site the thread belongs to. */
  site: string;
  /** The page's origin, `https://blog.example`. */
  origin: string;
}

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$/i;
/** Longer page URLs are refused: nobody's page is that long, and it bounds the cache key. */
export const MAX_PAGE_LENGTH = 2000;

/** The normalised page, or undefined when `raw` is not an http(s) URL a thread can live on. */
export function normalizePage(raw: string | null | undefined): PageRef | undefined {
  if (!raw || raw.length > MAX_PAGE_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (!url.hostname || url.username || url.password) return undefined;
  url.hash = "";
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING.test(name)) url.searchParams.delete(name);
  }
  if ([...url.searchParams.keys()].length === 0) url.search = "";
  return { page: url.toString(), site: url.host, origin: url.origin };
}
