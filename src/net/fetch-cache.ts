/**
 * Where the polite fetcher keeps each URL's validators (ETag, Last-Modified) between runs, so
 * the next fetch asks "changed since?" and an unchanged feed costs the server a 304. Two
 * implementations of one small interface: in memory (tests, one-off runs) and in the store's
 * `fetch_cache` table (SQLite or PostgreSQL).
 *
 * @example
 * const cache = new StoreFetchCache(store.db);
 * await cache.put({ url, etag: '"abc"', lastModified: null, status: 200, finalUrl: url, fetchedAt: Date.now(), changedAt: Date.now() });
 * (await cache.get(url))?.etag; // '"abc"'
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

export interface CachedFetch {
  /** The URL as asked for, before redirects. */
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** The last answer's status; 304 when it was "not modified". */
  status: number;
  finalUrl: string | null;
  fetchedAt: number;
  /** When a full answer (not a 304) last came. */
  changedAt: number | null;
}

export interface FetchCache {
  get(url: string): Promise<CachedFetch | undefined>;
  put(entry: CachedFetch): Promise<void>;
}

export class MemoryFetchCache implements FetchCache {
  private readonly entries = new Map<string, CachedFetch>();

  async get(url: string): Promise<CachedFetch | undefined> {
    const entry = this.entries.get(url);
    return entry && { ...entry };
  }

  async put(entry: CachedFetch): Promise<void> {
    this.entries.set(entry.url, { ...entry });
  }
}

export class StoreFetchCache implements FetchCache {
  constructor(private readonly db: Kysely<Database>) {}

  async get(url: string): Promise<CachedFetch | undefined> {
    const row = await this.db
      .selectFrom("fetch_cache")
      .selectAll()
      .where("url", "=", url)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      url: row.url,
      etag: row.etag,
      lastModified: row.last_modified,
      status: Number(row.status),
      finalUrl: row.final_url,
      fetchedAt: Number(row.fetched_at),
      changedAt: row.changed_at === null ? null : Number(row.changed_at),
    };
  }

  async put(entry: CachedFetch): Promise<void> {
    const values = {
      etag: entry.etag,
      last_modified: entry.lastModified,
      status: entry.status,
      final_url: entry.finalUrl,
      fetched_at: entry.fetchedAt,
      changed_at: entry.changedAt,
    };
    await this.db
      .insertInto("fetch_cache")
      .values({ url: entry.url, ...values })
      .onConflict((oc) => oc.column("url").doUpdateSet(values))
      .execute();
  }
}
