import path from "node:path";
import { IrlError } from "../errors.js";
import { computeTies } from "../signals/compute-ties.js";
import { detectFormat, type Format, formatNamed, formats, HEAD_BYTES } from "../sources/index.js";
import type { IdentityRef, SourceRecord } from "../sources/records.js";
import type { SqlExecutor } from "../store/connection.js";
import type { Store } from "../store/store.js";
import { BatchWriter } from "./batch-writer.js";
import { hashInput, type Input, listInputs, readHead } from "./inputs.js";
import { formatPlace, type Problem, type ReportedError } from "./problems.js";
import { readRecords } from "./read-records.js";
import { type ResolveSummary, resolvePeople } from "./resolve-people.js";

export interface ImportOptions {
  /** Force a format instead of detecting it. */
  as?: string;
  /** The user's identities; when given, they replace the owner an export names. */
  me?: IdentityRef[];
  /** `--map column=field` for CSV files. */
  map?: Record<string, string>;
  /** "Today", for sources that expand recurrences up to it (tests pin it). */
  now?: number;
  /** Records per writer batch (several batches make one transaction). */
  batchSize?: number;
  /** Skip the identity-resolution pass after the files (it runs by default). */
  noResolve?: boolean;
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
  /** The identity-resolution pass run after the files, when it ran. */
  resolution?: ResolveSummary;
}

/** How many problems per file the import log keeps in full (all are counted). */
const KEPT_PROBLEMS = 1000;
/**
 * Records per writer batch, and per transaction: a commit costs about as much as writing a few
 * thousand rows (the pages it dirties go to the WAL, and are often checkpointed into the
 * database), so one transaction takes several batches; a batch is written as it arrives, so
 * memory holds one batch at a time.
 */
const DEFAULT_BATCH = 1000;
const TRANSACTION_RECORDS = 10_000;
const NOT_AN_EXPORT = "not an export file";

export async function runImport(
  store: Store,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const restore = await withoutMmap(store);
  try {
    return await importAll(store, paths, options);
  } finally {
    await restore();
  }
}

/**
 * SQLite pages read through its memory map count in the process's resident memory, so with
 * the map on, an import's memory would grow with the database it writes (to the map's 1 GiB).
 * The import reads through SQLite's own bounded page cache instead; the map comes back after.
 */
async function withoutMmap(store: Store): Promise<() => Promise<void>> {
  if (store.dialect !== "sqlite") return async () => {};
  const rows = await store.conn.all<{ mmap_size: number }>("PRAGMA mmap_size");
  const size = Number(rows[0]?.mmap_size ?? 0);
  if (size === 0) return async () => {};
  await store.conn.all("PRAGMA mmap_size = 0");
  return async () => {
    await store.conn.all(`PRAGMA mmap_size = ${size}`);
  };
}

async function importAll(
  store: Store,
  paths: readonly string[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const forced = options.as ? formatNamed(options.as) : undefined;
  if (options.as && !forced) {
    const known = formats.map((f) => f.format).join(", ");
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
  const missing = (file: string, message: string) =>
    summary.errors.push({ file, place: "whole file", message });
  for await (const input of listInputs(paths, missing)) {
    const result = await importFile(store, input, forced, options, summary);
    summary.files.push(result);
    summary.added += result.added;
    summary.unchanged += result.unchanged;
    summary.skipped += result.skipped;
    for (const [reason, n] of Object.entries(result.skippedBy)) {
      summary.skippedBy[reason] = (summary.skippedBy[reason] ?? 0) + n;
    }
    summary.errors.push(...result.errors);
  }
  if (!options.noResolve && summary.peopleAdded > 0) {
    summary.resolution = await resolvePeople(store);
  }
  if (summary.added > 0 || summary.resolution) await computeTies(store, options.now);
  return summary;
}

async function importFile(
  store: Store,
  input: Input,
  forced: Format | undefined,
  options: ImportOptions,
  totals: ImportSummary,
): Promise<FileSummary> {
  const file = input.display;
  const result: FileSummary = {
    file,
    format: null,
    bytes: input.bytes,
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
    head = await readHead(input, HEAD_BYTES);
  } catch (error) {
    return fail("whole file", `cannot read: ${(error as Error).message}`);
  }
  const format = forced ?? detectFormat(head);
  if (!format && !input.explicit) {
    // Exports come with READMEs, media and web pages beside the data: count them, quietly.
    result.skipped = 1;
    result.skippedBy[NOT_AN_EXPORT] = 1;
    return result;
  }
  if (!format) {
    const known = formats.map((f) => f.format).join(", ");
    return fail(
      "start of file",
      `not a format irl can import (known: ${known}; use --as to force one)`,
    );
  }
  result.format = format.format;

  const sha256 = await hashInput(input);
  const importId = await startImportLog(store, input, sha256, format.format);
  const me = await store.ensureMe();
  const writer = new BatchWriter({
    source: format.format,
    importId,
    me,
    claimOwners: !options.me?.length,
  });
  const problems: Problem[] = [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let pending: SourceRecord[] = [];
  let records = 0;

  const write = async (tx: SqlExecutor) => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const counts = await writer.write(tx, batch);
    result.added += counts.added;
    result.unchanged += counts.unchanged;
    result.skipped += counts.skipped;
    for (const p of counts.problems) {
      result.skippedBy[p.reason] = (result.skippedBy[p.reason] ?? 0) + 1;
      if (problems.length < KEPT_PROBLEMS) problems.push(p);
    }
  };

  let status = "done";
  const parseOptions = { map: options.map, now: options.now };
  const batches = readRecords(input, format, parseOptions)[Symbol.asyncIterator]();
  let more = true;
  try {
    // Several batches per transaction: a commit costs as much as thousands of rows.
    while (more) {
      await store.conn.transaction(async (tx) => {
        const end = records + TRANSACTION_RECORDS;
        try {
          while (records < end) {
            const next = await batches.next();
            if (next.done) {
              more = false;
              break;
            }
            const batch = next.value;
            for (const r of batch.records) pending.push(r);
            records += batch.records.length;
            if (pending.length >= batchSize) await write(tx);
            options.onProgress?.({
              file,
              bytesDone: batch.bytesDone,
              bytesTotal: result.bytes,
              records,
            });
          }
          await write(tx);
        } catch (error) {
          if (!(error instanceof IrlError && error.code === "input")) throw error;
          // Records read before the file went bad are whole: keep them, and say where it broke.
          await write(tx);
          more = false;
          status = "failed";
          fail(error.place ?? "whole file", error.message);
        }
      });
    }
  } finally {
    await batches.return?.();
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
  return result;
}

/** One log row per distinct content: a re-import updates it (`runs` + 1) instead of adding one. */
async function startImportLog(
  store: Store,
  input: Input,
  sha256: string,
  format: string,
): Promise<number> {
  const now = Date.now();
  const rows = await store.conn.all<{ id: number }>(
    `INSERT INTO imports (path, sha256, format, bytes, first_at, last_at, runs, status,
       added, unchanged, skipped, errors, problems)
     VALUES (?, ?, ?, ?, ?, ?, 1, 'running', 0, 0, 0, 0, '[]')
     ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, last_at = excluded.last_at,
       runs = imports.runs + 1, status = 'running'
     RETURNING id`,
    [
      input.entry === undefined
        ? path.resolve(input.file)
        : `${path.resolve(input.file)}/${input.entry}`,
      sha256,
      format,
      input.bytes,
      now,
      now,
    ],
  );
  return Number((rows[0] as { id: number }).id);
}
