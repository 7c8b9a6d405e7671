/**
 * The importer against real WXR files from other projects, read from ../shared/corpora/wxr
 * (never copied into this repository). Expected numbers come from that folder's MANIFEST.md or,
 * where it states none, from reading the file itself (the comments below say which).
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import type {
  ContentRecord,
  InteractionRecord,
  OwnerRecord,
  SkipRecord,
  SourceRecord,
} from "../records.js";
import { wxrImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/wxr");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "WXR corpora" : `WXR corpora (skipped: ${CORPUS} is missing)`;

async function importFile(name: string): Promise<SourceRecord[]> {
  const file = path.join(CORPUS, name);
  const records: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark: 4096 });
  for await (const batch of wxrImporter.parse({ path: file, chunks })) records.push(...batch);
  return records;
}

interface Tally {
  records: SourceRecord[];
  owners: OwnerRecord[];
  contents: ContentRecord[];
  skips: SkipRecord[];
  /** Interactions on the blog_comment channel. */
  comments: InteractionRecord[];
  replies: InteractionRecord[];
  pingbacks: InteractionRecord[];
  trackbacks: InteractionRecord[];
  pending: InteractionRecord[];
}

async function tally(name: string): Promise<Tally> {
  const records = await importFile(name);
  const interactions = records.filter((r): r is InteractionRecord => r.type === "interaction");
  return {
    records,
    // The blog's authors, without the record that claims the blog's own site for them.
    owners: records.filter(
      (r): r is OwnerRecord => r.type === "owner" && r.place.record !== "the blog's own site",
    ),
    contents: records.filter((r): r is ContentRecord => r.type === "content"),
    skips: records.filter((r): r is SkipRecord => r.type === "skip"),
    comments: interactions.filter((r) => r.channel === "blog_comment"),
    replies: interactions.filter((r) => r.kind === "reply"),
    pingbacks: interactions.filter((r) => r.channel === "pingback"),
    trackbacks: interactions.filter((r) => r.channel === "trackback"),
    pending: interactions.filter((r) => r.status === "pending"),
  };
}

const kinds = (rs: ContentRecord[], kind: string) => rs.filter((r) => r.kind === kind).length;

