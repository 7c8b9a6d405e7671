/**
 * Where the store lives: `--db`, else `$IRL_DB`, else `irl.db` in the user's data folder
 * (`$XDG_DATA_HOME/irl`, `~/.local/share/irl`, or `%APPDATA%\irl` on Windows).
 * A `postgres://` or `postgresql://` URL selects the server store.
 *
 * @example
 * resolveLocation(undefined, {}) // { dialect: "sqlite", location: "/home/ada/.local/share/irl/irl.db" }
 */
import os from "node:os";
import path from "node:path";
import type { Dialect } from "./connection.js";

export interface StoreLocation {
  dialect: Dialect;
  location: string;
}

export function resolveLocation(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): StoreLocation {
  const chosen = flag || env.IRL_DB || defaultFile(env);
  if (/^postgres(ql)?:\/\//i.test(chosen)) return { dialect: "postgres", location: chosen };
  return { dialect: "sqlite", location: path.resolve(chosen) };
}

function defaultFile(env: NodeJS.ProcessEnv): string {
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "irl", "irl.db");
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), ".local", "share");
  return path.join(base, "irl", "irl.db");
}
