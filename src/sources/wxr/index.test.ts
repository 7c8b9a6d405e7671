import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type {
  ContentRecord,
  InteractionRecord,
  OwnerRecord,
  SkipRecord,
  SourceRecord,
} from "../records.js";
import { wxrImporter } from "./index.js";

const DIALOG = readFileSync(new URL("./fixtures/dialog.xml", import.meta.url));
const SITE = "fieldnotes.example/blog";
const SCOPE = `wxr:${SITE}`;

async function batchesOf(xml: string | Buffer, size = Number.MAX_SAFE_INTEGER) {
  const bytes = typeof xml === "string" ? Buffer.from(xml) : xml;
  const batches: SourceRecord[][] = [];
  for await (const batch of wxrImporter.parse({ path: "t.xml", chunks: chunked(bytes, size) })) {
    batches.push(batch);
  }
  return batches;
}

async function recordsOf(xml: string | Buffer, size?: number): Promise<SourceRecord[]> {
  return (await batchesOf(xml, size)).flat();
}

/** Parses until the error; returns the records yielded before it and the error. */
async function failureOf(xml: string | Buffer, size?: number) {
  const bytes = typeof xml === "string" ? Buffer.from(xml) : xml;
  const before: SourceRecord[] = [];
  try {
    for await (const batch of wxrImporter.parse({
      path: "t.xml",
      chunks: chunked(bytes, size ?? bytes.length),
    })) {
      before.push(...batch);
    }
  } catch (error) {
    return { before, error: error as IrlError };
  }
  throw new Error("expected the import to fail");
}

/** The blog's authors; the one record that claims the blog's own site is tested on its own. */
const isSiteClaim = (r: SourceRecord) =>
  r.type === "owner" && r.place.record === "the blog's own site";
const owners = (rs: SourceRecord[]) =>
  rs.filter((r): r is OwnerRecord => r.type === "owner" && !isSiteClaim(r));
const contents = (rs: SourceRecord[]) => rs.filter((r): r is ContentRecord => r.type === "content");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");

function comment(rs: SourceRecord[], id: number): InteractionRecord {
  const found = interactions(rs).find(
    (r) => r.key.startsWith(`${SCOPE}:`) && r.key.endsWith(`:comment:${id}`),
  );
  if (!found) throw new Error(`no comment ${id}`);
  return found;
}

/** 1-based line of the `<wp:comment>` that holds `needle`, counted in the fixture text. */
function commentLine(text: string, needle: string): number {
  const start = text.lastIndexOf("<wp:comment>", text.indexOf(needle));
  return text.slice(0, start).split("\n").length;
}

function wxr(
  body: string,
  ns = "http://wordpress.org/export/1.2/",
  link = "https://blog.example/",
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${ns}">
<channel>
<link>${link}</link>
${body}
</channel>
</rss>
`;
}

const OWNER = `<wp:author><wp:author_id>7</wp:author_id><wp:author_login>lena</wp:author_login>
<wp:author_email>lena@blog.example</wp:author_email><wp:author_display_name>Lena Holm</wp:author_display_name></wp:author>`;

function post(id: number, comments: string, creator = "lena"): string {
  return `<item><title>Post ${id}</title><link>https://blog.example/p/${id}/</link>
<dc:creator>${creator}</dc:creator><wp:post_id>${id}</wp:post_id>
<wp:post_date_gmt>2023-03-0${id} 10:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>${comments}</item>`;
}

function reply(id: number, parent: number, author: string, extra = ""): string {
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${author}</wp:comment_author>
<wp:comment_date_gmt>2023-03-10 1${id % 10}:00:00</wp:comment_date_gmt><wp:comment_content>Text ${id}</wp:comment_content>
<wp:comment_parent>${parent}</wp:comment_parent>${extra}</wp:comment>`;
}

