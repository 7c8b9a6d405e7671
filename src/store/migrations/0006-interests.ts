/**
 * Migration 0006_interests: what each person writes about, as last computed
 * (see signals/interests/compute.ts) — their top terms and phrases with a weight and how many of
 * their texts use each — and the document frequency of every term seen in two texts or more,
 * which weights free texts (a job opening, an event description) the same way.
 *
 * @example
 * // in migrations.ts provider():
 * "0006_interests": interestsMigration(),
 */
import type { Kysely, Migration } from "kysely";
import { notNull } from "../migrations.js";

export function interestsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("interests")
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("term", "text", notNull)
        // The term's share of the person's unit-length vector (0–1).
        .addColumn("weight", "real", notNull)
        // How many of their texts use the term, and how often it occurs in all of them.
        .addColumn("texts", "integer", notNull)
        .addColumn("uses", "integer", notNull)
        .addPrimaryKeyConstraint("interests_pk", ["person_id", "term"])
        .execute();
      await db.schema.createIndex("interests_term").on("interests").column("term").execute();

      await db.schema
        .createTable("interest_terms")
        .addColumn("term", "text", (c) => c.primaryKey())
        .addColumn("df", "integer", notNull)
        .execute();
    },
  };
}
