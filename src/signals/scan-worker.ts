/**
 * The second thread of a large interaction scan (my-events.ts): reads the interactions with
 * ids above `after` from the SQLite file, read-only, into a ScanPart and sends its columns
 * back (transferred, not copied).
 *
 * @example
 * new Worker(new URL("./scan-worker.js", import.meta.url), { workerData: { file, me, after, capacity, maxPerson } });
 */
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import { pages, partMessage, ScanPart } from "./my-events.js";

const { file, me, after, capacity, maxPerson } = workerData as {
  file: string;
  me: number;
  after: number;
  capacity: number;
  maxPerson: number;
};
const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
db.pragma("mmap_size = 1073741824");
db.pragma("cache_size = -16384");
const statements = new Map<string, BetterSqlite3.Statement>();
const conn = {
  dialect: "sqlite" as const,
  async arrays(sql: string, params: readonly unknown[] = []) {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql).raw(true);
      statements.set(sql, stmt);
    }
    return stmt.all(...params) as unknown[][];
  },
};
try {
  const part = new ScanPart(me, capacity, maxPerson);
  for await (const page of pages(conn, after)) part.add(page);
  const { message, transfer } = partMessage(part);
  parentPort?.postMessage(message, transfer);
} finally {
  db.close();
}
