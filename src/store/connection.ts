/**
 * One connection to either database, behind the same small interface: Kysely for ordinary
 * queries, and a raw executor (`?` placeholders) for the import hot path, where building a
 * Kysely query per row would cost more than the insert itself.
 *
 * SQLite: better-sqlite3, WAL, one file; prepared statements are cached by SQL text.
 * PostgreSQL: a pg pool; `?schema=NAME` in the URL keeps irl's tables in a schema of its own.
 *
 * @example
 * const conn = await connect("sqlite", "/tmp/irl.db");
 * await conn.transaction(async (tx) => tx.run("DELETE FROM people WHERE id = ?", [3]));
 */
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { IrlError } from "../errors.js";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

/** Runs raw SQL written with `?` placeholders, on whichever database. */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Like `all`, each row an array of its columns in order: cheaper on large reads. */
  arrays(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Insert many rows into `table`, skipping any whose unique key is already there
   * (`ON CONFLICT DO NOTHING`). Returns how many rows were new.
   */
  insertNew(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<number>;
}

export interface Connection extends SqlExecutor {
  readonly kysely: Kysely<Database>;
  /** PostgreSQL: the schema irl's tables live in. */
  readonly schema?: string;
  /** Runs `fn` inside one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) and numeric counts as strings; irl's ids and times fit in a
// double, so read them as numbers everywhere.
pg.types.setTypeParser(20, (v) => Number(v));

export async function connect(dialect: Dialect, location: string): Promise<Connection> {
  return dialect === "sqlite" ? connectSqlite(location) : connectPostgres(location);
}

function connectSqlite(file: string): Connection {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("cache_size = -16384");
    // Reads straight from the mapped file, not a copy per page: random lookups on a big graph
    // (who-to-meet-next reads thousands of scattered rows) cost half as much.
    db.pragma("mmap_size = 1073741824");
    db.pragma("temp_store = MEMORY");
  } catch (error) {
    throw new IrlError("store", `cannot open the database ${file}: ${(error as Error).message}`);
  }
  const statements = new Map<string, BetterSqlite3.Statement>();
  const rawStatements = new Map<string, BetterSqlite3.Statement>();
  const prepareRaw = (sql: string) => {
    let stmt = rawStatements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql).raw(true);
      rawStatements.set(sql, stmt);
    }
    return stmt;
  };
  const prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const exec: SqlExecutor = {
    dialect: "sqlite",
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async arrays(sql: string, params: readonly unknown[] = []) {
      return prepareRaw(sql).all(...params) as unknown[][];
    },
    async run(sql, params = []) {
      return prepare(sql).run(...params).changes;
    },
    async insertNew(table, columns, rows) {
      // One prepared single-row statement, run per row: as fast as multi-row VALUES in SQLite.
      const stmt = prepare(insertSql(table, columns, 1));
      let count = 0;
      for (const row of rows) count += stmt.run(...row).changes;
      return count;
    },
  };
  return {
    ...exec,
    kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) }),
    async transaction(fn) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(exec);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}

async function connectPostgres(url: string): Promise<Connection> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new IrlError("usage", `schema name "${schema}" must be lower-case letters, digits, _`);
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 4,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    else await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new IrlError("store", `cannot connect to ${redact(parsed)}: ${(error as Error).message}`);
  }
  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    dialect: "postgres",
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(toDollar(sql), params as unknown[])).rows as T[];
    },
    async arrays(sql: string, params: readonly unknown[] = []) {
      const result = await client.query({
        text: toDollar(sql),
        values: params as unknown[],
        rowMode: "array",
      });
      return result.rows as unknown[][];
    },
    async run(sql, params = []) {
      return (await client.query(toDollar(sql), params as unknown[])).rowCount ?? 0;
    },
    async insertNew(table, columns, rows) {
      let count = 0;
      // PostgreSQL allows 65535 parameters per statement.
      const perStatement = Math.max(1, Math.min(1000, Math.floor(60000 / columns.length)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const slice = rows.slice(i, i + perStatement);
        const sql = toDollar(insertSql(table, columns, slice.length));
        const result = await client.query(sql, slice.flat() as unknown[]);
        count += result.rowCount ?? 0;
      }
      return count;
    },
  });
  return {
    ...executor(pool),
    schema: schema ?? "public",
    kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(executor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function insertSql(table: string, columns: readonly string[], rows: number) {
  const one = `(${columns.map(() => "?").join(", ")})`;
  const values = Array.from({ length: rows }, () => one).join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values} ON CONFLICT DO NOTHING`;
}

/** `?` → `$1, $2, …`. irl's raw SQL never puts a `?` inside a string literal. */
export function toDollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function redact(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.password) copy.password = "***";
  return copy.toString();
}
