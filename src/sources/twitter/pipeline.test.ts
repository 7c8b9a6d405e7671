/**
 * An archive's files written through the real pipeline writer, in the order the pipeline reads
 * them (sorted paths: account.js, direct-messages.js, following.js, profile.js, tweets.js), to
 * check what the records mean once resolved: the owner is the user, directions follow, account
 * ids and @usernames meet in one person, and followers known by id stay distinct people.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { BatchWriter } from "../../pipeline/batch-writer.js";
import { storeTargets } from "../../testing/stores.js";
import type { SourceRecord } from "../records.js";
import { twitterImporter } from "./index.js";

async function recordsOf(text: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  async function* one() {
    yield Buffer.from(text);
  }
  for await (const batch of twitterImporter.parse({ path: "t.js", chunks: one() })) {
    records.push(...batch);
  }
  return records;
}

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), "utf8");

const FILES = [
  'window.YTD.account.part0 = [ { "account" : { "username" : "lenamoss", "accountId" : "1001", "accountDisplayName" : "Lena Moss" } } ]',
  fixture("direct-messages.js"),
  `window.YTD.following.part0 = [ ${["2002", "5005", "6006"]
    .map(
      (id) =>
        `{ "following" : { "accountId" : "${id}", "userLink" : "https://twitter.com/intent/user?user_id=${id}" } }`,
    )
    .join(", ")} ]`,
  'window.YTD.profile.part0 = [ { "profile" : { "description" : { "bio" : "Networking, slowly.", "website" : "https://t.co/xyz", "location" : "Lisbon" } } } ]',
  fixture("tweets.js"),
];

describe.each(storeTargets())("a Twitter archive through the writer on $name", (target) => {
  afterAll(() => target.cleanup());

  it("resolves the owner, directions and people", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "twitter", importId: 1, me, claimOwners: true });
      for (const file of FILES) {
        const records = await recordsOf(file);
        await store.conn.transaction((tx) => writer.write(tx, records));
      }
      const rows = await store.db
        .selectFrom("interactions")
        .select(["source_key", "kind", "direction", "from_person_id", "to_person_id"])
        .orderBy("source_key")
        .execute();
      const theo = rows.find(
        (r) => r.source_key === "twitter:dm:1650000000000000002",
      )?.from_person_id;
      expect(rows.map((r) => [r.source_key, r.kind, r.direction])).toEqual([
        ["twitter:dm:1650000000000000001", "message", "outbound"],
        ["twitter:dm:1650000000000000002", "message", "inbound"],
        ["twitter:tweet:1700000000000000006:mention", "mention", "outbound"],
        ["twitter:tweet:1700000000000000007", "retweet", "outbound"],
        ["twitter:tweet:1700000000000000008", "reply", "outbound"],
        ["twitter:tweet:1700000000000000008:mention#0", "mention", "outbound"],
        ["twitter:tweet:1700000000000000008:mention#1", "mention", "outbound"],
      ]);
      // Theo of the DMs (id 2002 only) is Theo of the reply (@theo_b, id 2002) and of following.js.
      expect(rows.find((r) => r.kind === "reply")?.to_person_id).toBe(theo);
      const contacts = await store.db
        .selectFrom("contacts")
        .select(["person_id", "kind"])
        .execute();
      expect(contacts).toHaveLength(3);
      expect(new Set(contacts.map((c) => c.person_id)).size).toBe(3);
      expect(contacts.map((c) => c.person_id)).toContain(theo);
      // The self-reply and the plain tweets are the user's content, with the bio.
      const content = await store.db
        .selectFrom("content")
        .select(["source_key", "person_id"])
        .execute();
      expect(content.every((c) => c.person_id === me)).toBe(true);
      expect(content.map((c) => c.source_key).sort()).toEqual([
        "twitter:profile:bio",
        "twitter:tweet:1700000000000000006",
        "twitter:tweet:1700000000000000009",
        "twitter:tweet:1700000000000000010",
      ]);
      const details = await store.db
        .selectFrom("details")
        .select(["person_id", "field", "value"])
        .orderBy("field")
        .execute();
      expect(details).toEqual([
        { person_id: me, field: "bio", value: "Networking, slowly." },
        { person_id: me, field: "location", value: "Lisbon" },
      ]);
      const mine = await store.identitiesOf(me);
      expect(mine.map((i) => i.value)).toEqual(
        expect.arrayContaining(["twitter-id:1001", "twitter:lenamoss"]),
      );
      // Theo, Ines, Pavel, and the two followed accounts known by id only.
      expect((await store.stats()).people).toBe(5);
      // Nobody is named by a link: the accounts known by id only are shown by their id.
      const names = await store.db
        .selectFrom("people")
        .select("display_name")
        .where("is_me", "=", 0)
        .execute();
      expect(names.map((p) => p.display_name)).toEqual(expect.arrayContaining(["5005", "6006"]));
      for (const p of names) expect(p.display_name).not.toMatch(/https?:|\/i\/user\//);
    } finally {
      await store.close();
    }
  });
});
