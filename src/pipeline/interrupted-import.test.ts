/**
 * Kill the import process half-way, run it again, and end with exactly the rows of one clean
 * import: batches are transactions, and every row has a stable key.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StoreLocation } from "../store/location.js";
import { openStore } from "../store/store.js";
import { IRL_BIN, runIrl } from "../testing/cli.js";
import { storeTargets, tempDir } from "../testing/stores.js";

const dir = tempDir("irl-kill-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function snapshot(where: StoreLocation) {
  const store = await openStore(where);
  try {
    const keys = await store.db
      .selectFrom("interactions")
      .select("source_key")
      .orderBy("source_key")
      .execute();
    const content = await store.db
      .selectFrom("content")
      .select("source_key")
      .orderBy("source_key")
      .execute();
    const identities = await store.db
      .selectFrom("identities")
      .select(["key", "kind", "value"])
      .orderBy("kind")
      .orderBy("value")
      .orderBy("key")
      .execute();
    return { stats: await store.stats(), keys, content, identities };
  } finally {
    await store.close();
  }
}

async function countInteractions(where: StoreLocation): Promise<number> {
  const store = await openStore(where);
  try {
    return (await store.stats()).interactions;
  } finally {
    await store.close();
  }
}

describe.each(storeTargets())("an import killed half-way, on $name", (target) => {
  afterAll(() => target.cleanup());

  it("re-runs to exactly the rows of one clean import", async () => {
    const exports = path.join(dir, `world-${target.name}`);
    const made = await runIrl(["sample", exports, "--people", "6000", "--json"]);
    expect(made.code).toBe(0);
    const wxr = JSON.parse(made.stdout).files.find(
      (f: { format: string }) => f.format === "wxr",
    ).path;

    const clean = await target.location();
    expect((await runIrl(["import", wxr, "--db", clean.location])).code).toBe(0);
    const expected = await snapshot(clean);

    const killed = await target.location();
    const child = spawn(process.execPath, [IRL_BIN, "import", wxr, "--db", killed.location], {
      stdio: "ignore",
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (seen === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await countInteractions(killed).catch(() => 0);
    }
    child.kill("SIGKILL");
    await exited;
    const partial = await countInteractions(killed);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.stats.interactions);

    expect((await runIrl(["import", wxr, "--db", killed.location])).code).toBe(0);
    const after = await snapshot(killed);
    expect(after.stats).toEqual(expected.stats);
    expect(after.keys).toEqual(expected.keys);
    expect(after.content).toEqual(expected.content);
    expect(after.identities).toEqual(expected.identities);
  }, 240_000); // three imports of a 6,000-person blog, in child processes
});
