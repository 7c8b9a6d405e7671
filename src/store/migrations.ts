/**
 * Versioned schema migrations, run on every open. Each migration is written once with
 * Kysely's schema builder and runs on SQLite and PostgreSQL alike; the only dialect
 * difference, how an auto-incrementing id is declared, lives in `idColumn`.
 * Never edit a migration that has shipped: add the next one.
 */
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
} from "kysely";
import { IrlError } from "../errors.js";
import { interestsMigration } from "./migrations/0006-interests.js";
import { linksMigration } from "./migrations/0007-links.js";
import { asksMigration } from "./migrations/0008-asks.js";
import { commentsMigration } from "./migrations/0009-comments.js";
import { fetchCacheMigration } from "./migrations/0010-fetch-cache.js";
import { mentionsMigration } from "./migrations/0011-mentions.js";
import { notesMigration } from "./migrations/0012-notes.js";
import { briefIndexesMigration } from "./migrations/0013-brief-indexes.js";
import { tiesScoreMigration } from "./migrations/0014-ties-score.js";

type Dialect = "sqlite" | "postgres";

export function idColumn<T extends string>(table: CreateTableBuilder<T>, dialect: Dialect) {
  return dialect === "postgres"
    ? table.addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable("people"), dialect)
        .addColumn("display_name", "text", notNull)
        .addColumn("is_me", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", notNull)
        .execute();

      await idColumn(db.schema.createTable("identities"), dialect)
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("kind", "text", notNull)
        .addColumn("value", "text", notNull)
        .addColumn("display", "text", notNull)
        .addColumn("key", "text", (c) => c.unique())
        .addColumn("source", "text", notNull)
        .addColumn("created_at", "bigint", notNull)
        .addUniqueConstraint("identities_person_kind_value", ["person_id", "kind", "value"])
        .execute();

      await idColumn(db.schema.createTable("imports"), dialect)
        .addColumn("path", "text", notNull)
        .addColumn("sha256", "text", (c) => c.notNull().unique())
        .addColumn("format", "text", notNull)
        .addColumn("bytes", "bigint", notNull)
        .addColumn("first_at", "bigint", notNull)
        .addColumn("last_at", "bigint", notNull)
        .addColumn("runs", "integer", notNull)
        .addColumn("status", "text", notNull)
        .addColumn("added", "integer", notNull)
        .addColumn("unchanged", "integer", notNull)
        .addColumn("skipped", "integer", notNull)
        .addColumn("errors", "integer", notNull)
        .addColumn("problems", "text", notNull)
        .execute();

      await idColumn(db.schema.createTable("threads"), dialect)
        .addColumn("key", "text", (c) => c.notNull().unique())
        .addColumn("url", "text")
        .addColumn("title", "text")
        .execute();

      await idColumn(db.schema.createTable("interactions"), dialect)
        .addColumn("source_key", "text", (c) => c.notNull().unique())
        .addColumn("import_id", "bigint")
        .addColumn("channel", "text", notNull)
        .addColumn("kind", "text", notNull)
        .addColumn("direction", "text", notNull)
        .addColumn("occurred_at", "bigint", notNull)
        .addColumn("from_person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("to_person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("thread_id", "bigint", (c) => c.references("threads.id"))
        .addColumn("reply_to", "text")
        .addColumn("body", "text")
        .addColumn("size", "integer", notNull)
        .addColumn("status", "text", notNull)
        .execute();

      await idColumn(db.schema.createTable("content"), dialect)
        .addColumn("source_key", "text", (c) => c.notNull().unique())
        .addColumn("import_id", "bigint")
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("kind", "text", notNull)
        .addColumn("title", "text")
        .addColumn("url", "text")
        .addColumn("body", "text")
        .addColumn("published_at", "bigint")
        .execute();

      await idColumn(db.schema.createTable("contacts"), dialect)
        .addColumn("source_key", "text", (c) => c.notNull().unique())
        .addColumn("import_id", "bigint")
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("channel", "text", notNull)
        .addColumn("kind", "text", notNull)
        .addColumn("at", "bigint")
        .execute();

      await idColumn(db.schema.createTable("details"), dialect)
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("field", "text", notNull)
        .addColumn("value", "text", notNull)
        .addColumn("source", "text", notNull)
        .addColumn("created_at", "bigint", notNull)
        .addUniqueConstraint("details_person_field_value", ["person_id", "field", "value"])
        .execute();

      await idColumn(db.schema.createTable("events"), dialect)
        .addColumn("source_key", "text", (c) => c.notNull().unique())
        .addColumn("title", "text", notNull)
        .addColumn("starts_at", "bigint")
        .addColumn("ends_at", "bigint")
        .addColumn("location", "text")
        .addColumn("url", "text")
        .addColumn("import_id", "bigint")
        .execute();

      await idColumn(db.schema.createTable("attendance"), dialect)
        .addColumn("event_id", "bigint", (c) =>
          c.notNull().references("events.id").onDelete("cascade"),
        )
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("role", "text", notNull)
        .addColumn("source_key", "text", (c) => c.notNull().unique())
        .execute();

      const indexes: [string, string, string[]][] = [
        ["identities_person", "identities", ["person_id"]],
        ["interactions_from", "interactions", ["from_person_id", "occurred_at"]],
        ["interactions_to", "interactions", ["to_person_id", "occurred_at"]],
        ["content_person", "content", ["person_id"]],
        ["attendance_person", "attendance", ["person_id"]],
        ["contacts_person", "contacts", ["person_id"]],
        ["details_person", "details", ["person_id"]],
      ];
      for (const [name, table, columns] of indexes) {
        await db.schema.createIndex(name).on(table).columns(columns).execute();
      }
      await db.schema.createIndex("people_one_me").on("people").column("is_me").execute();
    },
  };
}

