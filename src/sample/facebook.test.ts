import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { facebookImporter } from "../sources/facebook/index.js";
import type { InteractionRecord, OwnerRecord, SourceRecord } from "../sources/records.js";
import { facebookEscape, writeFacebook } from "./facebook.js";
import { importFile, tally } from "./testing.js";
import { buildWorld } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-facebook-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");

describe("facebookEscape", () => {
  it("writes each UTF-8 byte of non-ASCII text as a code point escape", () => {
    expect(facebookEscape(JSON.stringify("René 😀"))).toBe(
      '"Ren\\u00c3\\u00a9 \\u00f0\\u009f\\u0098\\u0080"',
    );
    expect(JSON.parse(facebookEscape('"plain"'))).toBe("plain");
  });
});

describe("writeFacebook", () => {
  const world = buildWorld({ seed: 9, people: 260 });
  const result = writeFacebook(world, path.join(dir, "facebook"));
  const c = result.counts;
  const rel = result.files.map((f) => path.relative(result.dir, f).split(path.sep).join("/"));
  const byId = new Map(world.people.map((p) => [p.id, p]));

  it("writes the export's folder layout, every file ASCII with Facebook's escapes", () => {
    expect(rel.slice(0, 2)).toEqual([
      "profile_information/profile_information.json",
      "friends_and_followers/friends.json",
    ]);
    expect(
      rel.slice(2).every((f) => /^messages\/inbox\/[a-z0-9]+_\d+\/message_1\.json$/.test(f)),
    ).toBe(true);
    expect(c.threads).toBe(rel.length - 2);
    for (const f of result.files) {
      const head = fs.readFileSync(f, "utf8");
      expect(facebookImporter.detect(head), f).toBe(true);
      expect(/[^\u0000-\u007f]/.test(head), f).toBe(false);
    }
    expect(c.accentedFriends).toBeGreaterThan(0);
    expect(fs.readFileSync(result.files[1] as string, "utf8")).toMatch(/\\u00c3\\u00[89ab]/);
  });

  it("names the owner in the profile", async () => {
    const records = (await importFile(
      facebookImporter,
      result.files[0] as string,
    )) as OwnerRecord[];
    expect(records.map((r) => r.type)).toEqual(["owner", "owner"]);
    expect(records[0]?.party.name).toBe(world.owner.name);
    expect(records[0]?.party.identities).toContainEqual({
      kind: "email",
      value: world.owner.emails.personal,
    });
  });

  it("imports the friends, names repaired, with the nameless entry skipped", async () => {
    const records = await importFile(facebookImporter, result.files[1] as string);
    expect(tally(records)).toEqual({ contact: c.friends, "skip:no name": c.nameless });
    expect(c.nameless).toBe(1);
    const names = new Set(records.flatMap((r) => (r.type === "contact" ? [r.party.name] : [])));
    expect(names).toEqual(new Set(result.friendIds.map((id) => byId.get(id)?.fullName)));
    const roles = new Set(result.friendIds.map((id) => byId.get(id)?.role));
    expect(
      [...roles].every((r) => ["irl", "dormant", "growing", "acquaintance"].includes(r ?? "")),
    ).toBe(true);
    for (const p of world.people.filter((x) => x.role === "irl")) {
      expect(result.friendIds).toContain(p.id);
    }
  });

  it("imports the threads with the counts it planted, the owner's messages among them", async () => {
    const records: SourceRecord[] = [];
    for (const f of result.files.slice(2)) records.push(...(await importFile(facebookImporter, f)));
    expect(tally(records)).toEqual({
      interaction: c.messages + c.calls,
      "skip:membership change": c.membershipChanges,
    });
    const all = interactions(records);
    expect(all.filter((r) => r.kind === "call")).toHaveLength(c.calls);
    expect(all.filter((r) => r.from.name === world.owner.name)).toHaveLength(c.sent);
    expect(all.filter((r) => r.kind === "message" && r.text === undefined)).toHaveLength(c.photos);
    expect(c.membershipChanges).toBe(1);
    expect(c.calls).toBeGreaterThan(0);
    // Accented names and text arrive repaired.
    const people = new Set(all.flatMap((r) => [r.from.name, ...r.to.map((t) => t.name)]));
    for (const id of result.messagedIds) expect(people.has(byId.get(id)?.fullName)).toBe(true);
    expect(all.some((r) => /[à-ü]|\p{Extended_Pictographic}/u.test(r.text ?? ""))).toBe(true);
  });

  it("talks with the circle, and a dormant tie never after their last contact", () => {
    const roles = result.messagedIds.map((id) => byId.get(id)?.role);
    expect(roles.filter((r) => r === "irl").length).toBeGreaterThanOrEqual(3);
    expect(roles).toContain("dormant");
    for (const id of result.messagedIds) expect(result.friendIds).toContain(id);
  });

  it("keeps dormant ties silent since their last contact", async () => {
    for (const f of result.files.slice(2)) {
      for (const r of interactions(await importFile(facebookImporter, f))) {
        for (const name of [r.from.name, ...r.to.map((t) => t.name)]) {
          const p = world.people.find((x) => x.fullName === name && x.role === "dormant");
          if (p) expect(r.at).toBeLessThanOrEqual(p.contact?.until ?? 0);
        }
      }
    }
  });

  it("writes the same bytes for the same seed", () => {
    const again = writeFacebook(buildWorld({ seed: 9, people: 260 }), path.join(dir, "again"));
    expect(again.files.length).toBe(result.files.length);
    again.files.forEach((f, k) => {
      expect(fs.readFileSync(f).equals(fs.readFileSync(result.files[k] ?? ""))).toBe(true);
    });
  });
});
