import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type { InteractionRecord, PartyRef, SourceRecord } from "../records.js";
import { disqusImporter } from "./index.js";

const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixtures", "forum.xml"));

async function read(bytes: Buffer | string, size = 1 << 16): Promise<SourceRecord[]> {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const out: SourceRecord[] = [];
  for await (const batch of disqusImporter.parse({
    path: "export.xml",
    chunks: chunked(buffer, size),
  })) {
    out.push(...batch);
  }
  return out;
}

const byKey = (records: SourceRecord[]) =>
  new Map(
    records
      .filter((r): r is InteractionRecord => r.type === "interaction")
      .map((r) => [r.key.replace("disqus:quillnotes:post:", ""), r]),
  );

const mara: PartyRef = {
  name: "Mara Quill",
  identities: [
    { kind: "email", value: "mara@maraquill.example", claimed: true },
    { kind: "handle", value: "maraquill", platform: "disqus" },
  ],
  nameScope: "disqus:quillnotes",
};
const tobin: PartyRef = {
  name: "Tobin Vale",
  identities: [
    { kind: "email", value: "tobin@vale.example", claimed: true },
    { kind: "handle", value: "tobinv", platform: "disqus" },
  ],
  nameScope: "disqus:quillnotes",
};

describe("disqusImporter", () => {
  it("makes a comment from the commenter to the thread's author, with the thread as context", async () => {
    const comment = byKey(await read(FIXTURE)).get("301");
    expect(comment).toEqual({
      type: "interaction",
      key: "disqus:quillnotes:post:301",
      channel: "blog_comment",
      kind: "comment",
      at: Date.UTC(2021, 3, 2, 9),
      from: tobin,
      to: [mara],
      thread: "disqus:quillnotes:thread:200",
      context: { url: "https://maraquill.example/compost/", title: "Compost & patience" },
      text: "Lovely post!",
      place: { line: 23, record: "post 301" },
    } satisfies InteractionRecord);
  });

  it("addresses replies to the parent's author, even when the reply comes first", async () => {
    const posts = byKey(await read(FIXTURE));
    expect(posts.get("302")).toMatchObject({
      kind: "reply",
      from: mara,
      to: [tobin],
      replyTo: "disqus:quillnotes:post:301",
    });
    expect(posts.get("303")).toMatchObject({
      kind: "reply",
      from: { name: "Ines", identities: [], nameScope: "disqus:quillnotes" },
      to: [mara],
      replyTo: "disqus:quillnotes:post:302",
      text: "Agreed with both.",
    });
  });

  it("waits for a thread that comes later, and answers the owner when the thread has no author", async () => {
    const posts = byKey(await read(FIXTURE));
    expect(posts.get("305")).toMatchObject({
      kind: "comment",
      to: [{ isOwner: true, identities: [] }],
      context: { url: "https://maraquill.example/rain/", title: "Rain barrels" },
    });
    // Its parent is not in the export: still a reply, to the thread's author, without replyTo.
    const orphanReply = posts.get("306");
    expect(orphanReply).toMatchObject({ kind: "reply", to: [{ isOwner: true, identities: [] }] });
    expect(orphanReply?.replyTo).toBeUndefined();
  });

  it("counts spam, broken dates, repeated ids and authorless posts as skips", async () => {
    const skips = (await read(FIXTURE)).filter((r) => r.type === "skip");
    expect(skips.map((s) => s.type === "skip" && [s.reason, s.place.line])).toEqual([
      ["spam", 58],
      ["bad date", 89],
      ["duplicate", 95],
      ["no author", 101],
    ]);
    expect(skips[0]).toMatchObject({
      message: 'Disqus post 304 on "Compost & patience" is marked as spam.',
    });
  });

  it("gives the same records for 1-byte chunks as for one chunk, with unique keys", async () => {
    const whole = await read(FIXTURE, FIXTURE.length);
    expect(await read(FIXTURE, 1)).toEqual(whole);
    const keys = whole
      .filter((r) => r.type === "interaction")
      .map((r) => r.type === "interaction" && r.key);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("throws for a cut-off export after yielding what it read", async () => {
    const text = FIXTURE.toString("utf8");
    const cut = text.slice(0, text.indexOf('<post dsq:id="304">'));
    const seen: SourceRecord[] = [];
    const run = async () => {
      for await (const batch of disqusImporter.parse({
        path: "cut.xml",
        chunks: chunked(Buffer.from(cut), 64),
      })) {
        seen.push(...batch);
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({
      message: "cut.xml: line 58: the file ends before </disqus>",
      place: "line 58",
    });
    expect(seen.filter((r) => r.type === "interaction")).toHaveLength(3);
  });

  it("refuses another kind of XML", async () => {
    await expect(read('<?xml version="1.0"?>\n<rss version="2.0"></rss>')).rejects.toThrow(
      "export.xml: line 2: not a Disqus export: the document is <rss>",
    );
  });

  it("detects Disqus exports and rejects other heads", () => {
    expect(disqusImporter.detect(FIXTURE.subarray(0, 300).toString())).toBe(true);
    expect(disqusImporter.detect('<disqus xmlns="https://disqus.com/">')).toBe(true);
    expect(disqusImporter.detect("<disqus><thread>")).toBe(false);
    expect(
      disqusImporter.detect('<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'),
    ).toBe(false);
    expect(disqusImporter.detect('<?xml version="1.0"?><opml version="2.0">')).toBe(false);
    expect(disqusImporter.detect('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(false);
    expect(disqusImporter.detect("name,email\nAda,ada@example.org")).toBe(false);
  });
});