/**
 * Identity resolution and the user's corrections: which identity each row came through (so a
 * split can hand rows back), whether an identity was verified or only claimed, why it belongs
 * to its person, the merge log, rules the user set, candidates for review, the forgotten, and
 * the user's own flags on people (pin, snooze, tier).
 */
function resolution(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const add = async (table: string, column: string, type: "bigint" | "text" | "integer") => {
        await db.schema.alterTable(table).addColumn(column, type).execute();
      };
      await rebuildIdentities(db, dialect);
      await add("interactions", "from_identity_id", "bigint");
      await add("interactions", "to_identity_id", "bigint");
      await add("content", "identity_id", "bigint");
      await add("contacts", "identity_id", "bigint");
      await add("attendance", "identity_id", "bigint");

      await idColumn(db.schema.createTable("merges"), dialect)
        .addColumn("into_person_id", "bigint", notNull)
        .addColumn("from_person_id", "bigint", notNull)
        .addColumn("from_name", "text", notNull)
        .addColumn("method", "text", notNull)
        .addColumn("probability", "real")
        .addColumn("reasons", "text", notNull)
        .addColumn("identity_ids", "text", notNull)
        .addColumn("created_at", "bigint", notNull)
        .execute();

      await idColumn(db.schema.createTable("identity_rules"), dialect)
        .addColumn("kind", "text", notNull)
        .addColumn("identity_a", "bigint", notNull)
        .addColumn("identity_b", "bigint", notNull)
        .addColumn("created_at", "bigint", notNull)
        .addUniqueConstraint("identity_rules_unique", ["kind", "identity_a", "identity_b"])
        .execute();

      await idColumn(db.schema.createTable("dupe_candidates"), dialect)
        .addColumn("person_a", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("person_b", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("probability", "real", notNull)
        .addColumn("reasons", "text", notNull)
        .addColumn("created_at", "bigint", notNull)
        .addUniqueConstraint("dupe_candidates_pair", ["person_a", "person_b"])
        .execute();

      await db.schema
        .createTable("forgotten")
        .addColumn("key_hash", "text", (c) => c.primaryKey())
        .addColumn("created_at", "bigint", notNull)
        .execute();

      await db.schema
        .createTable("person_flags")
        .addColumn("person_id", "bigint", (c) =>
          c.primaryKey().references("people.id").onDelete("cascade"),
        )
        .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("snoozed_until", "bigint")
        .addColumn("tier", "text")
        .addColumn("updated_at", "bigint", notNull)
        .execute();

      // Small facts about the store itself ("resolved_through": the last person id resolved).
      await db.schema
        .createTable("meta")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", notNull)
        .execute();

      const indexes: [string, string, string[]][] = [
        ["interactions_from_identity", "interactions", ["from_identity_id"]],
        ["interactions_to_identity", "interactions", ["to_identity_id"]],
        ["identity_rules_b", "identity_rules", ["identity_b"]],
        ["merges_into", "merges", ["into_person_id"]],
      ];
      for (const [name, table, columns] of indexes) {
        await db.schema.createIndex(name).on(table).columns(columns).execute();
      }
    },
  };
}

/**
 * identities, rebuilt: + `verified` and `reason`; and one person may now hold the same value
 * twice under different keys (a claimed and a verified copy of one address), so uniqueness is
 * the key's, and for keyless names (person, kind, value). No table references identities.
 */
