/**
 * The parse worker: runs one importer over one file and posts its record batches to the
 * import pipeline (see `read-records.ts`), never more than `WORKER_CREDITS` batches ahead.
 */
import { parentPort, workerData } from "node:worker_threads";
import { IrlError } from "../errors.js";
import type { ParseOptions } from "../sources/importer.js";
import { formatNamed } from "../sources/index.js";
import type { Input } from "./inputs.js";
import { inThread, WORKER_CREDITS, type WorkerMessage } from "./read-records.js";

const { input, format, options } = workerData as {
  input: Input;
  format: string;
  options: ParseOptions;
};
const port = parentPort;
if (!port) throw new Error("parse-worker.js runs as a worker thread");

let credits = WORKER_CREDITS;
let refill: (() => void) | undefined;
port.on("message", () => {
  credits++;
  refill?.();
});
const post = (message: WorkerMessage) => port.postMessage(message);

try {
  const importer = await formatNamed(format)?.load();
  if (!importer) throw new Error(`no importer for ${format}`);
  for await (const batch of inThread(input, importer, options)) {
    while (credits === 0) await new Promise<void>((resolve) => (refill = resolve));
    credits--;
    post({ type: "batch", ...batch });
  }
  post({ type: "end" });
} catch (error) {
  if (error instanceof IrlError) {
    post({
      type: "error",
      code: error.code,
      message: error.message,
      file: error.file,
      place: error.place,
    });
  } else {
    post({ type: "crash", message: (error as Error)?.stack ?? String(error) });
  }
} finally {
  port.close();
}
