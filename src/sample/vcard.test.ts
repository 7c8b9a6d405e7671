import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ContactRecord } from "../sources/records.js";
import { vcardImporter } from "../sources/vcard/index.js";
import { importFile, tally } from "./testing.js";
import { writeVcards } from "./vcard.js";
import { buildWorld } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-vcard-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeVcards", () => {
  const world = buildWorld({ seed: 5, people: 260 });
  const file = path.join(dir, "cards.vcf");
  const result = writeVcards(world, file);

  it("imports through the vCard importer with the counts it planted", async () => {
    const records = await importFile(vcardImporter, file);
    const t = tally(records);
    const c = result.counts;
    expect(t).toEqual({
      contact: c.cards,
      "skip:empty card": c.broken,
      "skip:bad line": c.badLines,
    });
    expect(c.v21).toBeGreaterThan(0);
    expect(c.v40).toBeGreaterThan(0);
    expect(c.cardOnly * 2).toBeGreaterThan(c.cards);
    const contacts = records.filter((r): r is ContactRecord => r.type === "contact");
    const names = new Set(contacts.map((r) => r.party.name));
    for (const p of world.people.filter((x) => result.ids.includes(x.id))) {
      expect(names.has(p.fullName)).toBe(true);
    }
    for (const pair of world.lookAlikes)
      for (const id of pair.ids) expect(result.ids).toContain(id);
  });

  it("writes the same bytes for the same seed", () => {
    const again = path.join(dir, "again.vcf");
    writeVcards(buildWorld({ seed: 5, people: 260 }), again);
    expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true);
  });
});
