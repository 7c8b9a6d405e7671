import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disqusImporter } from "../sources/disqus/index.js";
import type { InteractionRecord } from "../sources/records.js";
import { DISQUS_FORUM, disqusUsername, writeDisqus } from "./disqus.js";
import { checkWellFormed, importFile, tally } from "./testing.js";
import { buildWorld } from "./world.js";
import { writeWxr } from "./wxr.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-disqus-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeDisqus", () => {
  const world = buildWorld({ seed: 5, people: 300 });
  const result = writeDisqus(world, path.join(dir, "old.xml"));
  const c = result.counts;
  const xml = fs.readFileSync(result.path, "utf8");
  const byIndex = new Map(world.people.map((p) => [p.id, p]));

  it("writes a well-formed Disqus export the importer recognises", () => {
    expect(checkWellFormed(xml)).toEqual([]);
    expect(disqusImporter.detect(xml.slice(0, 4096))).toBe(true);
    expect(result.bytes).toBe(fs.statSync(result.path).size);
    expect(c.threads).toBe((xml.match(/<thread dsq:id=/g) ?? []).length - c.posts);
  });

  it("imports comments and replies with the counts it planted, spam and deleted as skips", async () => {
    const records = await importFile(disqusImporter, result.path);
    expect(tally(records)).toEqual({
      interaction: c.comments + c.replies,
      "skip:spam": c.spam,
      "skip:deleted": c.deleted,
    });
    expect(c.posts).toBe(c.comments + c.replies + c.spam + c.deleted);
    expect(c.spam).toBeGreaterThanOrEqual(2);
    expect(c.deleted).toBe(1);
    const all = records.filter((r): r is InteractionRecord => r.type === "interaction");
    expect(all.filter((r) => r.kind === "reply")).toHaveLength(c.replies);
    expect(c.replies).toBeGreaterThan(0);
    // Top-level comments answer the owner (the threads have no author).
    for (const r of all.filter((x) => x.kind === "comment"))
      expect(r.to).toEqual([{ isOwner: true, identities: [] }]);
    expect(all.every((r) => r.key.startsWith(`disqus:${DISQUS_FORUM}:post:`))).toBe(true);
    expect(all.every((r) => r.context?.url?.startsWith("http://notes.robinhale.example/"))).toBe(
      true,
    );
    // Before the WordPress blog began.
    expect(Math.max(...all.map((r) => r.at))).toBeLessThan(world.historyStart);
  });

  it("has registered commenters with usernames and guests without, all of them WXR commenters", async () => {
    const records = await importFile(disqusImporter, result.path);
    const all = records.filter((r): r is InteractionRecord => r.type === "interaction");
    const handles = new Set(
      all.flatMap((r) =>
        r.from.identities.filter((i) => i.platform === "disqus").map((i) => i.value),
      ),
    );
    const guests = all.filter((r) => !r.from.identities.some((i) => i.platform === "disqus"));
    expect(guests).toHaveLength(c.guests);
    expect(c.guests).toBeGreaterThan(0);
    expect(handles.size).toBeGreaterThan(3);
    const people = result.commenterIds.map((id) => byIndex.get(id));
    for (const p of people) {
      if (!p) continue;
      expect(["irl", "acquaintance"]).toContain(p.role);
      const email = p.emails.personal ?? p.emails.work ?? "";
      const mine = all.filter((r) => r.from.identities.some((i) => i.value === email));
      expect(mine.length, p.id).toBeGreaterThan(0);
      for (const r of mine) {
        const handle = r.from.identities.find((i) => i.platform === "disqus")?.value;
        if (handle) expect(handle).toBe(disqusUsername(p));
      }
    }
    // The same people comment on the WordPress blog.
    const wxr = fs.readFileSync(writeWxr(world, path.join(dir, "blog.xml")).path, "utf8");
    const inWxr = people.filter((p) => p && wxr.includes(p.emails.personal ?? "\u0000"));
    expect(inWxr.length).toBeGreaterThanOrEqual(Math.ceil(people.length / 2));
  });

  it("writes the same bytes for the same seed", () => {
    const again = writeDisqus(buildWorld({ seed: 5, people: 300 }), path.join(dir, "again.xml"));
    expect(fs.readFileSync(again.path).equals(fs.readFileSync(result.path))).toBe(true);
  });
});
