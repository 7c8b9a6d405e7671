/**
 * Runs the real `irl` binary (bin/irl.js over the compiled dist/) in a child process, as a
 * user would. `npm test` compiles first, so dist/ matches the sources.
 *
 * @example
 * const { code, stdout } = await runIrl(["stats", "--json", "--db", file]);
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export const IRL_BIN = path.resolve(here, "../../bin/irl.js");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runIrl(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [IRL_BIN, ...args], {
      env: { ...process.env, IRL_DB: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The corpora of real export files, beside the project (never copied into it). */
export const CORPORA = path.resolve(here, "../../../shared/corpora");
