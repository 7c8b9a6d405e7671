/**
 * For the web app's tests and screenshots: the sample world written, imported into a new
 * SQLite store the way `irl demo` does (its reference date as "today"), and the app served on
 * a free port of 127.0.0.1.
 *
 * @example
 * const world = await sampleWorld({ people: 60 });
 * const server = await startWebServer(world.store, { port: 0 });
 * …
 * await server.close(); await world.close();
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runImport } from "../pipeline/run-import.js";
import { writeSample } from "../sample/index.js";
import type { Truths } from "../sample/truths.js";
import { openStore, type Store } from "../store/store.js";

export interface SampleWorld {
  store: Store;
  truths: Truths;
  dir: string;
  close(): Promise<void>;
}

export async function sampleWorld(options: {
  people: number;
  seed?: number;
}): Promise<SampleWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-web-"));
  const manifest = await writeSample(path.join(dir, "exports"), {
    seed: options.seed ?? 1,
    people: options.people,
  });
  const store = await openStore({ dialect: "sqlite", location: path.join(dir, "irl.db") });
  const today = Date.parse(manifest.truths.referenceDate);
  await store.conn.run(
    `INSERT INTO meta (key, value) VALUES ('fixed_now', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [String(today)],
  );
  await runImport(
    store,
    manifest.files.map((f) => f.path),
    { now: today },
  );
  return {
    store,
    truths: manifest.truths,
    dir,
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
