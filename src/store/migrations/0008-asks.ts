/**
 * Migration 0008_asks: whom the user asked about an opportunity, and when — so `irl match` does
 * not send the same person the next opening too soon. `opening` is the sha256 of the opening's
 * text (normalised whitespace), `about` its first line. An ask goes when its person is forgotten.
 *
 * @example
 * // in migrations.ts provider():
 * "0008_asks": asksMigration(dialect),
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../connection.js";
import { idColumn, notNull } from "../migrations.js";

export function asksMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable("asks"), dialect)
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("about", "text", notNull)
        .addColumn("opening", "text")
        .addColumn("asked_at", "bigint", notNull)
        .execute();
      await db.schema
        .createIndex("asks_person")
        .on("asks")
        .columns(["person_id", "asked_at"])
        .execute();
    },
  };
}
