import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type {
  ContactRecord,
  InteractionRecord,
  OwnerRecord,
  SkipRecord,
  SourceRecord,
} from "../records.js";
import { twitterImporter } from "./index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url));

async function recordsOf(input: string | Buffer, size = Number.MAX_SAFE_INTEGER) {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const records: SourceRecord[] = [];
  for await (const batch of twitterImporter.parse({ path: "t.js", chunks: chunked(bytes, size) })) {
    records.push(...batch);
  }
  return records;
}

async function failureOf(input: string): Promise<IrlError> {
  try {
    await recordsOf(input);
  } catch (error) {
    return error as IrlError;
  }
  throw new Error("expected the import to fail");
}

const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");
const byKey = (rs: SourceRecord[], key: string) =>
  rs.find((r) => "key" in r && r.key === key) as InteractionRecord;
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");

const ME = { isOwner: true, identities: [] };
const handle = (value: string) => ({ kind: "handle", platform: "twitter", value });
const tid = (value: string) => ({ kind: "handle", platform: "twitter-id", value });

describe("twitterImporter detection", () => {
  it("accepts archive data files and the manifest, from their head only", () => {
    expect(twitterImporter.format).toBe("twitter");
    for (const name of ["tweets.js", "like.js", "direct-messages.js", "direct-messages-group.js"]) {
      expect(twitterImporter.detect(fixture(name).toString("utf8", 0, 200)), name).toBe(true);
    }
    expect(twitterImporter.detect("window.YTD.ad_engagements.part0 = [")).toBe(true);
    expect(twitterImporter.detect("\uFEFFwindow.YTD.tweets.part12 =[")).toBe(true);
    expect(twitterImporter.detect('window.__THAR_CONFIG = {\n  "userInfo" : {')).toBe(true);
  });

  it("rejects other formats' heads", () => {
    expect(
      twitterImporter.detect(
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">',
      ),
    ).toBe(false);
    expect(twitterImporter.detect("First Name,Last Name,URL,Email Address,Company")).toBe(false);
    expect(twitterImporter.detect('{\n  "friends_v2": [')).toBe(false);
    expect(twitterImporter.detect("BEGIN:VCARD\r\nVERSION:3.0")).toBe(false);
    expect(twitterImporter.detect("var YTD = [")).toBe(false);
  });
});

