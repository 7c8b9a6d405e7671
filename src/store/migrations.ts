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
} from "kysely";
import { IrlError } from "../errors.js";

type Dialect = "sqlite" | "postgres";

function idColumn<T extends string>(table: CreateTableBuilder<T>, dialect: Dialect) {
  return dialect === "postgres"
    ? table.addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

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

function provider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => ({ "0001_initial": initial(dialect) }) };
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
