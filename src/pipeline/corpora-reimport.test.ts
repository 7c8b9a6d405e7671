/**
 * Every folder of real export files in `../shared/corpora/` goes through `irl import` twice, on
 * each store: the second run adds nothing — no record, no row in any table — and says the same
 * about each file (the same format, the same errors for the files that are broken on purpose).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { CORPORA } from "../testing/cli.js";
import { storeTargets } from "../testing/stores.js";
import { type ImportSummary, runImport } from "./run-import.js";

const FOLDERS = ["wxr", "disqus", "vcard", "ics", "feeds", "twitter", "linkedin", "mbox"].filter(
  (name) => existsSync(path.join(CORPORA, name)),
);
const run = FOLDERS.length > 0 ? describe.each(storeTargets()) : describe.skip.each(storeTargets());

async function rowCounts(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    "people",
    "identities",
    "interactions",
    "content",
    "contacts",
    "details",
    "threads",
    "events",
    "attendance",
  ] as const) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

function perFile(summary: ImportSummary) {
  return summary.files.map((f) => ({
    file: f.file,
    format: f.format,
    errors: f.errors.map((e) => e.message),
  }));
}

run("every corpus imported twice, on $name", (target) => {
  it.each(FOLDERS)(
    "%s: the second import adds nothing",
    async (folder) => {
      const store = await target.open();
      try {
        const dir = path.join(CORPORA, folder);
        const first = await runImport(store, [dir], { noResolve: true });
        expect(
          first.files.some((f) => f.format !== null),
          `${folder} holds an export`,
        ).toBe(true);
        expect(first.added).toBeGreaterThan(0);
        const before = await rowCounts(store);
        const again = await runImport(store, [dir], { noResolve: true });
        expect(again.added).toBe(0);
        expect(perFile(again)).toEqual(perFile(first));
        expect(await rowCounts(store)).toEqual(before);
      } finally {
        await store.close();
        await target.cleanup();
      }
    },
    120_000,
  );
});
