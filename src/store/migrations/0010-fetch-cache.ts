/**
 * Migration 0010_fetch_cache: what the polite fetcher (`net/polite-fetcher.ts`) remembers per URL
 * so the next fetch can be conditional — the validators the server gave (ETag, Last-Modified),
 * when it was last fetched and when it last changed, its status and where it redirected to.
 *
 * @example
 * // in migrations.ts provider():
 * "0010_fetch_cache": fetchCacheMigration(),
 */
import type { Kysely, Migration } from "kysely";
import { notNull } from "../migrations.js";

export function fetchCacheMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("fetch_cache")
        // The URL as asked for (before redirects).
        .addColumn("url", "text", (c) => c.primaryKey())
        .addColumn("etag", "text")
        .addColumn("last_modified", "text")
        // The last answer's status (304 when it was "not modified").
        .addColumn("status", "integer", notNull)
        .addColumn("final_url", "text")
        .addColumn("fetched_at", "bigint", notNull)
        // The last time a full answer (not a 304) came.
        .addColumn("changed_at", "bigint")
        .execute();
    },
  };
}
