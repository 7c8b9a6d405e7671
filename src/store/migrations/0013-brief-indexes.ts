/**
 * Migration 0013_brief_indexes: what the event brief reads per person, from an index.
 * `interactions_said` holds, per pair (sender, recipient), the interactions that have words
 * (a body) or a thread, newest last — so "what did we last talk about" is one short backward
 * walk per person, however many wordless messages a heavy tie carries.
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
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("interactions_said").execute();
    },
  };
}
