/**
 * The importer against the real archive excerpt in ../shared/corpora/twitter (never copied into
 * this repository). Expected numbers come from its MANIFEST.md (7 tweets, replies to self and to
 * others, mentions with ids, 3 followers, 3 followings) and, where it states none, from reading
 * the files themselves (the comments say which).
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import type {
  ContactRecord,
  ContentRecord,
  InteractionRecord,
  OwnerRecord,
  SourceRecord,
} from "../records.js";
import { twitterImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/twitter/community-archive-mock");
const DATA = path.join(CORPUS, "data");
const present = existsSync(DATA);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "Twitter corpus" : `Twitter corpus (skipped: ${CORPUS} is missing)`;

async function importFile(file: string, highWaterMark = 4096): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark });
  for await (const batch of twitterImporter.parse({ path: file, chunks })) records.push(...batch);
  return records;
}

const data = (name: string) => path.join(DATA, name);
const tid = (value: string) => ({ kind: "handle", platform: "twitter-id", value });

describeCorpus(title, () => {
  it("detects every data file from its head, and not Twitter's README", () => {
    const files = readdirSync(DATA);
    for (const file of files) {
      const head = readFileSync(path.join(DATA, file)).subarray(0, 65536).toString("utf8");
      expect(twitterImporter.detect(head), file).toBe(file.endsWith(".js"));
    }
  });

  it("account.js: the owner with handle, id, e-mail and display name", async () => {
    const records = await importFile(data("account.js"), 1);
    expect(records).toHaveLength(1);
    expect((records[0] as OwnerRecord).party).toEqual({
      isOwner: true,
      name: "❤️‍🔥 xiq",
      identities: [
        { kind: "handle", platform: "twitter", value: "exGenesis" },
        tid("322603863"),
        { kind: "email", value: "theexgenesis@gmail.com" },
      ],
    });
  });

  it("profile.js: bio and location as details, the t.co website dropped", async () => {
    const records = await importFile(data("profile.js"), 1);
    const owner = records.find((r): r is OwnerRecord => r.type === "owner");
    expect(owner?.party).toEqual({
      isOwner: true,
      // From the header image link, .../profile_banners/322603863/...
      identities: [tid("322603863")],
      details: { bio: "negentropy", location: "Porto, Portugal" },
    });
    const bio = records.find((r): r is ContentRecord => r.type === "content");
    expect(bio).toMatchObject({
      key: "twitter:322603863:profile:bio",
      kind: "bio",
      text: "negentropy",
    });
  });

  it("follower.js and following.js: 3 contacts each, by account id", async () => {
    for (const kind of ["follower", "following"] as const) {
      const records = (await importFile(data(`${kind}.js`))) as ContactRecord[];
      expect(records.map((r) => [r.type, r.channel, r.kind])).toEqual(
        new Array(3).fill(["contact", "twitter", kind]),
      );
      const ids = records.map((r) => r.party.identities[0]?.value);
      const userLinks = [...readFileSync(data(`${kind}.js`), "utf8").matchAll(/user_id=(\d+)/g)];
      expect(ids).toEqual(userLinks.map((m) => m[1]));
      expect(records.map((r) => r.key)).toEqual(ids.map((id) => `twitter:${kind}:${id}`));
    }
  });

  describe("tweets.js: 7 tweets", async () => {
    const records = present ? await importFile(data("tweets.js")) : [];
    const interactions = records.filter((r): r is InteractionRecord => r.type === "interaction");
    const contents = records.filter((r): r is ContentRecord => r.type === "content");
    const replies = interactions.filter((r) => r.kind === "reply");
    const mentions = interactions.filter((r) => r.kind === "mention");

    it("reads in 1-byte chunks as in one", async () => {
      expect(await importFile(data("tweets.js"), 1)).toEqual(records);
      expect(await importFile(data("tweets.js"), 1 << 20)).toEqual(records);
    });

    it("every tweet has one main record keyed by its id, nothing skipped", () => {
      const ids = [
        ...readFileSync(data("tweets.js"), "utf8").matchAll(
          /"id_str" : "(\d+)",\n\s+"in_reply|"id_str" : "(\d+)",\n\s+"truncated"/g,
        ),
      ].map((m) => m[1] ?? m[2]);
      expect(ids).toHaveLength(7);
      const main = records.filter((r) => "key" in r && !r.key.endsWith(":mention"));
      expect(main.map((r) => ("key" in r ? r.key : ""))).toEqual(
        ids.map((id) => `twitter:tweet:${id}`),
      );
      expect(records.filter((r) => r.type === "skip")).toEqual([]);
    });

    it("the 2 replies to self (to exGenesis, 322603863) are content; the plain tweet too", () => {
      expect(contents).toHaveLength(3);
      expect(contents.map((c) => c.key)).toEqual([
        "twitter:tweet:1627031510963441664",
        "twitter:tweet:1627019761950375936",
        "twitter:tweet:1626902980006932483",
      ]);
      expect(contents[0]).toMatchObject({
        kind: "tweet",
        author: { isOwner: true, identities: [] },
        at: Date.UTC(2023, 1, 18, 19, 45, 15),
        text: expect.stringMatching(/^Another lesson is: .* few-shot examples$/),
      });
      const everyone = interactions.flatMap((r) => r.to);
      expect(everyone.some((p) => p.identities.some((i) => i.value === "322603863"))).toBe(false);
    });

    it("4 replies to others, with the replied-to account's handle, id and name", () => {
      expect(replies.map((r) => r.to.map((p) => p.identities.map((i) => i.value)))).toEqual([
        [["empathy2000", "732980797985148928"]],
        [["empathy2000", "732980797985148928"]],
        [["selentelechia", "990430425825755138"]],
        [["42irrationalist", "1248684884790587393"]],
      ]);
      expect(replies[0]).toMatchObject({
        channel: "twitter",
        at: Date.UTC(2023, 1, 18, 12, 33, 11),
        to: [{ name: "Cameron (🇵🇹)" }],
        replyTo: "twitter:tweet:1626916612560281601",
        text: "@empathy2000 did NOT know but now I'm listening to her solo act bc of u",
      });
    });

    it("2 mentions besides the replied-to accounts: meditationstuff and tszzl", () => {
      expect(
        mentions.map((m) => [
          m.key,
          m.to.map((p) => [p.name, ...p.identities.map((i) => i.value)]),
        ]),
      ).toEqual([
        ["twitter:tweet:1626871062343327744:mention", [["Mark", "meditationstuff", "2587393812"]]],
        ["twitter:tweet:1626745546156257281:mention", [["roon", "tszzl", "1460283925"]]],
      ]);
      expect(interactions.filter((r) => r.kind === "retweet")).toEqual([]);
    });
  });

  it("README.txt is not an archive file: a forced import fails cleanly", async () => {
    const error = await importFile(data("README.txt")).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "input", place: "line 1" });
  });

  it("NEGATIVE-prettier-tweets.js: not JSON, an input error at line 3 of the first tweet", async () => {
    const file = path.join(CORPUS, "NEGATIVE-prettier-tweets.js");
    expect(twitterImporter.detect(readFileSync(file, "utf8"))).toBe(true);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[2]?.trim()).toBe("tweet: {");
    for (const size of [1, 4096]) {
      const error = await importFile(file, size).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IrlError);
      expect(error).toMatchObject({ code: "input", file, place: "line 3" });
      expect((error as IrlError).message).toMatch(
        new RegExp(
          `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line 3: tweets element 1 is not JSON \\(`,
        ),
      );
    }
  });
});
