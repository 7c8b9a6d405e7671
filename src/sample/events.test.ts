import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvContactsImporter as csvImporter } from "../sources/csv/index.js";
import type { ContactRecord } from "../sources/records.js";
import { writeEventLists } from "./events.js";
import { importFile, tally } from "./testing.js";
import { buildWorld, personIndex } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-events-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeEventLists", () => {
  const world = buildWorld({ seed: 7, people: 200 });
  const files = writeEventLists(world, path.join(dir, "events"));

  it("writes one attendee list per event that the CSV importer reads as attendees", async () => {
    expect(files).toHaveLength(world.events.length);
    for (const f of files) {
      expect(csvImporter.detect(fs.readFileSync(f.path, "utf8"))).toBe(true);
      const records = await importFile(csvImporter, f.path);
      expect(tally(records)).toEqual({ contact: f.attendees });
      expect(records.every((r) => (r as ContactRecord).kind === "attendee")).toBe(true);
    }
    const first = fs.readFileSync(files[0]?.path ?? "", "utf8");
    const target = world.people[personIndex(world.introduction.targetId)];
    expect(first).toContain(`"${target?.lastName}"`);
  });

  it("writes the same bytes for the same seed", () => {
    const again = writeEventLists(buildWorld({ seed: 7, people: 200 }), path.join(dir, "again"));
    again.forEach((f, k) => {
      expect(fs.readFileSync(f.path).equals(fs.readFileSync(files[k]?.path ?? ""))).toBe(true);
    });
  });
});
