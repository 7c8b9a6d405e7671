/**
 * `irl comments import FILE`: a blog's existing comments from a WordPress (WXR) or Disqus
 * export into the comment service, threads and all, through the same parsers `irl import`
 * uses. Each comment keeps its export key (`wxr:blog.example:post:3:comment:12`), so importing
 * twice adds nothing; a reply points at the comment it answers, wherever in the file that one
 * is; the owner's comments (an export's authors, or identities declared with `irl me`) are
 * marked as the author's; comments held for moderation in the export stay pending; spam,
 * trash, pingbacks and trackbacks are counted and left out (mentions are shown apart).
 *
 * The graph learns the same comments through `irl import` of the same file (`runImport`), under
 * the same keys, so nothing is counted twice.
 *
 * @example
 * const summary = await importComments(store, "blog.WordPress.xml");
 * console.log(summary.added, summary.skippedBy);
 */
import { createReadStream } from "node:fs";
import type { Kysely } from "kysely";
import { IrlError } from "../errors.js";
import { safeHref } from "../net/safe-href.js";
import { type Input, readHead } from "../pipeline/inputs.js";
import { detectFormat, HEAD_BYTES } from "../sources/index.js";
import type { InteractionRecord, PartyRef, SourceRecord } from "../sources/records.js";
import type { Database } from "../store/schema.js";
import type { Store } from "../store/store.js";
import { normalizePage } from "./page-url.js";
import { renderComment } from "./render-markdown.js";

export interface CommentImportSummary {
  file: string;
  format: string;
  added: number;
  unchanged: number;
  skipped: number;
  skippedBy: Record<string, number>;
  /** Pages that have comments from this file. */
  pages: number;
  /** Replies linked to their parent. */
  replies: number;
}

const UNKNOWN_NAME = "Anonymous";

export async function importComments(
  store: Store,
  file: string,
  options: { ownerName?: string } = {},
): Promise<CommentImportSummary> {
  let head: string;
  try {
    const input: Input = { file, display: file, bytes: 0, explicit: true };
    head = await readHead(input, HEAD_BYTES);
  } catch (error) {
    throw new IrlError("input", `${file}: cannot read: ${(error as Error).message}`, { file });
  }
  const format = detectFormat(head);
  if (!format || (format.format !== "wxr" && format.format !== "disqus")) {
    throw new IrlError(
      "input",
      `${file}: not a WordPress (WXR) or Disqus export${format ? ` (it looks like ${format.format})` : ""}`,
      { file, place: "start of file" },
    );
  }
  const importer = await format.load();
  const summary: CommentImportSummary = {
    file,
    format: format.format,
    added: 0,
    unchanged: 0,
    skipped: 0,
    skippedBy: {},
    pages: 0,
    replies: 0,
  };
  const skip = (reason: string) => {
    summary.skipped++;
    summary.skippedBy[reason] = (summary.skippedBy[reason] ?? 0) + 1;
  };
  const mine = await myIdentities(store);
  const owners = new Set<PartyRef>();
  const ids = new Map<string, number>();
  const links: [id: number, parentKey: string][] = [];
  const pages = new Set<string>();

  const take = async (db: Kysely<Database>, r: InteractionRecord) => {
    if (r.channel !== "blog_comment") return skip(r.channel);
    const page = normalizePage(r.context?.url);
    if (!page) return skip("no page URL");
    const text = r.text?.trim();
    if (!text) return skip("empty");
    const isOwner =
      r.from.isOwner === true ||
      owners.has(r.from) ||
      r.from.identities.some((i) => mine.has(i.value.trim().toLowerCase()));
    const email =
      r.from.identities
        .find((i) => i.kind === "email")
        ?.value.trim()
        .toLowerCase() ?? null;
    const url =
      safeHref(r.from.identities.find((i) => i.kind === "url")?.value.trim() ?? null) ?? null;
    const name = r.from.name ?? (isOwner ? options.ownerName : undefined) ?? email ?? UNKNOWN_NAME;
    const inserted = await db
      .insertInto("comments")
      .values({
        page: page.page,
        site: page.site,
        page_title: r.context?.title ?? null,
        parent_id: null,
        author_name: name.slice(0, 100),
        email,
        url,
        body: text,
        html: renderComment(text),
        status: r.status === "pending" ? "pending" : "approved",
        status_reason: `imported from ${format.format}${r.status === "pending" ? " (held for moderation there)" : ""}`,
        is_owner: isOwner ? 1 : 0,
        created_at: r.at,
        source_key: r.key,
      })
      .onConflict((oc) => oc.column("source_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    let id: number;
    if (inserted) {
      id = Number(inserted.id);
      summary.added++;
      if (r.replyTo) links.push([id, r.replyTo]);
    } else {
      const found = await db
        .selectFrom("comments")
        .select("id")
        .where("source_key", "=", r.key)
        .executeTakeFirstOrThrow();
      id = Number(found.id);
      summary.unchanged++;
    }
    ids.set(r.key, id);
    pages.add(page.page);
  };

  const chunks = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const batch of importer.parse({ path: file, chunks }) as AsyncIterable<
      SourceRecord[]
    >) {
      await store.db.transaction().execute(async (trx) => {
        for (const r of batch) {
          if (r.type === "owner") owners.add(r.party);
          else if (r.type === "skip") skip(r.reason);
          else if (r.type === "interaction") await take(trx, r);
        }
      });
    }
  } finally {
    chunks.destroy();
  }
  for (const [id, parentKey] of links) {
    const parent =
      ids.get(parentKey) ??
      (
        await store.db
          .selectFrom("comments")
          .select("id")
          .where("source_key", "=", parentKey)
          .executeTakeFirst()
      )?.id;
    if (parent === undefined) continue;
    await store.db
      .updateTable("comments")
      .set({ parent_id: Number(parent) })
      .where("id", "=", id)
      .where("parent_id", "is", null)
      .execute();
    summary.replies++;
  }
  summary.pages = pages.size;
  return summary;
}

/** The user's own addresses, sites and handles, lower-cased, to recognise the owner's comments. */
async function myIdentities(store: Store): Promise<Set<string>> {
  const rows = await store.db
    .selectFrom("identities as i")
    .innerJoin("people as p", "p.id", "i.person_id")
    .select(["i.display", "i.value"])
    .where("p.is_me", "=", 1)
    .where("i.kind", "in", ["email", "url", "handle"])
    .execute();
  return new Set(
    rows.flatMap((r) => [r.display.trim().toLowerCase(), r.value.trim().toLowerCase()]),
  );
}
