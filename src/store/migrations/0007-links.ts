/**
 * Migration 0007_links: who knows whom. `links` holds one row per pair of people (the lower id
 * first) that the user's exports show know each other — from interactions between the two
 * (replies to each other on the user's blog, e-mails that copied both, messages), small events
 * both attended, and the user's own ties — with a strength 0–1, the evidence in plain words and
 * the counts behind it. `graph_people` keeps what the graph says of each person (how many links,
 * how active lately), so who-to-meet-next can rank without scanning the table.
 * Both are recomputed with the ties (signals/graph/compute-links.ts).
 *
 * @example
 * // in migrations.ts provider():
 * "0007_links": linksMigration(),
 */
import type { Kysely, Migration } from "kysely";
import { notNull } from "../migrations.js";

export function linksMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("links")
        .addColumn("person_a", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("person_b", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("strength", "double precision", notNull)
        // JSON array of evidence sentences; `{a}` and `{b}` stand for the two people's names.
        .addColumn("evidence", "text", notNull)
        // Interactions a → b and b → a, small events both attended, channels (comma-separated).
        .addColumn("from_a", "integer", notNull)
        .addColumn("from_b", "integer", notNull)
        .addColumn("shared_events", "integer", notNull)
        .addColumn("channels", "text", notNull)
        .addColumn("last_at", "bigint")
        .addColumn("computed_at", "bigint", notNull)
        .addPrimaryKeyConstraint("links_pk", ["person_a", "person_b"])
        .execute();
      // Both ends, each with what a path search reads, so neighbours come from the index alone.
      // writeLinks (signals/graph/compute-links.ts) drops and rebuilds these two: keep its
      // LINK_INDEXES the same as here.
      await db.schema
        .createIndex("links_a")
        .on("links")
        .columns(["person_a", "strength", "person_b", "last_at"])
        .execute();
      await db.schema
        .createIndex("links_b")
        .on("links")
        .columns(["person_b", "strength", "person_a", "last_at"])
        .execute();

      await db.schema
        .createTable("graph_people")
        .addColumn("person_id", "bigint", (c) =>
          c.primaryKey().references("people.id").onDelete("cascade"),
        )
        // Links in the graph, and the sum of their strengths.
        .addColumn("degree", "integer", notNull)
        .addColumn("strength_sum", "double precision", notNull)
        // Acts with anyone, 7-day half-life, as of computed_at; their latest act anywhere.
        .addColumn("recent", "double precision", notNull)
        .addColumn("last_active_at", "bigint")
        // New links lately: Σ 0.5^(age of the link / 14 days).
        .addColumn("growth", "double precision", notNull)
        .execute();
      await db.schema
        .createIndex("graph_people_degree")
        .on("graph_people")
        .columns(["degree"])
        .execute();
      await db.schema
        .createIndex("graph_people_recent")
        .on("graph_people")
        .columns(["recent"])
        .execute();
      await db.schema
        .createIndex("graph_people_growth")
        .on("graph_people")
        .columns(["growth"])
        .execute();
    },
  };
}
