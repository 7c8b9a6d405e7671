import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mboxImporter } from "../sources/mbox/index.js";
import type { InteractionRecord } from "../sources/records.js";
import { writeMbox } from "./mbox.js";
import { importFile, tally } from "./testing.js";
import { buildWorld } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-mbox-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeMbox", () => {
  const world = buildWorld({ seed: 3, people: 240 });
  const file = path.join(dir, "mail.mbox");
  const result = writeMbox(world, file);

  it("imports through the mbox importer with the counts it planted", async () => {
    expect(mboxImporter.detect(fs.readFileSync(file, "utf8").slice(0, 65536))).toBe(true);
    const records = await importFile(mboxImporter, file);
    const t = tally(records);
    const c = result.counts;
    expect(t.interaction).toBe(c.messages);
    expect(t["skip:bulk mail"]).toBe(c.bulk);
    expect(t["skip:many recipients"]).toBe(c.manyRecipients);
    expect(t["skip:no sender"]).toBe(c.broken);
    expect(t.owner).toBe(c.ownerAddresses);
    expect(Object.keys(t).sort()).toEqual(
      ["interaction", "owner", "skip:bulk mail", "skip:many recipients", "skip:no sender"].sort(),
    );
    const mails = records.filter((r): r is InteractionRecord => r.type === "interaction");
    expect(mails.filter((m) => m.replyTo).length).toBe(c.replies);
    expect(mails.filter((m) => m.from.isOwner).length).toBe(c.sent);
    expect(mails.some((m) => m.text?.includes("€24"))).toBe(true);
    expect(mails.every((m) => m.at < world.referenceDate)).toBe(true);
    expect(fs.statSync(file).size).toBe(result.bytes);
  });

  it("plants the dormant, unresponsive and many-faces mail", () => {
    for (const p of world.people) {
      const seen = result.byPerson[p.id];
      if (p.role === "irl") expect(seen?.from).toBeGreaterThan(0);
      if (p.role === "unresponsive") expect(seen).toMatchObject({ from: 0 });
      if (p.role === "dormant") {
        expect(seen?.from).toBeGreaterThan(20);
        expect(Date.parse(seen?.last ?? "")).toBeLessThan(world.referenceDate - 100 * 86_400_000);
      }
    }
    const text = fs.readFileSync(file, "utf8");
    for (const p of world.people.filter((x) => x.marks.includes("manyFaces"))) {
      expect(text).toContain(`<${p.emails.work}>`);
    }
  });

  it("writes the same bytes for the same seed", () => {
    const again = path.join(dir, "again.mbox");
    writeMbox(buildWorld({ seed: 3, people: 240 }), again);
    expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true);
  });
});
