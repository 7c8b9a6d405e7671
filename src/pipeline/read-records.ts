/**
 * Reads a file's records through its importer, on a worker thread when one is available, so
 * that parsing the next part of the file overlaps with writing the last one to the database
 * (the two take about as long as each other). Running from TypeScript sources (the tests),
 * where a worker cannot load, it parses on the calling thread: same importer, same records.
 *
 * Batches come with how many bytes of the file have been read, for progress. The worker runs
 * at most a few batches ahead of the writer, so memory stays bounded whatever the file size.
 * A fatal problem in the file arrives as the same `IrlError` the importer threw.
 *
 * @example
 * for await (const { records, bytesDone } of readRecords(file, wxrImporter)) { … }
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ErrorCode, IrlError } from "../errors.js";
import type { Importer, ParseOptions } from "../sources/importer.js";
import type { Format } from "../sources/index.js";
import type { SourceRecord } from "../sources/records.js";
import { type Input, openInput } from "./inputs.js";

export interface RecordBatch {
  records: SourceRecord[];
  bytesDone: number;
}

/** Messages from the parse worker. */
export type WorkerMessage =
  | { type: "batch"; records: SourceRecord[]; bytesDone: number }
  | { type: "error"; code: ErrorCode; message: string; file?: string; place?: string }
  | { type: "crash"; message: string }
  | { type: "end" };

/** How many batches the worker may run ahead of the writer. */
export const WORKER_CREDITS = 3;
/** A small young generation keeps the worker's memory down; its garbage is short-lived. */
const YOUNG_MB = 8;

const workerFile = fileURLToPath(new URL("./parse-worker.js", import.meta.url));

export async function* readRecords(
  input: Input,
  format: Format,
  options: ParseOptions = {},
): AsyncIterable<RecordBatch> {
  // The importer (and the libraries it parses with) is loaded only where it parses.
  if (fs.existsSync(workerFile)) yield* inWorker(input, format.format, options);
  else yield* inThread(input, await format.load(), options);
}

/** Parse on this thread. Also what the worker itself runs. */
export async function* inThread(
  input: Input,
  importer: Importer,
  options: ParseOptions,
): AsyncIterable<RecordBatch> {
  let bytesDone = 0;
  const stream = await openInput(input);
  async function* counted(): AsyncIterable<Buffer> {
    for await (const chunk of stream) {
      bytesDone += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  try {
    const source = { path: input.display, chunks: counted(), options };
    for await (const records of importer.parse(source)) {
      yield { records, bytesDone };
    }
  } finally {
    stream.destroy();
  }
}

async function* inWorker(
  input: Input,
  format: string,
  options: ParseOptions,
): AsyncIterable<RecordBatch> {
  const worker = new Worker(workerFile, {
    workerData: { input, format, options },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const push = (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  };
  worker.on("message", push);
  worker.on("error", (error) => push({ type: "crash", message: error.message }));
  worker.on("exit", (code) => {
    if (code !== 0) push({ type: "crash", message: `parse worker exited with code ${code}` });
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift() as WorkerMessage;
      switch (message.type) {
        case "batch":
          yield { records: message.records, bytesDone: message.bytesDone };
          worker.postMessage("ack");
          break;
        case "error":
          throw new IrlError(message.code, message.message, message);
        case "crash":
          throw new Error(`reading ${input.display} failed: ${message.message}`);
        case "end":
          return;
      }
    }
  } finally {
    await worker.terminate();
  }
}
