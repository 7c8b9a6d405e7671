import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { feedImporter } from "../sources/feed/index.js";
import { opmlImporter } from "../sources/opml/index.js";
import type { ContactRecord, ContentRecord } from "../sources/records.js";
import { feedUrl } from "./channels.js";
import { writeFeeds } from "./feeds.js";
import { checkWellFormed, importFile, tally } from "./testing.js";
import { buildWorld, personIndex } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-feeds-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeFeeds", () => {
  const world = buildWorld({ seed: 9, people: 240 });
  const { opml, feeds } = writeFeeds(world, dir);

  it("writes follows.opml that the OPML importer reads, one subscription per blog", async () => {
    const text = fs.readFileSync(opml.path, "utf8");
    expect(checkWellFormed(text)).toEqual([]);
    expect(opmlImporter.detect(text)).toBe(true);
    const records = await importFile(opmlImporter, opml.path);
    expect(tally(records)).toEqual({ contact: opml.subscriptions });
    const sites = new Set(
      records.flatMap((r) => (r as ContactRecord).party.identities.map((i) => i.value)),
    );
    for (const p of world.people.filter(
      (x) => x.site && (x.role === "irl" || x.role === "growing"),
    )) {
      expect(sites.has(p.site ?? "")).toBe(true);
      expect(text).toContain(`xmlUrl="${feedUrl(world, p)}"`);
      expect(opml.personIds).toContain(p.id);
    }
    expect(opml.subscriptions).toBeGreaterThan(opml.personIds.length);
  });

  it("writes Atom and RSS feeds that import as posts by the person's site", async () => {
    expect(feeds.length).toBeGreaterThanOrEqual(4);
    expect(new Set(feeds.map((f) => f.format))).toEqual(new Set(["atom", "rss"]));
    for (const f of feeds) {
      const p = world.people[personIndex(f.personId)];
      const text = fs.readFileSync(f.path, "utf8");
      expect(checkWellFormed(text)).toEqual([]);
      expect(feedImporter.detect(text)).toBe(true);
      const records = await importFile(feedImporter, f.path);
      expect(tally(records)).toEqual({ content: f.entries });
      for (const r of records as ContentRecord[]) {
        expect(r.kind).toBe("post");
        expect(r.author.identities.map((i) => i.value)).toContain(p?.site);
        expect(r.at).toBeLessThan(world.referenceDate);
        expect(r.title).toBeTruthy();
      }
    }
  });

  it("writes the same bytes for the same seed", () => {
    const again = writeFeeds(buildWorld({ seed: 9, people: 240 }), path.join(dir, "again"));
    expect(fs.readFileSync(again.opml.path).equals(fs.readFileSync(opml.path))).toBe(true);
    again.feeds.forEach((f, k) => {
      expect(fs.readFileSync(f.path).equals(fs.readFileSync(feeds[k]?.path ?? ""))).toBe(true);
    });
  });
});
