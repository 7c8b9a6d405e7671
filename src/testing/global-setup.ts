/**
 * Before the tests: find out whether a PostgreSQL server answers, so every storage test runs
 * on SQLite and, where one is available, on PostgreSQL too. `IRL_TEST_PG` names the server
 * (default postgres://postgres@127.0.0.1:5432/test); `IRL_TEST_PG=off` skips it.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const wanted = process.env.IRL_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
  let url: string | null = null;
  if (wanted !== "off") {
    const client = new pg.Client({ connectionString: wanted, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      url = wanted;
    } catch (error) {
      process.stderr.write(
        `PostgreSQL at ${wanted} does not answer (${(error as Error).message}): storage tests run on SQLite only.\n`,
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
  if (url) process.stderr.write(`Storage tests run on SQLite and on PostgreSQL at ${url}.\n`);
  project.provide("pgUrl", url);
}
