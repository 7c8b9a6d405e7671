/**
 * Existing comments from the WXR and Disqus corpora (../shared/corpora, never copied here) into
 * the comment service: the threads the service holds are the ones the importers read — every
 * reply under the comment its record answers, every comment on its page — and a second import
 * adds nothing. Also the JSON export.
 */
import { createReadStream, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { formatNamed } from "../sources/index.js";
import type { InteractionRecord } from "../sources/records.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { exportComments } from "./export-comments.js";
import { importComments } from "./import-comments.js";
import { normalizePage } from "./page-url.js";

const CORPORA = path.resolve(process.cwd(), "../shared/corpora");
const FILES = [
  ["wxr", "isso-wordpress.xml"],
  ["wxr", "importer-a11y-unit-test-data.xml"],
  ["disqus", "isso-disqus.xml"],
].map(([format, name]) => ({
  format: format as string,
  file: path.join(CORPORA, format as string, name as string),
}));
const present = FILES.every((f) => existsSync(f.file));

async function recordsOf(format: string, file: string): Promise<InteractionRecord[]> {
  const importer = await formatNamed(format)!.load();
  const out: InteractionRecord[] = [];
  for await (const batch of importer.parse({ path: file, chunks: createReadStream(file) })) {
    for (const r of batch)
      if (r.type === "interaction" && r.channel === "blog_comment") out.push(r);
  }
  return out;
}

describe.skipIf(!present).each(storeTargets())("comments import on $name", (target) => {
  let store: Store;
  afterEach(async () => {
    await store?.close();
  });
  afterAll(() => target.cleanup());

  it.each(FILES)("rebuilds the threads of $file", async ({ format, file }) => {
    store = await target.open();
    const expected = (await recordsOf(format, file)).filter(
      (r) => normalizePage(r.context?.url) && r.text?.trim(),
    );
    expect(expected.length).toBeGreaterThan(0);
    const summary = await importComments(store, file);
    expect(summary.format).toBe(format);
    expect(summary.added).toBe(expected.length);
    const rows = await store.db.selectFrom("comments").selectAll().execute();
    const byKey = new Map(rows.map((r) => [r.source_key, r]));
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    let replies = 0;
    for (const r of expected) {
      const row = byKey.get(r.key);
      expect(row, r.key).toBeDefined();
      expect(row?.page).toBe(normalizePage(r.context?.url)?.page);
      const parent = row?.parent_id === null ? undefined : byId.get(Number(row?.parent_id));
      expect(parent?.source_key, `parent of ${r.key}`).toBe(
        r.replyTo && byKey.has(r.replyTo) ? r.replyTo : undefined,
      );
      if (parent) {
        replies++;
        expect(parent.page).toBe(row?.page);
      }
      expect(row?.status).toBe(r.status === "pending" ? "pending" : "approved");
    }
    expect(summary.replies).toBe(replies);
    const again = await importComments(store, file);
    expect(again.added).toBe(0);
    expect(again.unchanged).toBe(expected.length);
    const count = await store.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(expected.length);
  });

  it("marks the blog owner's replies and exports everything as JSON", async () => {
    store = await target.open();
    const file = FILES[1]!.file;
    await importComments(store, file);
    const owners = await store.db
      .selectFrom("comments")
      .select("author_name")
      .where("is_owner", "=", 1)
      .execute();
    const threaded = await store.db
      .selectFrom("comments")
      .select("id")
      .where("parent_id", "is not", null)
      .execute();
    expect(threaded.length).toBeGreaterThan(0);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (b: Buffer) => chunks.push(b));
    const n = await exportComments(store, out);
    const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      comments: Record<string, unknown>[];
    };
    expect(parsed.comments.length).toBe(n);
    expect(parsed.comments.filter((c) => c.is_owner === true).length).toBe(owners.length);
    expect(parsed.comments.every((c) => !("edit_token_hash" in c))).toBe(true);
    expect(parsed.comments.filter((c) => c.parent_id !== null).length).toBe(threaded.length);
  });

  it("refuses a file that is not a blog export, naming it", async () => {
    store = await target.open();
    const other = path.join(tempDir(), "notes.txt");
    writeFileSync(other, "Just some notes, no comments here.\n");
    await expect(importComments(store, other)).rejects.toThrow(
      /notes\.txt: not a WordPress \(WXR\) or Disqus export/,
    );
  });
});
