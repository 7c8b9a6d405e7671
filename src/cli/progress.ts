/**
 * A progress bar on stderr for long imports: bytes, rate, ETA and records. Only on a terminal
 * and never under `--json`; elsewhere it stays silent.
 *
 * @example
 * const bar = importProgress({ enabled: process.stderr.isTTY });
 * await runImport(store, paths, { onProgress: bar.update });
 * bar.stop();
 */
import path from "node:path";
import cliProgress from "cli-progress";
import type { ImportProgress } from "../pipeline/run-import.js";
import { formatBytes } from "./output.js";

export interface ProgressBar {
  update(progress: ImportProgress): void;
  stop(): void;
}

const MIN_BYTES = 4 * 1024 * 1024;

export function importProgress({ enabled }: { enabled: boolean }): ProgressBar {
  if (!enabled) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  let file = "";
  let started = 0;
  return {
    update(p) {
      if (p.bytesTotal < MIN_BYTES) return;
      if (p.file !== file) {
        bar?.stop();
        file = p.file;
        started = Date.now();
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${path.basename(file)} [{bar}] {percentage}% {done}/{size} {rate} ETA {eta_formatted} {records} records`,
            barsize: 24,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.bytesTotal, 0, {
          done: "0 B",
          size: formatBytes(p.bytesTotal),
          rate: "",
          records: 0,
        });
      }
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar?.update(p.bytesDone, {
        done: formatBytes(p.bytesDone),
        rate: `${formatBytes(p.bytesDone / seconds)}/s`,
        records: p.records.toLocaleString("en-US"),
      });
    },
    stop() {
      bar?.stop();
    },
  };
}
