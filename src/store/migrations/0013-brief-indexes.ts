/**
 * Migration 0013_brief_indexes: what the event brief reads per person, from an index.
 * `interactions_said` holds, per pair (sender, recipient), the interactions that have words
 * (a body) or a thread, newest last — so "what did we last talk about" is one short backward
 * walk per person, however many wordless messages a heavy tie carries. `identities_kind_value`
 * covers name lookups by prefix ("ada b…"), so counting and reading them never leaves the index.
 * `ties_computed_at` makes the "are the ties fresh?" check, run before every read, a short one.
 *
 * @example
 * // in migrations.ts provider():
 * "0013_brief_indexes": briefIndexesMigration(),
 */
import { type Kysely, type Migration, sql } from "kysely";

export function briefIndexesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Queries must repeat the condition word for word to use it (SQLite's rule).
      await db.schema
        .createIndex("interactions_said")
        .on("interactions")
        .columns(["from_person_id", "to_person_id", "occurred_at"])
        .where(sql<boolean>`body IS NOT NULL OR thread_id IS NOT NULL`)
        .execute();
      await db.schema
        .createIndex("identities_kind_value")
        .on("identities")
        .columns(["kind", "value", "person_id"])
        .execute();
      // The freshness check every reader of ties makes first (`ensureTies`: count and oldest).
      await db.schema.createIndex("ties_computed_at").on("ties").columns(["computed_at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("ties_computed_at").execute();
      await db.schema.dropIndex("identities_kind_value").execute();
      await db.schema.dropIndex("interactions_said").execute();
    },
  };
}
