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
import { facebookImporter } from "./index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function recordsOf(input: string | Buffer, size = Number.MAX_SAFE_INTEGER) {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const records: SourceRecord[] = [];
  for await (const batch of facebookImporter.parse({
    path: "f.json",
    chunks: chunked(bytes, size),
  })) {
    records.push(...batch);
  }
  return records;
}

const person = (name: string) => ({ name, identities: [], nameScope: "facebook" });
const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");

describe("facebookImporter detection", () => {
  it("accepts friends, profile and thread files from their head", () => {
    expect(facebookImporter.format).toBe("facebook");
    for (const name of ["friends.json", "message_1.json", "profile_information.json"]) {
      expect(facebookImporter.detect(fixture(name).toString("utf8", 0, 300)), name).toBe(true);
    }
    expect(facebookImporter.detect('{"received_requests_v2": []}')).toBe(true);
  });

  it("rejects other formats", () => {
    expect(
      facebookImporter.detect('{"version": "https://jsonfeed.org/version/1.1", "items": []}'),
    ).toBe(false);
    expect(facebookImporter.detect("window.YTD.tweets.part0 = [")).toBe(false);
    expect(
      facebookImporter.detect(
        '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">',
      ),
    ).toBe(false);
    expect(facebookImporter.detect("First Name,Last Name,Email Address")).toBe(false);
    expect(facebookImporter.detect('{"friends_v2": "not a list"}')).toBe(false);
    expect(facebookImporter.detect('{"participants": "x"}')).toBe(false);
  });
});

describe("friends.json", () => {
  it("gives a connection per friend, names repaired, dated, in any chunking", async () => {
    const records = await recordsOf(fixture("friends.json"));
    expect(await recordsOf(fixture("friends.json"), 1)).toEqual(records);
    const contacts = records as ContactRecord[];
    expect(contacts.map((c) => c.party)).toEqual([
      person("Ana Sousa"),
      person("René Dubois"),
      person("Kofi Mensah"),
      person("Zoë 🌻 Park"),
    ]);
    expect(contacts[1]).toMatchObject({
      type: "contact",
      key: "facebook:connection:René Dubois:1600000000",
      channel: "facebook",
      kind: "connection",
      at: 1600000000 * 1000,
      place: { line: 7, record: "connection René Dubois" },
    });
    expect(fixture("friends.json").toString("utf8").split("\n")[7]).toContain("Ren\\u00c3\\u00a9");
  });

  it("reads friend requests as invitations and skips nameless entries", async () => {
    const records = await recordsOf(
      '{"sent_requests_v2": [{"name": "Ana Sousa", "timestamp": 5}, {"timestamp": 6}]}',
    );
    expect(records[0]).toMatchObject({
      kind: "invitation_sent",
      key: "facebook:invitation_sent:Ana Sousa:5",
    });
    expect((records[1] as SkipRecord).reason).toBe("no name");
  });
});

describe("a Messenger thread", async () => {
  const bytes = fixture("message_1.json");
  const records = await recordsOf(bytes);
  const messages = interactions(records);

  it("reads the same in 1-byte chunks, with unique keys", async () => {
    expect(await recordsOf(bytes, 1)).toEqual(records);
    const keys = messages.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("sends each message from its sender to the other participants, text repaired", () => {
    expect(messages[0]).toMatchObject({
      channel: "facebook",
      kind: "message",
      at: 1700000300000,
      from: person("Mira Castell"),
      to: [person("René Dubois"), person("Ana Sousa")],
      text: "Dinner at Ana's on Friday? 🍝",
    });
    expect(messages[0]?.key).toMatch(/^facebook:message:[0-9a-f]{20}$/);
    expect(messages[1]).toMatchObject({
      from: person("René Dubois"),
      to: [person("Ana Sousa"), person("Mira Castell")],
      text: "Ça marche, à vendredi 😀",
    });
    expect(new Set(messages.map((m) => m.thread)).size).toBe(1);
    expect(messages[0]?.thread).toMatch(/^facebook:thread:[0-9a-f]{20}$/);
  });

  it("keeps an exact repeat under its own key, a photo without text, a call", () => {
    expect(messages[2]?.key).toBe(`${messages[1]?.key}:2`);
    expect(messages[3]).toMatchObject({ from: person("Ana Sousa"), kind: "message" });
    expect(messages[3]?.text).toBeUndefined();
    expect(messages[4]).toMatchObject({ kind: "call", from: person("Mira Castell") });
    expect(messages).toHaveLength(5);
  });

  it("skips membership changes and undated messages with reasons", () => {
    expect(skips(records).map((s) => s.reason)).toEqual(["membership change", "bad date"]);
  });

  it("gives the same thread key to the thread's other files, whatever the participants' order", async () => {
    const other = await recordsOf(
      '{"participants": [{"name": "Mira Castell"}, {"name": "Ana Sousa"}, {"name": "Ren\\u00c3\\u00a9 Dubois"}],\n "messages": [{"sender_name": "Ana Sousa", "timestamp_ms": 1, "content": "older"}]}',
    );
    expect(interactions(other)[0]?.thread).toBe(messages[0]?.thread);
  });

  it("holds messages until participants that come after them are known", async () => {
    const late = await recordsOf(
      '{"messages": [{"sender_name": "Ana Sousa", "timestamp_ms": 1, "content": "hi"}], "participants": [{"name": "Ana Sousa"}, {"name": "Kofi Mensah"}]}',
      5,
    );
    expect(interactions(late).map((m) => m.to)).toEqual([[person("Kofi Mensah")]]);
  });
});

describe("profile_information.json", () => {
  it("names the owner, and claims the owner's name within the facebook scope", async () => {
    const records = (await recordsOf(fixture("profile_information.json"), 1)) as OwnerRecord[];
    expect(records.map((r) => r.party)).toEqual([
      {
        isOwner: true,
        name: "Mira Castell",
        identities: [
          { kind: "email", value: "mira@castell.example" },
          { kind: "profile", platform: "facebook", value: "https://www.facebook.com/mira.castell" },
          { kind: "handle", platform: "facebook", value: "mira.castell" },
        ],
        details: { location: "Córdoba, Spain", organization: "Hélio Studio", title: "Designer" },
      },
      { isOwner: true, name: "Mira Castell", identities: [], nameScope: "facebook" },
    ]);
  });
});

describe("profile links", () => {
  it("drops a profile.php?id= link, whose id is in the query", async () => {
    const records = await recordsOf(
      '{"profile_v2": {"name": {"full_name": "Mira Castell"}, "profile_uri": "https://www.facebook.com/profile.php?id=100001"}}',
    );
    expect((records[0] as OwnerRecord).party.identities).toEqual([]);
  });
});

describe("broken files", () => {
  it("throws an input error with the file and line", async () => {
    const error = await recordsOf(
      '{"friends_v2": [\n  {"name": "A", "timestamp": 1},\n  {name: "B"}\n]}',
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({ code: "input", file: "f.json", place: "line 3" });
    expect((error as IrlError).message).toMatch(
      /^f\.json: line 3: "friends_v2" element 2 is not JSON/,
    );
    const cut = await recordsOf('{"friends_v2": [\n  {"name": "A"').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(cut).toMatchObject({ code: "input", place: "line 2" });
  });

  it("counts a JSON file with nothing irl reads as one skip", async () => {
    expect(skips(await recordsOf('{"deleted_friends_v2": []}')).map((s) => s.reason)).toEqual([
      "not used",
    ]);
  });
});
