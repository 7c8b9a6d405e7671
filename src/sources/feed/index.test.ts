import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type { ContentRecord, SkipRecord, SourceRecord } from "../records.js";
import { feedImporter, MAX_FEED_BYTES } from "./index.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

async function read(
  bytes: Buffer | string,
  size = 1 << 16,
  file = "feed.xml",
): Promise<SourceRecord[]> {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const out: SourceRecord[] = [];
  for await (const batch of feedImporter.parse({ path: file, chunks: chunked(buffer, size) })) {
    out.push(...batch);
  }
  return out;
}

function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

const contents = (records: SourceRecord[]) =>
  records.filter((r): r is ContentRecord => r.type === "content");

describe("feedImporter on a personal RSS feed", () => {
  it("makes one post per item, by the blogger, tied to the blog's site", async () => {
    const records = await read(fixture("personal.rss"));
    const posts = contents(records);
    expect(posts).toHaveLength(3);
    const [first, second, third] = posts as [ContentRecord, ContentRecord, ContentRecord];
    expect(first).toEqual({
      type: "content",
      key: "feed:https://maraquill.example/feed/:https://maraquill.example/?p=41",
      kind: "post",
      author: {
        name: "Mara Quill",
        identities: [{ kind: "url", value: "https://maraquill.example/" }],
        nameScope: "feed:maraquill.example",
      },
      at: Date.UTC(2024, 2, 5, 9, 30),
      title: "Why I stopped & started again",
      url: "https://maraquill.example/2024/03/started-again/",
      text: "Three meetups later, I finally get it.",
      place: { record: 'entry 1 "Why I stopped & started again"' },
    });
    expect(second.url).toBe("https://maraquill.example/2024/02/seed-swap/");
    expect(second.text).toBe("Forty people came.");
    expect(second.key).toBe(
      "feed:https://maraquill.example/feed/:https://maraquill.example/2024/02/seed-swap/",
    );
    // No id and no link: keyed by a hash of what it says; a broken date is left out.
    expect(third.key).toMatch(/^feed:https:\/\/maraquill\.example\/feed\/:sha256:[0-9a-f]{24}$/);
    expect(third.at).toBeUndefined();
    expect(third.title).toBeUndefined();
    // No author anywhere: the blog stands for its author by its site, unnamed — the feed's
    // title ("Field Notes by Mara Quill") is not a person's name.
    expect(third.author).toEqual({
      identities: [{ kind: "url", value: "https://maraquill.example/" }],
      nameScope: "feed:maraquill.example",
    });
  });

  it("gives the same records for 1-byte chunks as for one chunk, with stable unique keys", async () => {
    const bytes = fixture("personal.rss");
    const whole = await read(bytes, bytes.length);
    expect(await read(bytes, 1)).toEqual(whole);
    expect(await read(bytes, 7)).toEqual(whole);
    const keys = contents(whole).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("feedImporter on a group Atom feed", () => {
  it("does not give the site to each of several authors, so they stay apart", async () => {
    const [tobin, ines] = contents(await read(fixture("group.atom"))) as [
      ContentRecord,
      ContentRecord,
    ];
    expect(tobin.author).toEqual({
      name: "Tobin Vale",
      identities: [
        { kind: "email", value: "tobin@vale.example" },
        { kind: "url", value: "https://tobinvale.example/" },
      ],
      nameScope: "feed:allotment.example",
    });
    expect(ines.author).toEqual({
      name: "Ines Marlow",
      identities: [],
      nameScope: "feed:allotment.example",
    });
    expect(tobin.key).toBe(
      "feed:tag:allotment.example,2024:feed:tag:allotment.example,2024:post-7",
    );
    expect(tobin.at).toBe(Date.UTC(2024, 3, 1, 6));
    expect(tobin.text).toBe("Plain text with a <tag> that is text.");
    expect(ines.at).toBe(Date.UTC(2024, 2, 20, 12));
    expect(ines.text).toBe("Collect it.");
  });
});

describe("feedImporter on feeds without a site or an author", () => {
  it("stands the feed in for its author by its own address", async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet Log</title>
      <id>https://quiet.example/atom.xml</id><updated>2024-01-01T00:00:00Z</updated>
      <entry><id>urn:x:1</id><title>One</title><updated>2024-01-01T00:00:00Z</updated></entry>
      </feed>`;
    const [post] = contents(await read(feed));
    expect(post?.author).toEqual({
      identities: [{ kind: "url", value: "https://quiet.example/atom.xml" }],
      nameScope: "feed:https://quiet.example/atom.xml",
    });
  });

  it("skips and counts entries when nothing can stand for an author", async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x:feed</id>
      <entry><id>urn:x:1</id><title>One</title></entry></feed>`;
    const records = await read(feed);
    expect(records).toEqual([
      {
        type: "skip",
        reason: "no author",
        message:
          'The feed\'s entry 1 "One" names no author, and the feed has no site or address to stand for one.',
        place: { record: 'entry 1 "One"' },
      } satisfies SkipRecord,
    ]);
  });
});

describe("feedImporter on JSON Feed", () => {
  const json = JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "Pell's Pages",
    home_page_url: "https://pell.example/",
    feed_url: "https://pell.example/feed.json",
    authors: [{ name: "Wren Pell", url: "https://pell.example/about" }],
    items: [
      {
        id: "1",
        url: "https://pell.example/one",
        content_text: "Hello  there",
        date_published: "2024-05-01T10:00:00Z",
      },
      { id: "2", title: "Two", content_html: "<p>Bye</p>" },
    ],
  });

  it("reads items with the feed's author", async () => {
    const posts = contents(await read(json, 1 << 16, "feed.json"));
    expect(posts.map((p) => [p.key, p.text, p.title])).toEqual([
      ["feed:https://pell.example/feed.json:1", "Hello there", undefined],
      ["feed:https://pell.example/feed.json:2", "Bye", "Two"],
    ]);
    expect(posts[0]?.author.identities).toEqual([
      { kind: "url", value: "https://pell.example/about" },
      { kind: "url", value: "https://pell.example/" },
    ]);
    expect(posts[0]?.at).toBe(Date.UTC(2024, 4, 1, 10));
  });

  it("reports JSON that does not parse", async () => {
    await expect(
      read('{"version": "https://jsonfeed.org/version/1", ', 3, "f.json"),
    ).rejects.toThrow(/^f\.json: not valid JSON \(/);
  });
});

describe("feedImporter on bytes and broken files", () => {
  it("reads a windows-1252 feed labelled ISO-8859-1, € included", async () => {
    const head =
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>';
    const body =
      "<title>Caf\xe9</title><link>https://cafe.example/</link><item><title>\x80 5 \x93deal\x94</title><dc:creator>Ren\xe9e</dc:creator>";
    const bytes = Buffer.from(`${head}${body}<guid>a</guid></item></channel></rss>`, "latin1");
    const [post] = contents(await read(bytes, 1));
    expect(post?.title).toBe("€ 5 “deal”");
    expect(post?.author.name).toBe("Renée");
  });

  it("reads undeclared non-UTF-8 bytes as windows-1252 and drops a UTF-8 BOM", async () => {
    const undeclared = Buffer.from(
      '<rss version="2.0"><channel><link>https://x.example/</link><item><guid>1</guid><title>Not\xedcias</title></item></channel></rss>',
      "latin1",
    );
    expect(contents(await read(undeclared))[0]?.title).toBe("Notícias");
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        '<rss version="2.0"><channel><link>https://x.example/</link><item><guid>1</guid><title>Notícias</title></item></channel></rss>',
      ),
    ]);
    expect(contents(await read(bom, 1))[0]?.title).toBe("Notícias");
  });

  it("names the line where a cut-off feed ends", async () => {
    const cut =
      '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<item><title>A</title></item>\n';
    const error = await read(cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({
      code: "input",
      message: "feed.xml: line 4: the file ends before </rss>",
      file: "feed.xml",
      place: "line 4",
    });
  });

  it("refuses a file larger than 50 MB without holding it all", async () => {
    const mb = Buffer.alloc(1024 * 1024, 32);
    async function* huge(): AsyncIterable<Buffer> {
      for (let i = 0; i <= MAX_FEED_BYTES / mb.length; i++) yield mb;
    }
    const parse = async () => {
      for await (const _ of feedImporter.parse({ path: "big.xml", chunks: huge() })) {
        // nothing
      }
    };
    await expect(parse()).rejects.toThrow("big.xml: larger than 50 MB, too big for a feed");
  });

  it("refuses an empty file", async () => {
    await expect(read("  \n")).rejects.toThrow("feed.xml: the file is empty");
  });
});