async function rebuildIdentities(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable("identities_v2"), dialect)
    .addColumn("person_id", "bigint", (c) =>
      c.notNull().references("people.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", notNull)
    .addColumn("value", "text", notNull)
    .addColumn("display", "text", notNull)
    .addColumn("key", "text", (c) => c.unique())
    .addColumn("source", "text", notNull)
    .addColumn("created_at", "bigint", notNull)
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("reason", "text")
    .execute();
  const columns = "id, person_id, kind, value, display, key, source, created_at";
  await sql`INSERT INTO identities_v2 (${sql.raw(columns)}) SELECT ${sql.raw(columns)} FROM identities`.execute(
    db,
  );
  await db.schema.dropTable("identities").execute();
  await db.schema.alterTable("identities_v2").renameTo("identities").execute();
  if (dialect === "postgres") {
    // The identity sequence must continue after the copied ids.
    await sql`SELECT setval(pg_get_serial_sequence('identities', 'id'), coalesce(max(id), 0) + 1, false) FROM identities`.execute(
      db,
    );
  }
  await db.schema.createIndex("identities_person").on("identities").column("person_id").execute();
  await db.schema.createIndex("identities_value").on("identities").column("value").execute();
  await db.schema
    .createIndex("identities_person_name")
    .on("identities")
    .columns(["person_id", "kind", "value"])
    .unique()
    .where(sql.ref("key"), "is", null)
    .execute();
}

/** Tie strength and tier per person, recomputed after imports and corrections. */
function ties(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("ties")
        .addColumn("person_id", "bigint", (c) =>
          c.primaryKey().references("people.id").onDelete("cascade"),
        )
        .addColumn("score", "real", notNull)
        .addColumn("tier", "text", notNull)
        .addColumn("tier_reason", "text", notNull)
        .addColumn("reasons", "text", notNull)
        .addColumn("last_at", "bigint")
        .addColumn("dialog_in", "integer", notNull)
        .addColumn("dialog_out", "integer", notNull)
        .addColumn("last_in_at", "bigint")
        .addColumn("last_out_at", "bigint")
        .addColumn("computed_at", "bigint", notNull)
        .execute();

      await db.schema.createIndex("ties_tier").on("ties").columns(["tier", "score"]).execute();
    },
  };
}

/**
 * Replies the user owes, found while ties are computed: per person and place (a thread, or
 * a channel when there is none), their latest answerable message no message of mine followed.
 */
function owed(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable("owed"), dialect)
        .addColumn("person_id", "bigint", (c) =>
          c.notNull().references("people.id").onDelete("cascade"),
        )
        .addColumn("interaction_id", "bigint", notNull)
        .addColumn("channel", "text", notNull)
        .addColumn("kind", "text", notNull)
        .addColumn("thread_id", "bigint")
        .addColumn("at", "bigint", notNull)
        .addColumn("waiting", "integer", notNull)
        .execute();
      await db.schema.createIndex("owed_person").on("owed").column("person_id").execute();
    },
  };
}

/** What `irl people` lists, kept with each tie so the list never reads the interactions. */
function tiesSummary(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const ties = () => db.schema.alterTable("ties");
      await ties()
        .addColumn("events", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await ties()
        .addColumn("observed", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await ties()
        .addColumn("channels", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await ties().addColumn("first_at", "bigint").execute();
      // Computed again on the next read, with the new columns filled.
      await sql`DELETE FROM ties`.execute(db);
    },
  };
}

function provider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: async () => ({
      "0001_initial": initial(dialect),
      "0002_resolution": resolution(dialect),
      "0003_ties": ties(),
      "0004_owed": owed(dialect),
      "0005_ties_summary": tiesSummary(),
      "0006_interests": interestsMigration(),
      "0007_links": linksMigration(),
      "0008_asks": asksMigration(dialect),
      "0009_comments": commentsMigration(dialect),
      "0010_fetch_cache": fetchCacheMigration(),
      "0011_mentions": mentionsMigration(dialect),
      "0012_notes": notesMigration(dialect),
      "0013_brief_indexes": briefIndexesMigration(),
      "0014_ties_score": tiesScoreMigration(),
    }),
  };
}

/** Bring the schema up to date; throws an IrlError naming the failing migration. */
export async function migrateToLatest(
  db: Kysely<any>,
  dialect: Dialect,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: provider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new IrlError("store", `database migration ${failed} failed: ${String(error)}`);
  }
}
