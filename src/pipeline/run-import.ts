/**
 * The import pipeline: files and folders in, a summary out.
 *
 * For each file: detect the format from its first bytes (or take `--as`), hash it, stream it
 * through its importer, and write the records in batches, one transaction each. A crash or
 * Ctrl-C loses at most the batch in flight; because every row has a stable source key, running
 * the same import again completes it and adds nothing twice. The import log keeps one row per
 * distinct file content (sha256), with its counts and first problems.
 *
 * @example
 * const summary = await runImport(store, ["blog.xml"], { onProgress: console.error });
 * console.log(summary.added, summary.errors);
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { IrlError } from "../errors.js";
import type { Importer } from "../sources/importer.js";
import { detectFormat, HEAD_BYTES, importerFor, importers } from "../sources/index.js";
import type { IdentityRef, SourceRecord } from "../sources/records.js";
import type { Store } from "../store/store.js";
import { BatchWriter } from "./batch-writer.js";
import { formatPlace, type Problem, type ReportedError } from "./problems.js";
import { readRecords } from "./read-records.js";

export interface ImportOptions {
  /** Force a format instead of detecting it. */
  as?: string;
  /** The user's identities; when given, they replace the owner an export names. */
  me?: IdentityRef[];
  /** Records per transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  /** Records read so far in this file. */
  records: number;
}

export interface FileSummary {
  file: string;
  format: string | null;
  bytes: number;
  added: number;
  unchanged: number;
  skipped: number;
  skippedBy: Record<string, number>;
  errors: ReportedError[];
}

export interface ImportSummary {
  added: number;
  unchanged: number;
  skipped: number;
  skippedBy: Record<string, number>;
  errors: ReportedError[];
  peopleAdded: number;
  identitiesAdded: number;
  files: FileSummary[];
}

/** How many problems per file the import log keeps in full (all are counted). */
const KEPT_PROBLEMS = 1000;
const DEFAULT_BATCH = 2000;

export async function runImport(
  store: Store,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const forced = options.as ? importerFor(options.as) : undefined;
  if (options.as && !forced) {
    const known = importers.map((i) => i.format).join(", ");
    throw new IrlError("usage", `unknown format "${options.as}" (known: ${known})`);
  }
  if (options.me?.length) {
    const unusable = await store.addMyIdentities(options.me);
    if (unusable.length) {
      throw new IrlError(
        "usage",
        `--me ${unusable.map((r) => r.value).join(", ")}: not an e-mail, URL or handle`,
      );
    }
  }
  const summary: ImportSummary = {
    added: 0,
    unchanged: 0,
    skipped: 0,
    skippedBy: {},
    errors: [],
    peopleAdded: 0,
    identitiesAdded: 0,
    files: [],
  };
  for (const file of expandPaths(paths, summary)) {
    const result = await importFile(store, file, forced, options, summary);
    summary.files.push(result);
    summary.added += result.added;
    summary.unchanged += result.unchanged;
    summary.skipped += result.skipped;
    for (const [reason, n] of Object.entries(result.skippedBy)) {
      summary.skippedBy[reason] = (summary.skippedBy[reason] ?? 0) + n;
    }
    summary.errors.push(...result.errors);
  }
  return summary;
}

/** Files to import, in a stable order; folders are walked; missing paths become errors. */
function* expandPaths(paths: readonly string[], summary: ImportSummary): Iterable<string> {
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      summary.errors.push({ file: p, place: "whole file", message: "no such file or folder" });
      continue;
    }
    if (stat.isDirectory()) {
      const entries = fs
        .readdirSync(p, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name));
      yield* expandPaths(
        entries.filter((e) => !e.name.startsWith(".")).map((e) => path.join(p, e.name)),
        summary,
      );
    } else {
      yield p;
    }
  }
}

