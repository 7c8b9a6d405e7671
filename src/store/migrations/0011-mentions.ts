/**
 * Migration 0011_mentions: the comment service's mentions (Webmentions and Pingbacks received
 * for the blog's pages, with what verification found in the source) and the cache of each
 * commenter site's latest post (CommentLuv-style, refreshed politely).
 *
 * @example
 * // in migrations.ts provider():
 * "0011_mentions": mentionsMigration(dialect),
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../connection.js";
import { idColumn, notNull } from "../migrations.js";

export function mentionsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable("mentions"), dialect)
        .addColumn("source", "text", notNull)
        .addColumn("target", "text", notNull)
        // "webmention" or "pingback": how it was sent.
        .addColumn("protocol", "text", notNull)
        // pending (not verified yet), verified, rejected, deleted.
        .addColumn("status", "text", notNull)
        // Why the status is what it is, in plain words.
        .addColumn("reason", "text")
        // 1 while a verification is queued or running.
        .addColumn("checking", "integer", (c) => c.notNull().defaultTo(0))
        // reply, like, repost, bookmark, mention.
        .addColumn("type", "text")
        .addColumn("author_name", "text")
        .addColumn("author_url", "text")
        .addColumn("author_photo", "text")
        .addColumn("title", "text")
        .addColumn("content_text", "text")
        .addColumn("content_html", "text")
        .addColumn("url", "text")
        .addColumn("published_at", "bigint")
        .addColumn("received_at", "bigint", notNull)
        .addColumn("verified_at", "bigint")
        .addColumn("updated_at", "bigint", notNull)
        .addUniqueConstraint("mentions_source_target", ["source", "target"])
        .execute();
      await db.schema
        .createIndex("mentions_target")
        .on("mentions")
        .columns(["target", "status"])
        .execute();

      await db.schema
        .createTable("latest_posts")
        // The commenter's site, normalised (scheme and host lower-case, no fragment).
        .addColumn("site", "text", (c) => c.primaryKey())
        // ok (a post was found), none (no feed or no post), failed (the fetch failed).
        .addColumn("status", "text", notNull)
        .addColumn("title", "text")
        .addColumn("url", "text")
        .addColumn("published_at", "bigint")
        .addColumn("feed_url", "text")
        .addColumn("error", "text")
        .addColumn("fetched_at", "bigint", notNull)
        // Not fetched again before this time.
        .addColumn("next_at", "bigint", notNull)
        .execute();
    },
  };
}
