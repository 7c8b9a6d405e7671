import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { InteractionRecord, SourceRecord } from "../sources/records.js";
import { twitterImporter } from "../sources/twitter/index.js";
import { OWNER_TWITTER_ID, twitterId } from "./channels.js";
import { importFile, tally } from "./testing.js";
import { writeTwitter } from "./twitter.js";
import { buildWorld } from "./world.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-twitter-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const kinds = (records: SourceRecord[]) => {
  const out: Record<string, number> = {};
  for (const r of records) {
    if (r.type !== "interaction") continue;
    out[r.kind] = (out[r.kind] ?? 0) + 1;
  }
  return out;
};

describe("writeTwitter", () => {
  const world = buildWorld({ seed: 8, people: 280 });
  const result = writeTwitter(world, path.join(dir, "twitter"));
  const c = result.counts;
  const file = (name: string) => path.join(result.dir, "data", name);

  it("writes the archive's data files in Twitter's shape", () => {
    expect(result.files.map((f) => path.basename(f))).toEqual([
      "account.js",
      "profile.js",
      "tweets.js",
      "follower.js",
      "following.js",
      "like.js",
      "direct-messages.js",
    ]);
    const tweets = fs.readFileSync(file("tweets.js"), "utf8");
    expect(tweets.startsWith('window.YTD.tweets.part0 = [\n  {\n    "tweet" : {')).toBe(true);
    expect(fs.readFileSync(file("direct-messages.js"), "utf8")).toMatch(
      /^window\.YTD\.direct_messages\.part0 = \[/,
    );
    for (const f of result.files)
      expect(twitterImporter.detect(fs.readFileSync(f, "utf8"))).toBe(true);
  });

  it("imports the owner, tweets, replies, mentions and retweets with the counts it planted", async () => {
    const account = await importFile(twitterImporter, file("account.js"));
    expect(tally(account)).toEqual({ owner: 1 });
    const profile = await importFile(twitterImporter, file("profile.js"));
    expect(tally(profile)).toEqual({ owner: 1, content: 1 });
    const records = await importFile(twitterImporter, file("tweets.js"));
    expect(tally(records)).toEqual({
      content: c.tweets - c.replies - c.retweets,
      interaction: c.replies + c.mentions + c.retweets,
    });
    expect(kinds(records)).toEqual({ reply: c.replies, mention: c.mentions, retweet: c.retweets });
    expect(c.replies).toBeGreaterThan(20);
    expect(c.selfReplies).toBeGreaterThan(0);
    // Replies go to the circle under their world handle and account id.
    const handles = new Map(world.people.filter((p) => p.twitter).map((p) => [p.twitter, p]));
    for (const r of records) {
      if (r.type !== "interaction" || r.kind !== "reply") continue;
      const ids = (r as InteractionRecord).to[0]?.identities ?? [];
      const handle = ids.find((i) => i.kind === "handle" && i.platform === "twitter")?.value;
      const p = handles.get(handle);
      expect(p).toBeDefined();
      if (!p) continue;
      expect(["irl", "growing", "dormant", "acquaintance"]).toContain(p.role);
      expect(ids.find((i) => i.kind === "handle" && i.platform === "twitter-id")?.value).toBe(
        twitterId(world, p),
      );
    }
    for (const p of world.people.filter((x) => x.marks.includes("manyFaces") && x.role === "irl")) {
      expect(fs.readFileSync(file("tweets.js"), "utf8")).toContain(
        `"screen_name" : "${p.twitter}"`,
      );
    }
  });

  it("imports likes, followers, following and DMs with the counts it planted", async () => {
    const likes = await importFile(twitterImporter, file("like.js"));
    expect(tally(likes)).toEqual({
      interaction: c.likesWithAuthor,
      "skip:like without author": c.likes - c.likesWithAuthor,
    });
    expect(c.likesWithAuthor).toBeGreaterThan(0);
    expect(c.likes).toBeGreaterThan(c.likesWithAuthor);
    const followers = await importFile(twitterImporter, file("follower.js"));
    expect(tally(followers)).toEqual({ contact: c.followers });
    const followerIds = new Set(
      followers.flatMap((r) =>
        r.type === "contact" ? r.party.identities.map((i) => i.value) : [],
      ),
    );
    for (const p of world.people.filter((x) => x.role === "likeOnly")) {
      expect(followerIds.has(twitterId(world, p))).toBe(true);
    }
    const following = await importFile(twitterImporter, file("following.js"));
    expect(tally(following)).toEqual({ contact: c.following });
    const dms = await importFile(twitterImporter, file("direct-messages.js"));
    expect(tally(dms)).toEqual({ interaction: c.dms });
    expect(c.conversations).toBeGreaterThanOrEqual(3);
    const sent = dms.filter(
      (r) =>
        r.type === "interaction" && r.from.identities.some((i) => i.value === OWNER_TWITTER_ID),
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(c.dms);
  });

  it("writes the same bytes for the same seed", () => {
    const again = writeTwitter(buildWorld({ seed: 8, people: 280 }), path.join(dir, "again"));
    again.files.forEach((f, k) => {
      expect(fs.readFileSync(f).equals(fs.readFileSync(result.files[k] ?? ""))).toBe(true);
    });
  });
});
