/**
 * Migration 0009_comments: the comment service's own tables — every comment posted to (or
 * imported into) `irl comments serve`, with its moderation status and the hashes that let its
 * author edit it for a short while — and the service's settings (the admin password's scrypt
 * hash, the secret its tokens are signed with).
 *
 * @example
 * // in migrations.ts provider():
 * "0009_comments": commentsMigration(dialect),
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../connection.js";
import { idColumn, notNull } from "../migrations.js";

export function commentsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable("comments"), dialect)
        // The page the thread belongs to, normalised (see comments/page-url.ts), and its host.
        .addColumn("page", "text", notNull)
        .addColumn("site", "text", notNull)
        .addColumn("page_title", "text")
        .addColumn("parent_id", "bigint")
        .addColumn("author_name", "text", notNull)
        // What the commenter typed: claims, not proof.
        .addColumn("email", "text")
        .addColumn("url", "text")
        // The Markdown subset the author wrote, and its sanitised HTML.
        .addColumn("body", "text", notNull)
        .addColumn("html", "text", notNull)
        // pending, approved, spam, deleted.
        .addColumn("status", "text", notNull)
        .addColumn("is_owner", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", notNull)
        .addColumn("edited_at", "bigint")
        .addColumn("edit_token_hash", "text")
        .addColumn("ip_hash", "text")
        .addColumn("notify", "integer", (c) => c.notNull().defaultTo(0))
        // Where an imported comment came from (`wxr:blog.example:post:3:comment:12`): re-imports
        // add nothing. Null for comments posted to the service.
        .addColumn("source_key", "text", (c) => c.unique())
        // Why the status is what it is ("first comment from this e-mail address").
        .addColumn("status_reason", "text")
        .execute();
      await db.schema
        .createIndex("comments_page")
        .on("comments")
        .columns(["page", "status", "created_at"])
        .execute();
      await db.schema
        .createIndex("comments_email")
        .on("comments")
        .columns(["email", "status"])
        .execute();
      await db.schema.createIndex("comments_parent").on("comments").column("parent_id").execute();
      await db.schema
        .createIndex("comments_status")
        .on("comments")
        .columns(["status", "created_at"])
        .execute();

      await db.schema
        .createTable("comment_settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", notNull)
        .execute();
    },
  };
}
