import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  estimateWxrBytes,
  peopleForWxrBytes,
  SAMPLE_FORMATS,
  type SampleManifest,
  writeSample,
} from "./index.js";
import { buildWorld } from "./world.js";
import { writeWxr } from "./wxr.js";

const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-sample-"));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("writeSample", () => {
  let manifest: SampleManifest;

  it("writes every format and truths.json, and lists only the export files", async () => {
    const dir = path.join(tmp(), "nested", "out");
    const started = Date.now();
    manifest = await writeSample(dir, { seed: 4, people: 200 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(manifest.files.map((f) => [path.relative(dir, f.path), f.format])).toEqual([
      ["blog.wxr.xml", "wxr"],
      ["mail.mbox", "mbox"],
      ["cards.vcf", "vcard"],
      ["calendar.ics", "ical"],
      [path.join("linkedin", "Connections.csv"), "linkedin"],
      [path.join("linkedin", "messages.csv"), "linkedin"],
      [path.join("linkedin", "Invitations.csv"), "linkedin"],
      [path.join("events", "manchester-content-and-community-night.csv"), "csv"],
      [path.join("events", "data-for-good-lisbon.csv"), "csv"],
      [path.join("events", "street-food-brands-summit.csv"), "csv"],
      ...[
        "account.js",
        "profile.js",
        "tweets.js",
        "follower.js",
        "following.js",
        "like.js",
        "direct-messages.js",
      ].map((f) => [path.join("twitter", "data", f), "twitter"]),
      ["follows.opml", "opml"],
      ...(manifest.truths.feeds ?? []).map((f) => [f.file, "feed"]),
      ...(manifest.truths.facebook?.files ?? []).map((f) => [f, "facebook"]),
      ["old-blog.disqus.xml", "disqus"],
    ]);
    expect(manifest.truths.facebook?.files[0]).toBe(
      "facebook/profile_information/profile_information.json",
    );
    expect(manifest.truths.facebook?.threads).toBeGreaterThan(3);
    expect(manifest.truths.disqus?.comments).toBeGreaterThan(0);
    expect(manifest.truths.mbox?.messages).toBeGreaterThan(0);
    expect(manifest.truths.vcard?.broken).toBe(1);
    expect(manifest.truths.ical?.cancelled).toBe(1);
    expect(manifest.truths.linkedin?.connections).toBeGreaterThan(100);
    expect(manifest.truths.eventLists).toHaveLength(3);
    expect(manifest.truths.twitter?.replies).toBeGreaterThan(0);
    expect(manifest.truths.twitter?.files[0]).toBe("twitter/data/account.js");
    expect(manifest.truths.opml?.file).toBe("follows.opml");
    expect(manifest.truths.opml?.subscriptions).toBeGreaterThan(0);
    expect(manifest.truths.feeds?.length).toBeGreaterThan(0);
    expect(manifest.truths.feeds?.every((f) => /^feeds\/[a-z0-9-]+\.xml$/.test(f.file))).toBe(true);
    for (const f of manifest.files) expect(f.bytes).toBe(fs.statSync(f.path).size);
    expect(manifest.truthsPath).toBe(path.join(dir, "truths.json"));
    expect(JSON.parse(fs.readFileSync(manifest.truthsPath, "utf8"))).toEqual(manifest.truths);
  });

  it("puts the planted truths in truths.json", () => {
    const t = manifest.truths;
    expect(t.seed).toBe(4);
    expect(t.people).toBe(200);
    expect(t.referenceDate).toBe("2026-11-01T00:00:00.000Z");
    expect(t.owner.emails).toContain("robin@robinhale.example");
    expect(t.irlCircle).toHaveLength(8);
    expect(t.roles.irl).toEqual(t.irlCircle.map((p) => p.id));
    expect(Object.values(t.roles).flat()).toHaveLength(200);
    expect(t.dormant.length).toBeGreaterThanOrEqual(2);
    expect(t.owed.length).toBeGreaterThanOrEqual(3);
    expect(t.owed.every((o) => o.commentIds.length > 0)).toBe(true);
    expect(t.lookAlikes.map((l) => l.kind).sort()).toEqual(["sameFirstName", "sameFullName"]);
    expect(t.manyFaces.length).toBeGreaterThanOrEqual(5);
    for (const m of t.manyFaces) {
      expect(m.wxr?.names.length).toBeGreaterThanOrEqual(2);
      for (const name of m.wxr?.names ?? []) expect(m.faces.names).toContain(name);
      for (const url of m.wxr?.urls ?? []) expect(m.faces.urls).toContain(url);
    }
    expect(t.destination.ties.length).toBeGreaterThanOrEqual(5);
    expect(t.opening.bestFitIds.every((id) => t.roles.irl.includes(id))).toBe(true);
    expect(t.introduction.wxrCommentIds.length).toBeGreaterThan(0);
    expect(t.events).toHaveLength(3);
    expect(t.events[0]?.attendeeIds).toContain(t.introduction.targetId);
    expect(
      t.events.every((e) => e.newcomersSharingInterests.every((id) => e.newcomerIds.includes(id))),
    ).toBe(true);
    expect(
      t.oneWay.jobAsk
        .filter((a) => a.channel === "blog")
        .every((a) => a.wxrCommentId !== undefined),
    ).toBe(true);
    expect(t.unresponsive.ids.length).toBeGreaterThanOrEqual(4);
    expect(t.wxr?.counts).toEqual(expect.objectContaining({ broken: 3 }));
    expect(t.wxr?.bytes).toBe(manifest.files[0]?.bytes);
  });

  it("writes nothing but truths.json when no format is asked for", async () => {
    const dir = tmp();
    const none = await writeSample(dir, { people: 100, only: [] });
    expect(none.files).toEqual([]);
    expect(none.truths.wxr).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual(["truths.json"]);
    expect(SAMPLE_FORMATS).toEqual([
      "wxr",
      "mbox",
      "vcard",
      "ical",
      "linkedin",
      "csv",
      "twitter",
      "feeds",
      "facebook",
      "disqus",
    ]);
  });

  it("writes only the formats asked for", async () => {
    const dir = tmp();
    const some = await writeSample(dir, { people: 100, only: ["mbox", "ical"] });
    expect(some.files.map((f) => f.format)).toEqual(["mbox", "ical"]);
    expect(some.truths.wxr).toBeUndefined();
    expect(some.truths.vcard).toBeUndefined();
    expect(some.truths.mbox?.file).toBe("mail.mbox");
    expect(some.truths.twitter).toBeUndefined();
    const social = await writeSample(tmp(), { people: 100, only: ["feeds", "twitter"] });
    expect([...new Set(social.files.map((f) => f.format))]).toEqual(["twitter", "opml", "feed"]);
    expect(social.truths.mbox).toBeUndefined();
    expect(social.truths.opml?.subscriptions).toBeGreaterThan(0);
  });
});

describe("WXR size model", () => {
  it("estimates the bytes of a world within a few per cent", () => {
    for (const people of [2000, 8000]) {
      const { bytes } = writeWxr(buildWorld({ seed: 1, people }), os.devNull);
      expect(Math.abs(estimateWxrBytes(people) / bytes - 1), `${people} people`).toBeLessThan(0.05);
    }
  });

  it("picks enough people for a target size, and 200 MiB needs at most 300,000", () => {
    const target = 10 * 1024 * 1024;
    const people = peopleForWxrBytes(target);
    const { bytes } = writeWxr(buildWorld({ seed: 1, people }), os.devNull);
    expect(bytes).toBeGreaterThanOrEqual(target);
    expect(bytes).toBeLessThan(target * 1.15);
    const big = peopleForWxrBytes(200 * 1024 * 1024);
    expect(big).toBeLessThanOrEqual(300000);
    expect(estimateWxrBytes(big)).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    expect(peopleForWxrBytes(1)).toBe(60);
  });
});
