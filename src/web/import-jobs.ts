/**
 * Imports started from the web app: an uploaded file (already streamed to a temporary folder)
 * goes through the same `runImport` as `irl import`, one at a time, with its progress kept for
 * the page to follow (Server-Sent Events or polling) and its summary kept when it is done. The
 * temporary folder is removed afterwards.
 *
 * @example
 * const job = jobs.start([tmpFile], "blog.xml");
 * jobs.get(job.id); // { state: "running", progress: { bytesDone, bytesTotal, records }, … }
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import { IrlError } from "../errors.js";
import { type ImportSummary, runImport } from "../pipeline/run-import.js";
import type { Store } from "../store/store.js";
import type { WriteLock } from "./write-lock.js";

export interface ImportJob {
  id: string;
  /** The file name as uploaded. */
  name: string;
  state: "queued" | "running" | "done" | "failed";
  startedAt: number;
  progress: { bytesDone: number; bytesTotal: number; records: number };
  summary?: ImportSummary;
  error?: string;
}

/** Finished jobs kept for the page to show. */
const KEEP = 50;
/** Progress events at most this often. */
const PROGRESS_MS = 200;

export class ImportJobs extends EventEmitter {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly store: Store,
    private readonly lock: WriteLock,
  ) {
    super();
    this.setMaxListeners(100);
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  list(): ImportJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Imports `file` (inside `tempDir`, removed afterwards); returns at once. */
  start(file: string, name: string, tempDir: string): ImportJob {
    const job: ImportJob = {
      id: randomUUID(),
      name,
      state: "queued",
      startedAt: Date.now(),
      progress: { bytesDone: 0, bytesTotal: 0, records: 0 },
    };
    this.jobs.set(job.id, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP))) {
      this.jobs.delete(old);
    }
    const tell = () => this.emit(job.id, job);
    let last = 0;
    void this.lock
      .run(async () => {
        job.state = "running";
        tell();
        job.summary = await runImport(this.store, [file], {
          onProgress: (p) => {
            job.progress = { bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, records: p.records };
            const now = Date.now();
            if (now - last >= PROGRESS_MS) {
              last = now;
              tell();
            }
          },
        });
        // The user sees the name they uploaded, not the temporary folder.
        const shown = (s: string) =>
          s
            .split(tempDir)
            .join("")
            .replace(/^[/\\]+/, "");
        for (const f of job.summary.files) f.file = shown(f.file);
        for (const e of job.summary.errors) e.file = shown(e.file);
        job.state = "done";
      })
      .catch((error: unknown) => {
        job.state = "failed";
        job.error =
          error instanceof IrlError ? error.message : `the import failed: ${String(error)}`;
      })
      .finally(() => {
        fs.rmSync(tempDir, { recursive: true, force: true });
        tell();
      });
    return job;
  }
}
