/**
 * The stores every storage test runs on: a fresh SQLite file, and a fresh PostgreSQL schema
 * when the global setup found a server. Each `open()` gives an empty store; `cleanup()` removes
 * what the test made.
 *
 * @example
 * describe.each(storeTargets())("stats on $name", (target) => { … target.open() … });
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { StoreLocation } from "../store/location.js";
import { openStore, type Store } from "../store/store.js";

export interface StoreTarget {
  name: "sqlite" | "postgres";
  /** A new, empty store location. */
  location(): Promise<StoreLocation>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [sqliteTarget()];
  const url = inject("pgUrl");
  if (url) targets.push(postgresTarget(url));
  return targets;
}

export function tempDir(prefix = "irl-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function sqliteTarget(): StoreTarget {
  const dirs: string[] = [];
  const location = async (): Promise<StoreLocation> => {
    const dir = tempDir();
    dirs.push(dir);
    return { dialect: "sqlite", location: path.join(dir, "irl.db") };
  };
  return {
    name: "sqlite",
    location,
    open: async () => openStore(await location()),
    async cleanup() {
      for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgresTarget(url: string): StoreTarget {
  const schemas: string[] = [];
  const location = async (): Promise<StoreLocation> => {
    const schema = `irl_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    schemas.push(schema);
    const u = new URL(url);
    u.searchParams.set("schema", schema);
    return { dialect: "postgres", location: u.toString() };
  };
  return {
    name: "postgres",
    location,
    open: async () => openStore(await location()),
    async cleanup() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
