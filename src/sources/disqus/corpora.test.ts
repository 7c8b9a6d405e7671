/**
 * The Disqus importer against isso's test export, read from ../shared/corpora/disqus (never
 * copied here). Its MANIFEST row: 6 posts; isso keeps 5 comments (the orphan on missing thread
 * 1337 dropped; the deleted post kept with empty text) and the reply links. irl skips deleted
 * posts ("deleted"), so it keeps 4 and counts 2 skips, and keeps both replies' addressees.
 */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InteractionRecord, SkipRecord, SourceRecord } from "../records.js";
import { disqusImporter } from "./index.js";

const FILE = path.resolve(process.cwd(), "../shared/corpora/disqus/isso-disqus.xml");
const present = existsSync(FILE);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "Disqus corpus" : `Disqus corpus (skipped: ${FILE} is missing)`;

async function importFile(size: number): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const chunks = createReadStream(FILE, { highWaterMark: size });
  for await (const batch of disqusImporter.parse({ path: FILE, chunks })) records.push(...batch);
  return records;
}

describeCorpus(title, () => {
  it("keeps isso's 5 comments but the deleted one, and counts the orphan and the deleted post", async () => {
    const records = await importFile(4096);
    const kept = records.filter((r): r is InteractionRecord => r.type === "interaction");
    const skips = records.filter((r): r is SkipRecord => r.type === "skip");
    expect(records).toHaveLength(6);
    expect(kept.map((r) => [r.key, r.kind])).toEqual([
      ["disqus:disqusdev:post:4", "comment"],
      ["disqus:disqusdev:post:5", "reply"],
      ["disqus:redacted:post:8", "comment"],
      ["disqus:disqusdev:post:11", "reply"],
    ]);
    expect(skips.map((s) => [s.reason, s.place.record])).toEqual([
      ["deleted", "post 9"],
      ["orphan", "post 6"],
    ]);
  });

  it("keeps the reply links and addresses each reply to the parent's author", async () => {
    const posts = new Map(
      (await importFile(4096))
        .filter((r): r is InteractionRecord => r.type === "interaction")
        .map((r) => [r.key, r]),
    );
    const reply = posts.get("disqus:disqusdev:post:5");
    expect(reply?.replyTo).toBe("disqus:disqusdev:post:4");
    expect(reply?.to.map((p) => p.name)).toEqual(["peter"]);
    expect(reply?.from.identities).toEqual([
      { kind: "email", value: "foo@bar.com", claimed: true },
      { kind: "handle", value: "user", platform: "disqus" },
    ]);
    // Post 11 answers the deleted post 9: still peter's, but there is no kept record to link to.
    const toDeleted = posts.get("disqus:disqusdev:post:11");
    expect(toDeleted?.to.map((p) => p.name)).toEqual(["peter"]);
    expect(toDeleted?.replyTo).toBeUndefined();
    // Top-level comments answer the thread's author; the thread with an empty title gives its link.
    expect(posts.get("disqus:disqusdev:post:4")?.to).toEqual([
      {
        name: "Baz",
        identities: [{ kind: "email", value: "foo@bar.com", claimed: true }],
        nameScope: "disqus:disqusdev",
      },
    ]);
    expect(posts.get("disqus:redacted:post:8")).toMatchObject({
      to: [
        {
          name: "Redacted",
          identities: [{ kind: "handle", value: "redacted", platform: "disqus" }],
        },
      ],
      context: { url: "http://localhost:4000/blog/2013/02/12/redacted/index.html" },
      text: "Message from thread with empty title and id",
      at: Date.parse("2013-10-11T06:51:33Z"),
    });
    expect(posts.get("disqus:redacted:post:8")?.context?.title).toBeUndefined();
  });

  it("reads the same in 1-byte chunks, and is detected", async () => {
    expect(await importFile(1)).toEqual(await importFile(1 << 16));
    expect(disqusImporter.detect(readFileSync(FILE, "utf8"))).toBe(true);
  });
});
