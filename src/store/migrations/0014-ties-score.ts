/**
 * Migration 0014_ties_score: ties by strength, so `irl due` walks the strongest ties first and
 * stops at the owed replies it lists, instead of sorting every owed reply of a large graph.
 *
 * @example
 * // in migrations.ts provider():
 * "0014_ties_score": tiesScoreMigration(),
 */
import type { Kysely, Migration } from "kysely";

export function tiesScoreMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex("ties_score")
        .ifNotExists()
        .on("ties")
        .columns(["score"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("ties_score").ifExists().execute();
    },
  };
}