describeCorpus(title, () => {
  it("detects every corpus file from its head alone", () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".xml"));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const head = readFileSync(path.join(CORPUS, file)).subarray(0, 65536).toString("utf8");
      expect(wxrImporter.detect(head), file).toBe(true);
    }
  });

  it("a11y: 29 comments (24 untyped, 4 pingbacks, 1 bare), 9 threaded", async () => {
    const t = await tally("importer-a11y-unit-test-data.xml");
    expect(t.comments.length + t.pingbacks.length).toBe(29);
    expect(t.comments).toHaveLength(25);
    expect(t.pingbacks).toHaveLength(4);
    expect(t.replies).toHaveLength(9);
    expect(t.trackbacks).toHaveLength(0);
    expect(t.pending).toHaveLength(0);
    // The bare comment (id 167, "Anon") has no type, approval or date elements, on an undated
    // page: it is kept, approved, and dated by the earliest comment on that page.
    expect(t.skips).toEqual([]);
    const anon = t.comments.find((c) => c.key.endsWith(":comment:167"));
    expect(anon).toMatchObject({ kind: "comment", from: { name: "Anon" } });
    expect(anon?.status).toBeUndefined();
    const onPage = t.comments.filter((c) => c.thread === anon?.thread && c !== anon);
    expect(anon?.at).toBe(Math.min(...onPage.map((c) => c.at)));
    // 8 distinct commenter names; pingbacks are named by their site, not by a post title.
    expect(new Set(t.comments.map((c) => c.from.name)).size).toBe(8);
    for (const p of t.pingbacks) expect(p.from.name).toBeUndefined();
    // Read from the file: 3 distinct comment_author_email values (example@, fake@, tellyworth+test2@).
    const emails = t.comments.flatMap((c) => c.from.identities.filter((i) => i.kind === "email"));
    expect(new Set(emails.map((e) => e.value)).size).toBe(3);
    // Read from the file: 47 post items (36 plain, 11 in CDATA) and 17 pages, none trashed.
    expect(kinds(t.contents, "post")).toBe(47);
    expect(kinds(t.contents, "page")).toBe(17);
    // WordPress.com writes the author as <wp:wp_author>; it has no author_id.
    expect(t.owners.map((o) => o.party)).toEqual([
      {
        name: "Accessibility Tester",
        identities: [
          { kind: "email", value: "a11yteam@wordpress.org" },
          {
            kind: "handle",
            value: "a11yteam",
            platform: "wordpress:wpthemetestdata.wordpress.com",
          },
        ],
        nameScope: "wxr:wpthemetestdata.wordpress.com",
      },
    ]);
    const ping = t.pingbacks.find((p) => p.key.endsWith(":comment:922"));
    expect(ping?.from.identities).toEqual([
      { kind: "url", value: "http://tellyworth.wordpress.com/" },
    ]);
    expect(ping?.from.name).toBeUndefined();
  });

  it("isso: 8 comments, 3 threaded, first author Ohai with a trimmed e-mail", async () => {
    const t = await tally("isso-wordpress.xml");
    expect(t.comments).toHaveLength(8);
    expect(t.replies).toHaveLength(3);
    expect(t.pingbacks.length + t.trackbacks.length + t.pending.length + t.skips.length).toBe(0);
    const [first] = t.comments;
    expect(first?.from.name).toBe("Ohai");
    expect(first?.from.identities).toEqual([
      { kind: "email", value: "test@example.org", claimed: true },
      { kind: "url", value: "http://example.tld/", claimed: true },
    ]);
    // Two threads (posts with comments), told apart by their URLs.
    expect(new Set(t.comments.map((c) => c.context?.url)).size).toBe(2);
    // WXR 1.0 without <wp:author>: the post's dc:creator becomes the owner.
    expect(t.owners.map((o) => o.party.identities)).toEqual([
      [{ kind: "handle", value: "Tester", platform: "wordpress:unknown-site" }],
    ]);
    // The file reuses comment id 11 in its second item; keys are per post, so nothing is lost.
    expect(new Set(t.comments.map((c) => c.key)).size).toBe(8);
    // Comment 10's comment_date_gmt (02:13:14) differs from comment_date; the gmt one wins.
    expect(t.comments.find((c) => c.key.endsWith(":comment:10"))?.at).toBe(
      Date.UTC(2022, 5, 6, 2, 13, 14),
    );
  });

  it("valid WXR 1.0: 6 items, 1 comment, owner from dc:creator", async () => {
    const t = await tally("importer-valid-wxr-1.0.xml");
    expect(t.comments).toHaveLength(1);
    expect(t.replies.length + t.pingbacks.length + t.pending.length).toBe(0);
    // Read from the file: 3 posts and 3 pages, all by "admin".
    expect(kinds(t.contents, "post")).toBe(3);
    expect(kinds(t.contents, "page")).toBe(3);
    expect(t.owners.map((o) => o.party.name)).toEqual(["admin"]);
    expect(t.comments[0]).toMatchObject({
      from: { name: "Mr WordPress", identities: [{ kind: "url", value: "http://wordpress.org/" }] },
      to: [t.owners[0]?.party],
      thread: "wxr:localhost:post:1",
      text: "Hi, this is a comment. To delete a comment, just log in and view the post's comments. There you will have the option to edit or delete them.",
    });
  });

  it("valid WXR 1.1: 2 items, 1 comment", async () => {
    const t = await tally("importer-valid-wxr-1.1.xml");
    expect(t.comments).toHaveLength(1);
    expect(t.contents).toHaveLength(2);
    expect(t.owners.map((o) => o.party.name)).toEqual(["John Doe"]);
    expect(t.comments[0]?.to).toEqual([t.owners[0]?.party]);
  });

  it("small export: 11 items, 1 comment, 3 authors", async () => {
    const t = await tally("importer-small-export.xml");
    expect(t.comments).toHaveLength(1);
    // Read from the file: 6 posts and 5 pages (publish, draft, private).
    expect(kinds(t.contents, "post")).toBe(6);
    expect(kinds(t.contents, "page")).toBe(5);
    expect(t.owners.map((o) => o.party.identities[1]?.value)).toEqual([
      "admin",
      "editor",
      "author",
    ]);
  });

  it("slashes: backslashes and quotes are kept as written", async () => {
    const t = await tally("importer-slashes.xml");
    expect(t.comments).toHaveLength(1);
    expect(t.comments[0]?.text).toBe("\\o/ ¯\\_(ツ)_/¯");
    expect(t.contents[0]?.text).toBe('Slashes aren\\\'t \\"cool\\"');
  });

  it("serialized comment meta: 1 comment, its commentmeta ignored", async () => {
    const t = await tally("importer-serialized-comment-meta.xml");
    expect(t.comments).toHaveLength(1);
    expect(t.comments[0]?.text).toMatch(/^Hi, this is a comment\. .* come from Gravatar\.$/);
    // The draft's post_date_gmt is 0000-00-00: its pubDate gives the date.
    expect(t.contents[0]?.at).toBe(Date.UTC(1999, 10, 30));
  });

  it("sub data: the one comment has no date at all, so it is skipped", async () => {
    const t = await tally("importer-wxr-with-sub-data.xml");
    expect(t.comments).toHaveLength(0);
    expect(t.skips.map((s) => s.reason)).toEqual(["bad date"]);
    expect(t.contents.map((c) => c.key)).toEqual(["wxr:unknown-site:post:101"]);
  });

  it("e2e comprehensive: 2 items, 1 comment to the post's author", async () => {
    const t = await tally("importer-e2e-wxr-comprehensive.xml");
    expect(t.comments).toHaveLength(1);
    expect(t.owners.map((o) => o.party.name)).toEqual(["Alice", "Bob"]);
    expect(t.comments[0]).toMatchObject({
      key: "wxr:playground.internal/site:post:1000:comment:5000",
      to: [t.owners[0]?.party],
      text: "Great post!",
    });
    expect(t.contents.map((c) => c.author)).toEqual([t.owners[0]?.party, t.owners[1]?.party]);
  });

  it("UTF-8 challenges: no comments; invisible characters in a login still match", async () => {
    const t = await tally("importer-wxr-utf-8-challenges.xml");
    expect(t.comments).toHaveLength(0);
    expect(t.contents).toHaveLength(1);
    expect(t.owners[0]?.party.identities[1]?.value).toBe("admin\u200c\u200b\u200d\u200e");
    expect(t.contents[0]?.author).toBe(t.owners[0]?.party);
    expect(t.contents[0]?.text).toContain("🚀🌟💫");
  });

  it("crazy CDATA: the element structure is intact, so the post imports", async () => {
    const t = await tally("importer-crazy-cdata.xml");
    expect(t.contents).toHaveLength(1);
    expect(t.contents[0]?.text).toMatch(/^Content with nested/);
  });

  it("escaped crazy CDATA: the text reads as a browser would show it", async () => {
    const t = await tally("importer-crazy-cdata-escaped.xml");
    expect(t.contents.map((c) => c.text)).toEqual(["Content with nested :)"]);
  });

  it("namespace edge cases: 6 items, no comments; prefixes follow their namespaces", async () => {
    const t = await tally("importer-namespace-edge-cases.xml");
    expect(t.comments).toHaveLength(0);
    // wp: rebound to a fake namespace and custom: are not authors; wp2: bound to 1.1 is.
    expect(t.owners.map((o) => o.party.identities[1]?.value)).toEqual([
      "real_user",
      "version_conflict",
    ]);
    // The item that rebinds wp: to another namespace has no WordPress post type.
    expect(t.contents.map((c) => c.title)).toEqual([
      "Mixed Namespaces",
      "No Prefix",
      "Empty Namespace",
      "Unicode Namespace",
      "Namespace Bomb",
    ]);
    expect(t.contents[0]?.key).toBe("wxr:unknown-site:post:1");
    expect(t.contents[1]?.key).toBe("wxr:unknown-site:post:2");
  });

  it("missing version tag: imports anyway", async () => {
    const t = await tally("importer-missing-version-tag.xml");
    expect(t.owners.map((o) => o.party.name)).toEqual(["John Doe"]);
  });

  it("malformed: fails with an input error on line 90, the mismatched </channel>", async () => {
    const file = path.join(CORPUS, "importer-malformed.xml");
    const line90 = readFileSync(file, "utf8").split("\n")[89];
    expect(line90).toBe("</channel>");
    const error = await importFile("importer-malformed.xml").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({ code: "input", file, place: "line 90" });
    expect((error as IrlError).message).toBe(
      `${file}: line 90: expected </notachanneltag> but found </channel> (<notachanneltag> opened on line 27)`,
    );
  });
});
