/**
 * Every export of the generated sample world through the real pipeline (the files `irl demo`
 * imports): each file is read as the format it was written in, nothing fails, and the planted
 * circle of real relationships shows up as dialog on several channels.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSample } from "../sample/index.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { type ImportSummary, runImport } from "./run-import.js";

const dir = tempDir("irl-whole-world-");
let manifest: Awaited<ReturnType<typeof writeSample>>;

beforeAll(async () => {
  manifest = await writeSample(path.join(dir, "exports"), { seed: 1, people: 200 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(storeTargets())("the whole sample world on $name", (target) => {
  let store: Store;
  let summary: ImportSummary;

  beforeAll(async () => {
    store = await target.open();
    summary = await runImport(
      store,
      manifest.files.map((f) => f.path),
      {
        now: Date.parse(manifest.truths.referenceDate),
      },
    );
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("reads every file as the format it was written in, without an error", () => {
    expect(summary.errors).toEqual([]);
    expect(summary.files.map((f) => f.format)).toEqual(manifest.files.map((f) => f.format));
    expect(new Set(manifest.files.map((f) => f.format)).size).toBeGreaterThanOrEqual(8);
  });

  it("finds the circle in dialog with the owner on more than one channel", async () => {
    const people = await store.people();
    const circle = manifest.truths.irlCircle;
    let multi = 0;
    for (const friend of circle) {
      const [found] = await store.findPeople(friend.emails[0] as string);
      const summaryOf = people.find((p) => p.id === found?.id);
      expect(summaryOf?.inbound ?? 0).toBeGreaterThan(0);
      expect(summaryOf?.outbound ?? 0).toBeGreaterThan(0);
      if ((summaryOf?.channels.length ?? 0) > 1) multi++;
    }
    expect(multi).toBeGreaterThanOrEqual(Math.ceil(circle.length / 2));
  });

  it("adds nothing when the whole world is imported again", async () => {
    const before = await store.stats();
    const again = await runImport(
      store,
      manifest.files.map((f) => f.path),
      {
        now: Date.parse(manifest.truths.referenceDate),
      },
    );
    expect(again.added).toBe(0);
    expect(await store.stats()).toEqual(before);
  });
});
