import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { linkedinImporter } from "../sources/linkedin/index.js";
import type { ContactRecord } from "../sources/records.js";
import { writeLinkedIn } from "./linkedin.js";
import { importFile, tally } from "./testing.js";
import { buildWorld } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-linkedin-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeLinkedIn", () => {
  const world = buildWorld({ seed: 6, people: 300 });
  const result = writeLinkedIn(world, path.join(dir, "linkedin"));
  const c = result.counts;

  it("writes Connections.csv the LinkedIn importer reads, most of them card-only", async () => {
    const head = fs.readFileSync(result.files.connections, "utf8");
    expect(head.split("\n")[3]).toBe(
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    );
    expect(linkedinImporter.detect(head)).toBe(true);
    const records = await importFile(linkedinImporter, result.files.connections);
    expect(tally(records)).toEqual({ contact: c.connections, "skip:empty row": c.blankRows });
    expect(c.connections).toBeGreaterThan(150);
    expect(c.cardOnly * 2).toBeGreaterThan(c.connections);
    const emails = new Set(
      records.flatMap((r) =>
        r.type === "contact" ? (r as ContactRecord).party.identities.map((i) => i.value) : [],
      ),
    );
    for (const p of world.people.filter((x) => x.marks.includes("manyFaces"))) {
      expect(emails.has(p.emails.work ?? "")).toBe(true);
    }
  });

  it("writes messages.csv and Invitations.csv with the counts it planted", async () => {
    const messages = await importFile(linkedinImporter, result.files.messages);
    expect(tally(messages)).toEqual({ interaction: c.messages, "skip:draft": c.drafts });
    const sent = messages.filter((r) => r.type === "interaction" && r.from.isOwner);
    expect(sent.length).toBe(c.sentMessages);
    const invitations = await importFile(linkedinImporter, result.files.invitations);
    expect(tally(invitations)).toEqual({
      contact: c.invitations,
      interaction: c.invitationMessages,
    });
  });

  it("writes the same bytes for the same seed", () => {
    const again = writeLinkedIn(buildWorld({ seed: 6, people: 300 }), path.join(dir, "again"));
    for (const k of ["connections", "messages", "invitations"] as const) {
      expect(fs.readFileSync(again.files[k]).equals(fs.readFileSync(result.files[k]))).toBe(true);
    }
  });
});
