/**
 * A site as one short stable string for keys, handle platforms and name scopes (the blog a WXR
 * file comes from, a feed's site): lowercase host and path without scheme, `www.` or trailing slash.
 *
 * @example
 * siteOf("https://www.Example.com/blog/"); // "example.com/blog"
 * siteRoot("http://Pinger.example/2024/05/post/"); // "http://pinger.example/"
 */

export const UNKNOWN_SITE = "unknown-site";

/** The first candidate that normalises to a site, else "unknown-site". */
export function siteOf(...candidates: (string | undefined)[]): string {
  for (const candidate of candidates) {
    const site = candidate ? normaliseSite(candidate) : undefined;
    if (site) return site;
  }
  return UNKNOWN_SITE;
}

/** `host/path` for a blog URL, or undefined when it is not a URL. */
export function normaliseSite(link: string): string | undefined {
  const url = parseUrl(link);
  if (!url) return undefined;
  const host = url.host.startsWith("www.") ? url.host.slice(4) : url.host;
  let end = url.pathname.length;
  while (end > 0 && url.pathname.charCodeAt(end - 1) === 47) end--;
  return host + url.pathname.slice(0, end);
}

/** `scheme://host/` of a URL (the site a pingback came from), or undefined. */
export function siteRoot(link: string): string | undefined {
  const url = parseUrl(link);
  return url ? `${url.protocol}//${url.host}/` : undefined;
}

function parseUrl(link: string): URL | undefined {
  const text = link.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text.includes("://") ? text : `http://${text}`);
    return url.host ? url : undefined;
  } catch {
    return undefined;
  }
}
