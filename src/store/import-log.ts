/**
 * The import log as people read it: one entry per distinct file content, an import that never
 * finished shown as "interrupted". `irl stats --json` and the web app's `/api/stats` print it.
 *
 * @example
 * const log = await importLog(store);
 * log[0]; // { path: "blog.xml", format: "wxr", runs: 2, status: "done", added: 812, … }
 */
import type { Store } from "./store.js";

export interface ImportLogEntry {
  path: string;
  format: string;
  sha256: string;
  bytes: number;
  runs: number;
  status: string;
  added: number;
  unchanged: number;
  skipped: number;
  errors: number;
  lastAt: string;
}

export async function importLog(store: Store): Promise<ImportLogEntry[]> {
  return (await store.imports()).map((i) => ({
    path: i.path,
    format: i.format,
    sha256: i.sha256,
    bytes: Number(i.bytes),
    runs: i.runs,
    status: i.status === "running" ? "interrupted" : i.status,
    added: i.added,
    unchanged: i.unchanged,
    skipped: i.skipped,
    errors: i.errors,
    lastAt: new Date(Number(i.last_at)).toISOString(),
  }));
}
