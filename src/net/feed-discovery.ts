/**
 * Finding a site's feed and its newest post: what the comment service shows under a
 * commenter's name ("their latest post") and what `irl engage --fetch` follows.
 *
 * `discoverFeeds(html, baseUrl)` lists the feeds a page's head names (`<link rel="alternate">`
 * of an RSS, Atom, RDF or JSON Feed type, comment feeds last), then the paths blogs commonly serve
 * their feed at (`/feed`, `/rss.xml`, `/atom.xml`, `/index.xml`, `/feed.xml`).
 * `latestPost(siteUrl, fetcher)` fetches the site, tries those feeds in order (the site URL may
 * itself be a feed), parses the first that reads with the feed importer's parser (feedsmith),
 * and returns its newest entry.
 *
 * Threat model: the site URL, the page, the feed and every link in them are a stranger's. All
 * fetches go through the given fetcher (a `PoliteFetcher`, so through `safeFetch`'s guard);
 * a feed link pointing at a refused address is skipped like a missing one; at most
 * `maxCandidates` feeds are tried, each capped in bytes. The post's URL is shown to others as a
 * link, so it must be an http(s) URL without credentials whose host is not a refused address or
 * a local-network name (`safeLinkUrl`); `javascript:` or `http://127.0.0.1/…` entries are passed
 * over. Titles are plain text (HTML stripped), at most 200 characters.
 *
 * @example
 * discoverFeeds('<link rel="alternate" type="application/atom+xml" href="/atom">', "https://ada.example/");
 * // ["https://ada.example/atom", "https://ada.example/feed", "https://ada.example/rss.xml", …]
 * const post = await latestPost("https://ada.example/", new PoliteFetcher());
 * // { title: "On engines", url: "https://ada.example/engines", publishedAt: 1735725600000, feedUrl: "https://ada.example/atom" }
 */
import { Parser } from "htmlparser2";
import { looksLikeFeed } from "../sources/feed/detect.js";
import { type Entry, normalise, type Text } from "../sources/feed/entries.js";
import { parseText } from "../sources/feed/index.js";
import { collapse, PlainText } from "../sources/shared/plain-text.js";
import { decodeFeed } from "../sources/shared/xml-decode.js";
import {
  type AddressPolicy,
  classifyAddress,
  parseHostLiteral,
  refusedHostName,
} from "./address-policy.js";
import type { PoliteFetcher } from "./polite-fetcher.js";
import { OutboundRefused } from "./safe-fetch.js";

export const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
  "application/x-rss+xml",
  "application/x-atom+xml",
  "text/xml",
  "application/xml",
]);
export const COMMON_FEED_PATHS = ["/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml"];

export interface LatestPost {
  /** Plain text: the entry's title, else the start of its text, else its URL. */
  title: string;
  url: string;
  /** Milliseconds since the epoch, or null when the feed gives no usable date. */
  publishedAt: number | null;
  feedUrl: string;
}

export interface LatestPostOptions {
  /** Feeds tried at most (default 6). */
  maxCandidates?: number;
  /** Largest feed read (default 4 MB). */
  maxFeedBytes?: number;
  /** Now, for passing over entries dated in the future (default Date.now()). */
  now?: number;
  /** TEST-ONLY: addresses a post's link may name although the rules refuse them. */
  policy?: AddressPolicy;
}

export type FeedFetcher = Pick<PoliteFetcher, "fetch">;

/** The feeds a page names, then the common feed paths of its site; http(s) only, no repeats. */
export function discoverFeeds(html: string, baseUrl: string): string[] {
  const linked = linkedFeeds(html, baseUrl);
  const out = new Set(linked);
  for (const path of COMMON_FEED_PATHS) {
    const url = absolute(path, baseUrl);
    if (url) out.add(url);
  }
  return [...out];
}

