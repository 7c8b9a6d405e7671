import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type { ContactRecord, SourceRecord } from "../records.js";
import { feedKey } from "./feed-key.js";
import { opmlImporter } from "./index.js";

const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixtures", "reading.opml"));

async function read(bytes: Buffer | string, size = 1 << 16): Promise<SourceRecord[]> {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const out: SourceRecord[] = [];
  for await (const batch of opmlImporter.parse({
    path: "list.opml",
    chunks: chunked(buffer, size),
  })) {
    out.push(...batch);
  }
  return out;
}

describe("opmlImporter", () => {
  it("makes a subscription per feed outline, in nested folders, tied to the blog's site", async () => {
    const records = await read(FIXTURE);
    expect(
      records.map((r) => (r.type === "contact" ? r.key : `skip:${r.type === "skip" && r.reason}`)),
    ).toEqual([
      "opml:maraquill.example/feed",
      "opml:cafe-notes.example/rss?lang=fr",
      "skip:duplicate",
      "skip:malformed",
      "opml:tobinvale.example/atom.xml",
    ]);
    expect(records[0]).toEqual({
      type: "contact",
      key: "opml:maraquill.example/feed",
      channel: "opml",
      kind: "subscription",
      party: {
        name: "Field Notes by Mara Quill",
        identities: [{ kind: "url", value: "https://maraquill.example/" }],
      },
      at: Date.UTC(2024, 0, 1, 10),
      place: { line: 7, record: 'outline "Field Notes by Mara Quill"' },
    } satisfies ContactRecord);
    // No htmlUrl: the feed URL stands for the site; markup and entities in `text` are stripped.
    expect((records[1] as ContactRecord).party).toEqual({
      name: "Café Notes",
      identities: [{ kind: "url", value: "http://www.cafe-notes.example/rss?lang=fr" }],
    });
    expect(records[2]).toMatchObject({
      place: { line: 12 },
      message: expect.stringContaining("repeats the feed"),
    });
    // The cut-short outline on line 13 is counted; the outline it ran into is still read.
    expect(records[3]).toMatchObject({ place: { line: 13, record: 'outline "Broken"' } });
    expect(records[4]).toMatchObject({ place: { line: 14 } });
  });

  it("gives the same records for 1-byte chunks as for one chunk", async () => {
    expect(await read(FIXTURE, 1)).toEqual(await read(FIXTURE, FIXTURE.length));
  });

  it("throws for a cut-off file, naming the last line, after yielding what it read", async () => {
    const cut = '<opml version="2.0"><body>\n<outline text="A" xmlUrl="https://a.example/feed"/>\n';
    const seen: SourceRecord[] = [];
    const run = async () => {
      for await (const batch of opmlImporter.parse({
        path: "cut.opml",
        chunks: chunked(Buffer.from(cut), 8),
      })) {
        seen.push(...batch);
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({
      message: "cut.opml: line 2: the file ends before </opml>",
      place: "line 2",
    });
    expect(seen.map((r) => r.type === "contact" && r.key)).toEqual(["opml:a.example/feed"]);
  });

  it("refuses a document that is not OPML", async () => {
    await expect(read('<rss version="2.0"><channel/></rss>')).rejects.toThrow(
      "list.opml: line 1: not an OPML file: the document is <rss>",
    );
    await expect(read("")).rejects.toThrow("list.opml: not an OPML file (no XML element)");
  });

  it("detects OPML and rejects other heads", () => {
    expect(opmlImporter.detect('<?xml version="1.0"?>\n<!-- x -->\n<opml version="2.0">')).toBe(
      true,
    );
    expect(opmlImporter.detect('\ufeff<opml version="1.0">')).toBe(true);
    expect(
      opmlImporter.detect('<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'),
    ).toBe(false);
    expect(opmlImporter.detect('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(false);
    expect(opmlImporter.detect('<disqus xmlns="http://disqus.com">')).toBe(false);
    expect(opmlImporter.detect("Name,Email\nAda,ada@example.org")).toBe(false);
  });
});

describe("feedKey", () => {
  it("drops scheme, www., default port, fragment and trailing slashes; keeps the query", () => {
    expect(feedKey("HTTPS://www.Blog.example:443/feed/?x=1#top")).toBe("blog.example/feed?x=1");
    expect(feedKey("http://blog.example:8080/Feed")).toBe("blog.example:8080/Feed");
    expect(feedKey("blog.example/rss/")).toBe("blog.example/rss");
    expect(feedKey(" not a url ")).toBe("not a url");
  });
});
