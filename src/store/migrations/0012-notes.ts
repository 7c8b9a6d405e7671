/**
 * Migration 0012_notes: the user's own notes on a person (what they said at dinner, what to ask
 * next time), written in the web app. A note goes when its person is forgotten.
 *
 * @example
 * // in migrations.ts provider():
 * "0012_notes": notesMigration(dialect),
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../connection.js";
import { idColumn, notNull } from "../migrations.js";

export function notesMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable("notes"), dialect)
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("body", "text", notNull)
        .addColumn("created_at", "bigint", notNull)
        .execute();
      await db.schema.createIndex("notes_person").on("notes").columns(["person_id"]).execute();
    },
  };
}
