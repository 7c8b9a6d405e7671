/**
 * `irl engage --fetch`: refresh the feeds of the people I am building rapport with, politely
 * (through a `PoliteFetcher`: conditional requests, a per-host interval, the outbound guard that
 * refuses private addresses), and store new entries as their posts with the feed importer's own
 * keys — so fetching twice, or importing the same feed file later, adds nothing. A site that
 * fails is reported with its reason and the others go on.
 *
 * @example
 * const report = await refreshFeeds(store, { fetcher: new PoliteFetcher(), onProgress: console.error });
 * report.sites; // [{ person: 12, site: "https://ada.example/", status: "ok", added: 2 }, …]
 */

import { discoverFeeds } from "../net/feed-discovery.js";
import type { PoliteFetcher } from "../net/polite-fetcher.js";
import { BatchWriter } from "../pipeline/batch-writer.js";
import { graphNow } from "../signals/compute-ties.js";
import { assemble } from "../sources/feed/assemble.js";
import { looksLikeFeed } from "../sources/feed/detect.js";
import { normalise } from "../sources/feed/entries.js";
import { parseText } from "../sources/feed/index.js";
import type { SourceRecord } from "../sources/records.js";
import { decodeFeed } from "../sources/shared/xml-decode.js";
import type { Store } from "../store/store.js";
import { rapportPeople } from "./engage.js";

export interface SiteRefresh {
  person: number;
  name: string;
  site: string;
  status: "ok" | "unchanged" | "no feed" | "failed";
  feed?: string;
  added: number;
  /** Why it failed, in plain words. */
  error?: string;
}

export interface RefreshReport {
  sites: SiteRefresh[];
  added: number;
  failed: number;
}

export interface RefreshOptions {
  fetcher: Pick<PoliteFetcher, "fetch">;
  onProgress?: (line: string) => void;
  /** Largest feed read (default 4 MB). */
  maxFeedBytes?: number;
}

/** Every site identity of the people worth engaging with. */
async function sitesToRefresh(
  store: Store,
): Promise<{ person: number; name: string; site: string }[]> {
  const people = await rapportPeople(store);
  const ids = [...people.keys()];
  const out: { person: number; name: string; site: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await store.conn.all<{ person_id: number; display: string }>(
      `SELECT person_id, display FROM identities WHERE kind = 'url' AND verified = 1
       AND person_id IN (${chunk.map(() => "?").join(", ")}) ORDER BY person_id, id`,
      chunk,
    );
    for (const r of rows) {
      const id = Number(r.person_id);
      out.push({ person: id, name: people.get(id)?.name ?? `#${id}`, site: r.display });
    }
  }
  return out;
}

export async function refreshFeeds(store: Store, options: RefreshOptions): Promise<RefreshReport> {
  const sites = await sitesToRefresh(store);
  const me = await store.ensureMe();
  const writer = new BatchWriter({ source: "feed", importId: 0, me, claimOwners: false });
  const report: RefreshReport = { sites: [], added: 0, failed: 0 };
  const now = await graphNow(store);
  let n = 0;
  for (const s of sites) {
    n++;
    options.onProgress?.(`[${n}/${sites.length}] ${s.name}: ${s.site}`);
    const result: SiteRefresh = { ...s, status: "no feed", added: 0 };
    try {
      const found = await fetchFeed(s.site, options);
      if (found === "unchanged") result.status = "unchanged";
      else if (found) {
        result.feed = found.url;
        const records: SourceRecord[] = assemble(normalise(parseText(found.text, found.url)));
        // A post dated in the future is a clock error, not news.
        const usable = records.filter(
          (r) => r.type !== "content" || r.at === undefined || r.at <= now + 86_400_000,
        );
        const counts = await store.conn.transaction((tx) => writer.write(tx, usable));
        result.added = counts.added;
        result.status = "ok";
      }
    } catch (error) {
      result.status = "failed";
      result.error = (error as Error).message;
      report.failed++;
    }
    report.added += result.added;
    report.sites.push(result);
    const detail =
      result.status === "failed"
        ? `failed: ${result.error}`
        : result.status === "ok"
          ? `${result.added} new`
          : result.status;
    options.onProgress?.(`  ${detail}`);
  }
  return report;
}

/** The site's feed text: the site itself when it is a feed, else the first feed it names. */
async function fetchFeed(
  site: string,
  options: RefreshOptions,
): Promise<{ url: string; text: string } | "unchanged" | null> {
  const maxBytes = options.maxFeedBytes ?? 4 * 1024 * 1024;
  // The page is read whole each time (it names the feed); the feed itself is asked for
  // conditionally, so an unchanged feed costs a 304.
  const first = await options.fetcher.fetch(site, { maxBytes, conditional: false });
  const page = first.response;
  if (!page || page.status < 200 || page.status >= 300) {
    throw new Error(`the site answered ${page?.status ?? "nothing"}`);
  }
  const text = decodeFeed(page.body);
  if (looksLikeFeed(text.slice(0, 4096))) return { url: page.url, text };
  for (const feedUrl of discoverFeeds(text, page.url).slice(0, 6)) {
    const got = await options.fetcher.fetch(feedUrl, { maxBytes });
    if (got.notModified) return "unchanged";
    const r = got.response;
    if (!r || r.status < 200 || r.status >= 300) continue;
    const feedText = decodeFeed(r.body);
    if (looksLikeFeed(feedText.slice(0, 4096))) return { url: r.url, text: feedText };
  }
  return null;
}
