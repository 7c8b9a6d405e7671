import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { icalImporter } from "../sources/ical/index.js";
import type { EventRecord } from "../sources/records.js";
import { writeIcal } from "./ical.js";
import { importFile, tally } from "./testing.js";
import { buildWorld } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-ical-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeIcal", () => {
  const world = buildWorld({ seed: 2, people: 220 });
  const file = path.join(dir, "calendar.ics");
  const result = writeIcal(world, file);

  it("imports through the iCal importer with the counts it planted", async () => {
    const records = await importFile(icalImporter, file, { now: world.referenceDate });
    const c = result.counts;
    expect(tally(records)).toEqual({
      event: c.events + c.occurrences,
      "skip:cancelled": c.cancelled,
    });
    expect(c.recurring).toBe(1);
    expect(c.conferences).toBe(2);
    const events = records.filter((r): r is EventRecord => r.type === "event");
    expect(events.every((e) => (e.start ?? 0) < world.referenceDate)).toBe(true);
    const ownerEmail = world.owner.emails.personal;
    expect(
      events.every((e) =>
        e.attendees.some((a) => a.party.identities.some((i) => i.value === ownerEmail)),
      ),
    ).toBe(true);
    for (const p of world.people.filter((x) => x.role === "irl")) {
      expect(result.meetings[p.id]).toBeGreaterThan(0);
    }
  });

  it("writes the same bytes for the same seed", () => {
    const again = path.join(dir, "again.ics");
    writeIcal(buildWorld({ seed: 2, people: 220 }), again);
    expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true);
  });
});