describe("tweets.js", async () => {
  const bytes = fixture("tweets.js");
  const records = await recordsOf(bytes);

  it("gives the same records in 1-byte chunks as in one chunk, with unique keys", async () => {
    expect(await recordsOf(bytes, 1)).toEqual(records);
    expect(await recordsOf(bytes, 13)).toEqual(records);
    const keys = records.flatMap((r) => ("key" in r ? [r.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith("twitter:tweet:"))).toBe(true);
  });

  it("keeps a reply in one's own thread, and a plain tweet, as content by the owner", () => {
    expect(byKey(records, "twitter:tweet:1700000000000000010")).toMatchObject({
      type: "content",
      kind: "tweet",
      author: ME,
      at: Date.UTC(2024, 2, 4, 9, 15),
      text: "and the slides are up now",
      url: "https://twitter.com/i/web/status/1700000000000000010",
    });
    expect(byKey(records, "twitter:tweet:1700000000000000009")).toMatchObject({
      type: "content",
      text: "Gave my talk on follow-ups today https://t.co/abc",
    });
  });

  it("makes a reply to someone else an interaction, and its other mentions another", () => {
    const reply = byKey(records, "twitter:tweet:1700000000000000008");
    expect(reply).toMatchObject({
      type: "interaction",
      channel: "twitter",
      kind: "reply",
      from: ME,
      to: [{ name: "Theo Brandt", identities: [handle("theo_b"), tid("2002")] }],
      at: Date.UTC(2024, 2, 3, 18, 30),
      replyTo: "twitter:tweet:1699999999999999000",
      context: { url: "https://twitter.com/theo_b/status/1699999999999999000" },
      text: "@theo_b @ines_ok Agreed, and @pavel_l said the same at the meetup",
    });
    expect(reply.direction).toBeUndefined();
    expect(byKey(records, "twitter:tweet:1700000000000000008:mention")).toMatchObject({
      kind: "mention",
      from: ME,
      to: [
        { name: "Inês Okafor 🌍", identities: [handle("ines_ok"), tid("3003")] },
        { name: "Pavel Lind", identities: [handle("pavel_l"), tid("4004")] },
      ],
    });
  });

  it("makes a retweet an interaction with the original author, dated with its offset", () => {
    expect(byKey(records, "twitter:tweet:1700000000000000007")).toMatchObject({
      kind: "retweet",
      to: [{ name: "Inês Okafor 🌍", identities: [handle("ines_ok"), tid("3003")] }],
      at: Date.UTC(2024, 2, 3, 17),
    });
    expect(byKey(records, "twitter:tweet:1700000000000000007:mention")).toBeUndefined();
  });

  it("leaves the owner, learnt from the archive itself, out of mentions", () => {
    const plain = byKey(records, "twitter:tweet:1700000000000000006");
    expect(plain.type).toBe("content");
    expect(byKey(records, "twitter:tweet:1700000000000000006:mention").to).toEqual([
      { name: "Pavel Lind", identities: [handle("pavel_l"), tid("4004")] },
    ]);
  });

  it("skips tweets without an id or a date, with reasons and places", () => {
    expect(skips(records).map((s) => [s.reason, s.place.record])).toEqual([
      ["no id", "a tweet without an id"],
      ["bad date", "tweet 20"],
    ]);
    const lines = bytes.toString("utf8").split("\n");
    const noId = skips(records)[0]?.place.line as number;
    expect(lines[noId - 1]?.trim()).toBe("{");
    expect(lines[noId]).toContain('"tweet" :');
    expect(lines.slice(noId, noId + 3).join("\n")).toContain("an entry without an id");
  });

  it("reads the older tweet.js, whose name is singular", async () => {
    const old = bytes.toString("utf8").replace("window.YTD.tweets.part0", "window.YTD.tweet.part0");
    expect(await recordsOf(old)).toEqual(records);
  });
});

describe("direct messages", async () => {
  const one = await recordsOf(fixture("direct-messages.js"));
  const group = await recordsOf(fixture("direct-messages-group.js"));

  it("makes each one-to-one message an interaction between account ids", async () => {
    expect(await recordsOf(fixture("direct-messages.js"), 1)).toEqual(one);
    expect(interactions(one)).toEqual([
      {
        type: "interaction",
        key: "twitter:dm:1650000000000000002",
        channel: "dm",
        kind: "message",
        at: Date.UTC(2024, 2, 1, 10, 5),
        from: { identities: [tid("2002")] },
        to: [{ identities: [tid("1001")] }],
        thread: "twitter:dm:1001-2002",
        text: "See you at the meetup — 7pm?",
        place: expect.objectContaining({ record: "direct message 1650000000000000002" }),
      },
      expect.objectContaining({
        key: "twitter:dm:1650000000000000001",
        from: { identities: [tid("1001")] },
        to: [{ identities: [tid("2002")] }],
      }),
    ]);
    expect(skips(one).map((s) => [s.reason, s.place.record])).toEqual([
      ["bad date", "direct message 1650000000000000003"],
    ]);
  });

  it("sends a group message to every other participant the conversation names", async () => {
    expect(await recordsOf(fixture("direct-messages-group.js"), 1)).toEqual(group);
    const [welcome, start] = interactions(group);
    expect(welcome).toMatchObject({
      key: "twitter:dm:1650000000000000102",
      from: { identities: [tid("3003")] },
      thread: "twitter:dm:1650000000000000100",
      context: { title: "Meetup crew" },
      text: "Welcome Pavel 👋",
    });
    expect(welcome?.to.map((p) => p.identities[0]?.value).sort()).toEqual(["1001", "4004"]);
    expect(start?.to.map((p) => p.identities[0]?.value).sort()).toEqual(["3003", "4004"]);
    expect(skips(group).map((s) => s.reason)).toEqual(["group without participants"]);
  });
});

describe("like.js", () => {
  it("likes a tweet whose link names its author; skips the others with a counted reason", async () => {
    const records = await recordsOf(fixture("like.js"));
    expect(interactions(records)).toEqual([
      {
        type: "interaction",
        key: "twitter:like:1700000000000000500",
        channel: "twitter",
        kind: "like",
        at: expect.any(Number),
        from: ME,
        to: [{ identities: [handle("theo_b")] }],
        replyTo: "twitter:tweet:1700000000000000500",
        context: { url: "https://twitter.com/theo_b/status/1700000000000000500" },
        text: "Follow up within a day. Always.",
        place: expect.objectContaining({ record: "like of tweet 1700000000000000500" }),
      },
    ]);
    // 1700000000000000500 >> 22 is 405319095621 ms after Twitter's epoch: 2023-09-08.
    expect(new Date(interactions(records)[0]?.at ?? 0).toISOString().slice(0, 10)).toBe(
      "2023-09-08",
    );
    expect(skips(records).map((s) => s.reason)).toEqual(["like without author"]);
  });
});

describe("other archive files", () => {
  it("reads the owner from the manifest", async () => {
    const records = await recordsOf(
      'window.__THAR_CONFIG = {\n  "userInfo" : {\n    "accountId" : "1001",\n    "userName" : "lenamoss",\n    "displayName" : "Lena Moss"\n  },\n  "dataTypes" : { "tweets" : { "files" : [ ] } }\n}',
      3,
    );
    expect(records).toEqual([
      {
        type: "owner",
        party: { isOwner: true, name: "Lena Moss", identities: [handle("lenamoss"), tid("1001")] },
        place: { line: 2, record: "the archive's manifest" },
      },
    ]);
  });

  it("counts a file it does not use as one skip, even when empty", async () => {
    const skipped = [
      { type: "skip", reason: "not used", message: expect.any(String), place: expect.anything() },
    ];
    expect(await recordsOf('window.YTD.ad_engagements.part0 = [ {"ad": {}} ]', 1)).toEqual(skipped);
    expect(await recordsOf("window.YTD.ip_audit.part0 = [ ]")).toEqual(skipped);
    expect(await recordsOf('window.__THAR_CONFIG = { "dataTypes" : { } }')).toEqual(skipped);
  });

  it("reads account.js and profile.js as the owner", async () => {
    const account = await recordsOf(
      'window.YTD.account.part0 = [ { "account" : { "email" : "lena@moss.example", "username" : "lenamoss", "accountId" : "1001", "accountDisplayName" : "Lena Moss" } } ]',
    );
    expect((account[0] as OwnerRecord).party).toEqual({
      isOwner: true,
      name: "Lena Moss",
      identities: [handle("lenamoss"), tid("1001"), { kind: "email", value: "lena@moss.example" }],
    });
    const profile = await recordsOf(
      'window.YTD.profile.part0 = [ { "profile" : { "description" : { "bio" : "Networking, slowly.", "website" : "https://lena.example/", "location" : " Lisbon " } } } ]',
    );
    expect(profile).toEqual([
      {
        type: "owner",
        party: {
          isOwner: true,
          identities: [{ kind: "url", value: "https://lena.example/" }],
          details: { bio: "Networking, slowly.", location: "Lisbon" },
        },
        place: { line: 1, record: "profile" },
      },
      expect.objectContaining({ type: "content", key: "twitter:profile:bio", kind: "bio" }),
    ]);
  });

  it("reads followers and followings as contacts by account id", async () => {
    const records = await recordsOf(
      'window.YTD.following.part0 = [ { "following" : { "accountId" : "2002", "userLink" : "https://twitter.com/intent/user?user_id=2002" } }, { "following" : { } } ]',
    );
    const [contact, skipped] = records as [ContactRecord, SkipRecord];
    expect(contact).toEqual({
      type: "contact",
      key: "twitter:following:2002",
      channel: "twitter",
      kind: "following",
      // No name and no link: the id is what the file knows (the pipeline shows it).
      party: { identities: [tid("2002")] },
      place: { line: 1, record: "following 2002" },
    });
    expect(skipped.reason).toBe("no id");
  });

  it("puts a follower's @username first when its userLink names it, never a URL", async () => {
    const records = await recordsOf(
      `window.YTD.follower.part0 = [ ${[
        ["3003", "https://twitter.com/theo_b"],
        ["4004", "https://x.com/Ines_R/?lang=en"],
        ["5005", "https://twitter.com/i/user/5005"],
        ["6006", "https://twitter.com/intent/user?user_id=6006"],
      ]
        .map(([id, link]) => `{ "follower" : { "accountId" : "${id}", "userLink" : "${link}" } }`)
        .join(", ")} ]`,
    );
    const parties = (records as ContactRecord[]).map((c) => c.party);
    expect(parties).toEqual([
      { identities: [{ kind: "handle", platform: "twitter", value: "@theo_b" }, tid("3003")] },
      { identities: [{ kind: "handle", platform: "twitter", value: "@Ines_R" }, tid("4004")] },
      { identities: [tid("5005")] },
      { identities: [tid("6006")] },
    ]);
    for (const p of parties) {
      expect(p.name).toBeUndefined();
      expect(p.identities.every((i) => !/^https?:/.test(i.value))).toBe(true);
    }
  });

  it("throws an input error naming the file and line for what is not an archive file", async () => {
    const notArchive = await failureOf("var tweets = [1, 2, 3]");
    expect(notArchive).toBeInstanceOf(IrlError);
    expect(notArchive).toMatchObject({ code: "input", file: "t.js", place: "line 1" });
    const cut = await failureOf('window.YTD.tweets.part0 = [\n  { "tweet" : { "id_str" : "1"');
    expect(cut.message).toBe("t.js: line 2: the file ends inside the value that starts on line 2");
  });
});
