/**
 * What every command shares: the `--db` and `--json` options, and opening the store for the
 * length of one command.
 *
 * @example
 * common(new Command("stats")).action(async (opts) => withStore(opts, async (store) => …));
 */
import { type Command, Option, type OptionValues } from "@commander-js/extra-typings";
import { resolveLocation } from "../store/location.js";
import { openStore, type Store } from "../store/store.js";

export interface CommonOptions {
  db?: string;
  json?: boolean;
}

export function common<A extends unknown[], O extends OptionValues>(command: Command<A, O>) {
  return command
    .addOption(
      new Option("--db <file>", "the database: a SQLite file or a postgres:// URL").env("IRL_DB"),
    )
    .option("--json", "print a machine-readable result on stdout");
}

export async function withStore<T>(
  options: CommonOptions,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(resolveLocation(options.db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