describe("feedImporter names authors by people's names, never by titles", () => {
  it("takes dc:creator and the feed's author, and drops a 'name' that is a title", async () => {
    const feed = `<?xml version="1.0"?>
      <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <title>Statistical significance: overrated? – Meera Deshpande</title>
      <link>https://meera.example/</link>
      <item><title>Statistical significance: overrated?</title><guid>m:1</guid>
        <dc:creator>Meera Deshpande</dc:creator></item>
      <item><title>Statistical significance: overrated?</title><guid>m:2</guid>
        <dc:creator>Statistical significance: overrated? – Meera Deshpande</dc:creator></item>
      <item><title>Priors</title><guid>m:3</guid><dc:creator>Meera | Priors</dc:creator></item>
      <item><title>Untitled thoughts</title><guid>m:4</guid></item>
      </channel></rss>`;
    const posts = contents(await read(feed));
    expect(posts.map((p) => p.author.name)).toEqual([
      "Meera Deshpande",
      undefined,
      undefined,
      undefined,
    ]);
    // Unnamed, each is still the blogger by the blog's site.
    for (const p of posts) {
      expect(p.author.identities).toEqual([{ kind: "url", value: "https://meera.example/" }]);
    }
    const withAuthor = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Field Notes</title>
      <id>urn:f</id><author><name>Mara Quill</name></author>
      <link rel="alternate" href="https://mara.example/"/>
      <entry><id>urn:f:1</id><title>Field Notes</title><updated>2024-01-01T00:00:00Z</updated>
      </entry></feed>`;
    expect(contents(await read(withAuthor))[0]?.author.name).toBe("Mara Quill");
  });
});