/** The `<link rel="alternate">` feeds of a page, resolved against `<base href>` and the page. */
function linkedFeeds(html: string, pageUrl: string): string[] {
  let base: string | undefined;
  const links: { href: string; title: string }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "base" && base === undefined && attrs.href) {
          base = absolute(attrs.href, pageUrl);
        } else if (name === "link" && attrs.href) {
          const rels = (attrs.rel ?? "").toLowerCase().split(/\s+/);
          const type = (attrs.type ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
          if (rels.includes("alternate") && FEED_TYPES.has(type)) {
            links.push({ href: attrs.href, title: attrs.title ?? "" });
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // Feed links belong in <head>: the body, often most of the page, is not parsed.
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  parser.write(headEnd === -1 ? html : html.slice(0, headEnd));
  parser.end();
  const resolved = links.flatMap((link) => {
    const url = absolute(link.href.trim(), base ?? pageUrl);
    return url ? [{ url, comments: /comment/i.test(`${link.title} ${url}`) }] : [];
  });
  // Comment feeds last: their newest entry is someone's comment, not the site's post.
  return [...resolved.filter((l) => !l.comments), ...resolved.filter((l) => l.comments)].map(
    (l) => l.url,
  );
}

/**
 * The newest post of a site, or null when it has no readable feed with a usable entry.
 * Throws OutboundRefused when the site URL itself is refused or cannot be fetched; a feed
 * candidate that is refused, missing or unreadable is passed over.
 */
export async function latestPost(
  siteUrl: string,
  fetcher: FeedFetcher,
  options: LatestPostOptions = {},
): Promise<LatestPost | null> {
  const maxFeedBytes = options.maxFeedBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? Date.now();
  const { response: page } = await fetcher.fetch(siteUrl, {
    conditional: false,
    maxBytes: maxFeedBytes,
  });
  if (!page || page.status < 200 || page.status >= 300) return null;
  const text = decodeFeed(page.body);
  if (looksLikeFeed(text.slice(0, 4096))) return newestIn(text, page.url, now, options.policy);

  const tried = new Set([page.url]);
  const candidates = discoverFeeds(text, page.url).filter((url) => !tried.has(url));
  for (const feedUrl of candidates.slice(0, options.maxCandidates ?? 6)) {
    let body: Buffer;
    let finalUrl: string;
    try {
      const { response } = await fetcher.fetch(feedUrl, {
        conditional: false,
        maxBytes: maxFeedBytes,
      });
      if (!response || response.status < 200 || response.status >= 300) continue;
      body = response.body;
      finalUrl = response.url;
    } catch (error) {
      if (error instanceof OutboundRefused) continue;
      throw error;
    }
    const feedText = decodeFeed(body);
    if (!looksLikeFeed(feedText.slice(0, 4096))) continue;
    const post = newestIn(feedText, finalUrl, now, options.policy);
    if (post) return post;
  }
  return null;
}

/** The newest entry with a safe link in a feed's text, or null (also when it does not parse). */
function newestIn(
  text: string,
  feedUrl: string,
  now: number,
  policy: AddressPolicy | undefined,
): LatestPost | null {
  let parsed: ReturnType<typeof normalise>;
  try {
    parsed = normalise(parseText(text, feedUrl));
  } catch {
    return null;
  }
  const { meta, entries } = parsed;
  const plain = new PlainText();
  let best: { entry: Entry; url: string; at: number | null; index: number } | undefined;
  entries.forEach((entry, index) => {
    const base = entry.base ?? meta.base ?? feedUrl;
    const link = entry.link ?? (entry.id && /^https?:/i.test(entry.id) ? entry.id : undefined);
    const url = link === undefined ? null : safeLinkUrl(link, absolute(base, feedUrl), policy);
    if (url === null) return;
    let at = dateOf(entry.published) ?? dateOf(entry.updated);
    if (at !== null && at > now + 24 * 3600 * 1000) at = null;
    // Dated entries beat undated ones; among undated, the feed's own order (newest first).
    if (!best || (at !== null && (best.at === null || at > best.at))) {
      best = { entry, url, at, index };
    }
  });
  if (!best) return null;
  const title =
    textOf(best.entry.title, plain) || clip(textOf(best.entry.body, plain), 80) || best.url;
  return { title: clip(title, 200), url: best.url, publishedAt: best.at, feedUrl };
}

/**
 * The link as an absolute URL safe to show and follow: http(s), no credentials, at most 2,048
 * characters, and a host that is neither a refused IP literal nor a local-network name.
 */
export function safeLinkUrl(link: string, base?: string, policy?: AddressPolicy): string | null {
  let url: URL;
  try {
    url = new URL(link.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.href.length > 2048) return null;
  const literal = parseHostLiteral(url.hostname);
  if (literal !== null) return classifyAddress(literal, policy).allowed ? url.href : null;
  return refusedHostName(url.hostname) === null ? url.href : null;
}

function absolute(link: string, base: string): string | undefined {
  try {
    const url = new URL(link, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function dateOf(value: string | undefined): number | null {
  if (!value) return null;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) ? null : at;
}

function textOf(text: Text | undefined, plain: PlainText): string {
  if (!text) return "";
  return text.html ? plain.of(text.value) : collapse(text.value);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