async function importFile(
  store: Store,
  file: string,
  forced: Importer | undefined,
  options: ImportOptions,
  totals: ImportSummary,
): Promise<FileSummary> {
  const result: FileSummary = {
    file,
    format: null,
    bytes: 0,
    added: 0,
    unchanged: 0,
    skipped: 0,
    skippedBy: {},
    errors: [],
  };
  const fail = (place: string, message: string) => {
    result.errors.push({ file, place, message });
    return result;
  };
  let head: string;
  try {
    const fd = fs.openSync(file, "r");
    try {
      result.bytes = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.min(HEAD_BYTES, result.bytes));
      fs.readSync(fd, buf, 0, buf.length, 0);
      head = buf.toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return fail("whole file", `cannot read: ${(error as Error).message}`);
  }
  const importer = forced ?? detectFormat(head);
  if (!importer) {
    const known = importers.map((i) => i.format).join(", ");
    return fail(
      "start of file",
      `not a format irl can import (known: ${known}; use --as to force one)`,
    );
  }
  result.format = importer.format;

  const sha256 = await hashFile(file);
  const importId = await startImportLog(store, file, sha256, importer.format, result.bytes);
  const me = await store.ensureMe();
  const writer = new BatchWriter({
    source: importer.format,
    importId,
    me,
    claimOwners: !options.me?.length,
  });
  const problems: Problem[] = [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let pending: SourceRecord[] = [];
  let records = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const counts = await store.conn.transaction((tx) => writer.write(tx, batch));
    result.added += counts.added;
    result.unchanged += counts.unchanged;
    result.skipped += counts.skipped;
    for (const p of counts.problems) {
      if (p.reason) result.skippedBy[p.reason] = (result.skippedBy[p.reason] ?? 0) + 1;
      if (problems.length < KEPT_PROBLEMS) problems.push(p);
    }
  };

  let status = "done";
  try {
    for await (const batch of readRecords(file, importer)) {
      for (const r of batch.records) pending.push(r);
      records += batch.records.length;
      if (pending.length >= batchSize) await flush();
      options.onProgress?.({ file, bytesDone: batch.bytesDone, bytesTotal: result.bytes, records });
    }
    await flush();
  } catch (error) {
    if (!(error instanceof IrlError && error.code === "input")) throw error;
    // Records read before the file went bad are whole: keep them, and say where it broke.
    await flush();
    status = "failed";
    fail(error.place ?? "whole file", error.message);
  }
  totals.peopleAdded += writer.resolver.peopleAdded;
  totals.identitiesAdded += writer.resolver.identitiesAdded;
  const logged = [
    ...result.errors.map((e) => ({ place: e.place, message: e.message })),
    ...problems.map((p) => ({ place: formatPlace(p.place), message: p.message, reason: p.reason })),
  ].slice(0, KEPT_PROBLEMS);
  await store.conn.run(
    `UPDATE imports SET status = ?, added = ?, unchanged = ?, skipped = ?, errors = ?, problems = ?
     WHERE id = ?`,
    [
      status,
      result.added,
      result.unchanged,
      result.skipped,
      result.errors.length,
      JSON.stringify(logged),
      importId,
    ],
  );
  for (const p of problems) {
    if (!p.reason) result.errors.push({ file, place: formatPlace(p.place), message: p.message });
  }
  return result;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/** One log row per distinct content: a re-import updates it (`runs` + 1) instead of adding one. */
async function startImportLog(
  store: Store,
  file: string,
  sha256: string,
  format: string,
  bytes: number,
): Promise<number> {
  const now = Date.now();
  const rows = await store.conn.all<{ id: number }>(
    `INSERT INTO imports (path, sha256, format, bytes, first_at, last_at, runs, status,
       added, unchanged, skipped, errors, problems)
     VALUES (?, ?, ?, ?, ?, ?, 1, 'running', 0, 0, 0, 0, '[]')
     ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, last_at = excluded.last_at,
       runs = imports.runs + 1, status = 'running'
     RETURNING id`,
    [path.resolve(file), sha256, format, bytes, now, now],
  );
  return Number((rows[0] as { id: number }).id);
}