describe("wxrImporter", () => {
  it("names its format and detects WordPress exports from their head", () => {
    expect(wxrImporter.format).toBe("wxr");
    expect(wxrImporter.detect(DIALOG.toString("utf8", 0, 1000))).toBe(true);
    expect(wxrImporter.detect(wxr("", "https://wordpress.org/export/1.1/"))).toBe(true);
    expect(wxrImporter.detect('<rss version="2.0"><channel><title>A feed</title>')).toBe(false);
    expect(wxrImporter.detect('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(false);
    expect(wxrImporter.detect("<channel>\n<wp:wxr_version>1.2</wp:wxr_version>")).toBe(true);
    expect(wxrImporter.detect('<rss xmlns:wp="http://wordpress.org/export/2.0/">')).toBe(false);
  });
});

describe("the dialog fixture", async () => {
  const text = DIALOG.toString("utf8");
  const records = await recordsOf(DIALOG);
  const mara = owners(records)[0]?.party;

  it("claims the blog's own site and host for its owners, once", () => {
    const claims = records.filter(isSiteClaim) as OwnerRecord[];
    expect(claims.map((c) => c.party)).toEqual([
      {
        identities: [
          { kind: "url", value: SITE },
          { kind: "url", value: "fieldnotes.example" },
        ],
      },
    ]);
  });

  it("emits the blog's authors as owners with e-mail and a handle on the normalised site", () => {
    expect(owners(records).map((o) => o.party)).toEqual([
      {
        name: "Mara Quill",
        identities: [
          { kind: "email", value: "mara@fieldnotes.example" },
          { kind: "handle", value: "mara", platform: `wordpress:${SITE}` },
        ],
        nameScope: SCOPE,
      },
      {
        name: "Pavel Lind",
        identities: [{ kind: "handle", value: "guest", platform: `wordpress:${SITE}` }],
        nameScope: SCOPE,
      },
    ]);
  });

  it("emits published and drafted posts and pages as plain-text content, nothing else", () => {
    const [first, page] = contents(records);
    expect(contents(records)).toHaveLength(2);
    expect(first).toMatchObject({
      key: `${SCOPE}:post:10`,
      kind: "post",
      author: mara,
      at: Date.UTC(2024, 4, 1, 8, 0, 0),
      title: "Meeting people at conferences & why it works",
      url: "https://fieldnotes.example/blog/2024/05/meeting-people/",
      text: "Don't collect cards. Seek & target the right people first. Grüße — 🚀",
    });
    expect(page).toMatchObject({
      key: `${SCOPE}:post:20`,
      kind: "page",
      author: owners(records)[1]?.party,
      at: Date.UTC(2024, 4, 10, 12, 0, 0),
      text: "Pavel writes about gardens.",
    });
  });

  it("follows a threaded dialog between readers and the owner", () => {
    const c101 = comment(records, 101);
    const c102 = comment(records, 102);
    const c103 = comment(records, 103);
    const c104 = comment(records, 104);
    const theo = {
      name: "Theo Brandt",
      identities: [
        { kind: "email", value: "theo@brandt.example" },
        { kind: "url", value: "https://theo.example/" },
      ],
      nameScope: SCOPE,
    };
    expect(c101).toMatchObject({
      kind: "comment",
      channel: "blog_comment",
      from: theo,
      to: [mara],
    });
    expect(c101.replyTo).toBeUndefined();
    expect(c102).toMatchObject({ kind: "reply", from: mara, to: [theo], replyTo: c101.key });
    expect(c103).toMatchObject({ kind: "reply", from: theo, to: [mara], replyTo: c102.key });
    expect(c104).toMatchObject({ kind: "reply", to: [theo], replyTo: c103.key });
    expect(c104.from).toEqual({
      name: "Ines Okafor",
      identities: [{ kind: "email", value: "ines@okafor.example", claimed: true }],
      nameScope: SCOPE,
    });
    for (const c of [c101, c102, c103, c104]) {
      expect(c.thread).toBe(`${SCOPE}:post:10`);
      expect(c.context).toEqual({
        url: "https://fieldnotes.example/blog/2024/05/meeting-people/",
        title: "Meeting people at conferences & why it works",
      });
    }
    expect(c101.at).toBe(Date.UTC(2024, 4, 1, 10, 0, 0));
    expect(c101.text).toBe("Great post! I met my co-founder this way.");
    expect(c102.text).toBe("Thanks Theo! How did you two meet?");
  });

  it("resolves a parent that appears later in the item", () => {
    const quiet = comment(records, 107);
    expect(comment(records, 105)).toMatchObject({
      kind: "reply",
      replyTo: quiet.key,
      to: [{ name: "Quiet Reader", identities: [], nameScope: SCOPE }],
    });
  });

  it("keeps pending comments flagged, and skips spam and trash with reasons", () => {
    expect(comment(records, 107).status).toBe("pending");
    expect(comment(records, 101).status).toBeUndefined();
    expect(skips(records).map((s) => [s.reason, s.place.record])).toEqual([
      ["spam", 'comment 106 on "Meeting people at conferences & why it works"'],
      ["trash", 'comment 108 on "Meeting people at conferences & why it works"'],
      ["no author", 'comment 112 on "Meeting people at conferences & why it works"'],
      ["bad date", 'comment 113 on "Meeting people at conferences & why it works"'],
      ["no id", 'comment on "Meeting people at conferences & why it works"'],
      ["trash", 'comment 130 on "Deleted thoughts"'],
    ]);
    for (const s of skips(records)) expect(s.message.length).toBeGreaterThan(10);
    const everyone = interactions(records).flatMap((r) => [r.from, ...r.to]);
    expect(everyone.some((p) => p.name === "Cheap Watches")).toBe(false);
  });

  it("dates a comment whose export has no date elements by its post", async () => {
    const text = DIALOG.toString("utf8");
    const bare = text.replace(
      /<wp:comment_date>2024-05-01 12:00:00<\/wp:comment_date>\s*<wp:comment_date_gmt>2024-05-01 10:00:00<\/wp:comment_date_gmt>/,
      "",
    );
    expect(bare).not.toBe(text);
    const again = await recordsOf(bare);
    expect(comment(again, 101).at).toBe(Date.UTC(2024, 4, 1, 8, 0, 0));
  });

  it("treats a reply to a spam comment as a top-level comment to the post's author", () => {
    const c109 = comment(records, 109);
    expect(c109).toMatchObject({ kind: "comment", to: [mara] });
    expect(c109.replyTo).toBeUndefined();
  });

  it("makes pingbacks and trackbacks come from the linking site", () => {
    expect(comment(records, 110)).toMatchObject({
      channel: "pingback",
      kind: "pingback",
      // Named by its site: the "author" WordPress records is the linking post's title.
      from: { identities: [{ kind: "url", value: "https://other.example/" }] },
      to: [mara],
      text: "[…] a good read on meeting people […]",
    });
    expect(comment(records, 111)).toMatchObject({
      channel: "trackback",
      kind: "trackback",
      from: { identities: [{ kind: "url", value: "http://digest.example/" }] },
    });
  });

  it("keeps other comment types as the kind of a blog comment", () => {
    expect(comment(records, 115)).toMatchObject({ channel: "blog_comment", kind: "webmention" });
  });

  it("decodes entity-encoded comment text and falls back to comment_date as UTC", () => {
    const c116 = comment(records, 116);
    expect(c116.text).toBe("Fish & chips after the café meetup?");
    expect(c116.at).toBe(Date.UTC(2024, 4, 7, 10, 15, 0));
  });

  it("places records on the line of their <wp:comment> or <item>", () => {
    expect(comment(records, 101).place.line).toBe(commentLine(text, "<wp:comment_id>101<"));
    expect(comment(records, 116).place.line).toBe(commentLine(text, "<wp:comment_id>116<"));
    const spam = skips(records)[0];
    expect(spam?.place.line).toBe(commentLine(text, "<wp:comment_id>106<"));
    const itemLine = text.slice(0, text.indexOf("<item>")).split("\n").length;
    expect(contents(records)[0]?.place).toEqual({
      line: itemLine,
      record: 'post 10 "Meeting people at conferences & why it works"',
    });
    expect(comment(records, 101).place.record).toBe(
      'comment 101 on "Meeting people at conferences & why it works"',
    );
  });

  it("gives the same records in 1-byte, 7-byte and whole-file chunks", async () => {
    const oneByte = await batchesOf(DIALOG, 1);
    expect(oneByte.flat()).toEqual(records);
    expect(await recordsOf(DIALOG, 7)).toEqual(records);
    expect(oneByte.length).toBeGreaterThan(1);
    for (const batch of oneByte) expect(batch.length).toBeGreaterThan(0);
  });
});

describe("variants", () => {
  it("reads the https namespace and WXR 1.1", async () => {
    for (const ns of ["https://wordpress.org/export/1.2/", "https://wordpress.org/export/1.1/"]) {
      const records = await recordsOf(wxr(`${OWNER}${post(1, reply(11, 0, "Ann"))}`, ns));
      expect(records.map((r) => r.type)).toEqual(["owner", "owner", "content", "interaction"]);
    }
  });

  it("derives owners from dc:creator in WXR 1.0, once each", async () => {
    const body = `${post(1, reply(11, 0, "Ann"), "sam")}${post(2, "", "sam")}${post(3, "", "kim")}`;
    const records = await recordsOf(
      wxr(body, "http://wordpress.org/export/1.0/", "http://www.Old.example/"),
    );
    const sam = {
      name: "sam",
      identities: [{ kind: "handle", value: "sam", platform: "wordpress:old.example" }],
      nameScope: "wxr:old.example",
    };
    expect(owners(records).map((o) => o.party)).toEqual([
      sam,
      { ...sam, name: "kim", identities: [{ ...sam.identities[0], value: "kim" }] },
    ]);
    expect(records[0]?.type).toBe("owner");
    expect(interactions(records)[0]?.to).toEqual([sam]);
  });

  it("identifies the owner's comments by comment_user_id only when it is an author id", async () => {
    const byOwner = reply(11, 0, "Whoever", "<wp:comment_user_id>7</wp:comment_user_id>");
    const byStranger = reply(12, 0, "Other", "<wp:comment_user_id>8</wp:comment_user_id>");
    const records = await recordsOf(wxr(`${OWNER}${post(1, byOwner + byStranger)}`));
    const lena = owners(records)[0]?.party;
    const [mine, theirs] = interactions(records);
    expect(mine?.from).toBe(lena);
    expect(theirs?.from).toEqual({ name: "Other", identities: [], nameScope: "wxr:blog.example" });
  });

  it("decodes CDATA and entities, and keeps multi-byte characters", async () => {
    const cdata = `<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Zoë & <Ari>]]></wp:comment_author>
<wp:comment_date_gmt>2023-01-01 00:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[<p>a &lt; b</p><p>日本語 ✓</p>]]></wp:comment_content></wp:comment>`;
    const entity = cdata
      .replace("<wp:comment_id>5", "<wp:comment_id>6")
      .replace(
        "<![CDATA[<p>a &lt; b</p><p>日本語 ✓</p>]]>",
        "&lt;p&gt;a &amp;lt; b&lt;/p&gt;&lt;p&gt;&#26085;本語 &#x2713;&lt;/p&gt;",
      );
    const records = await recordsOf(wxr(post(1, cdata + entity)), 1);
    const texts = interactions(records).map((r) => r.text);
    expect(texts).toEqual(["a < b 日本語 ✓", "a < b 日本語 ✓"]);
    expect(interactions(records)[0]?.from.name).toBe("Zoë &");
  });

  it("drops a UTF-8 BOM, also when it arrives byte by byte", async () => {
    const plain = Buffer.from(wxr(post(1, reply(11, 0, "Ann"))));
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    const expected = await recordsOf(plain);
    expect(expected.map((r) => r.type)).toEqual(["owner", "owner", "content", "interaction"]);
    expect(await recordsOf(withBom)).toEqual(expected);
    expect(await recordsOf(withBom, 1)).toEqual(expected);
  });

  it("imports a file without <wp:wxr_version>", async () => {
    const records = await recordsOf(wxr(post(1, "")));
    expect(records.map((r) => r.type)).toEqual(["owner", "owner", "content"]);
  });

  it("honours another prefix bound to the export namespace, and not a rebound wp:", async () => {
    const body = `<item xmlns:w="http://wordpress.org/export/1.2/"><title>T</title><w:post_id>4</w:post_id>
<w:status>publish</w:status><w:post_type>page</w:post_type></item>
<item xmlns:wp="http://example.com/not-wordpress/"><wp:post_id>5</wp:post_id><wp:post_type>post</wp:post_type></item>
<item><wp:post_id>6</wp:post_id><wp:post_type>post</wp:post_type></item>`;
    const records = await recordsOf(wxr(body));
    expect(contents(records).map((c) => c.key)).toEqual([
      "wxr:blog.example:post:4",
      "wxr:blog.example:post:6",
    ]);
  });

  it("falls back to base_blog_url, then to unknown-site", async () => {
    const base = `<wp:base_blog_url>http://Base.example/b/</wp:base_blog_url>${post(1, "")}`;
    const [a] = contents(await recordsOf(wxr(base, undefined, "")));
    expect(a?.key).toBe("wxr:base.example/b:post:1");
    const [b] = contents(await recordsOf(wxr(post(1, ""), undefined, "")));
    expect(b?.key).toBe("wxr:unknown-site:post:1");
  });
});

describe("malformed files", () => {
  it("names the line of a closing tag that does not match", async () => {
    const xml = wxr(`${post(1, reply(11, 0, "Ann"))}\n<item><title>Broken\n</item>`);
    const { before, error } = await failureOf(xml);
    const line = xml.split("\n").findIndex((l) => l === "</item>") + 1;
    expect(error).toBeInstanceOf(IrlError);
    expect(error.code).toBe("input");
    expect(error.file).toBe("t.xml");
    expect(error.place).toBe(`line ${line}`);
    expect(error.message).toMatch(
      new RegExp(`^t\\.xml: line ${line}: expected </title> but found </item>`),
    );
    expect(before.map((r) => r.type)).toEqual(["owner", "owner", "content", "interaction"]);
  });

  it("keeps the records yielded before the malformation, whatever the chunking", async () => {
    const xml = wxr(`${post(1, "")}${post(2, "")}<item></wp:comment></item>`);
    for (const size of [1, 64, xml.length]) {
      const { before, error } = await failureOf(xml, size);
      expect(contents(before).map((c) => c.key)).toEqual([
        "wxr:blog.example:post:1",
        "wxr:blog.example:post:2",
      ]);
      expect(error.message).toContain("expected </item> but found </wp:comment>");
    }
  });

  it("rejects elements left open at the end of the file", async () => {
    const { error } = await failureOf(
      `<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item>\n`,
    );
    expect(error.message).toBe(
      "t.xml: line 3: the file ends before </item> (<item> opened on line 3)",
    );
  });

  it("rejects text or elements after the root", async () => {
    const text = await failureOf(`${wxr("")}oops\n`);
    expect(text.error.message).toContain("text after </rss>");
    expect(text.error.place).toBe(`line ${wxr("").split("\n").length}`);
    const element = await failureOf(`${wxr("")}<rss></rss>`);
    expect(element.error.message).toContain("<rss> after </rss>");
  });

  it("says when a file is not a WordPress export", async () => {
    for (const xml of ["", "<!-- nothing -->", "<feed><entry/></feed>", "<rss><title/></rss>"]) {
      const { error } = await failureOf(xml);
      expect(error).toBeInstanceOf(IrlError);
      expect(error.code).toBe("input");
      expect(error.message).toContain("not a WordPress export");
    }
  });
});
