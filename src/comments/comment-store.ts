/**
 * The comment service's reads and writes on the `comments` table (Kysely, so the same on
 * SQLite and PostgreSQL). Everything here is one statement; what a request means (moderation,
 * edit windows, notifications) lives in `service.ts`.
 *
 * @example
 * const id = await insertComment(store, { page, site, author_name: "Ada", body, html, status: "approved", created_at: Date.now() });
 * const rows = await threadRows(store, page);
 */
import type { Insertable, Selectable } from "kysely";
import type { CommentsTable } from "../store/schema.js";
import type { Store } from "../store/store.js";

export type CommentRow = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
export type CommentStatus = "pending" | "approved" | "spam" | "deleted";
export const STATUSES: readonly CommentStatus[] = ["pending", "approved", "spam", "deleted"];

/** Ids come back from PostgreSQL's bigint as numbers already; SQLite's are numbers too. */
function row(r: CommentRow): CommentRow {
  return { ...r, id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id) };
}

export async function insertComment(store: Store, values: NewComment): Promise<number> {
  const made = await store.db
    .insertInto("comments")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(made.id);
}

export async function getComment(store: Store, id: number): Promise<CommentRow | undefined> {
  const r = await store.db
    .selectFrom("comments")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? row(r) : undefined;
}

/** Whether an approved comment was signed with this e-mail address before. */
export async function knownEmail(store: Store, email: string): Promise<boolean> {
  const r = await store.db
    .selectFrom("comments")
    .select("id")
    .where("email", "=", email)
    .where("status", "=", "approved")
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The rows a page's public thread is made of: approved, and deleted ones (for their replies). */
export async function threadRows(store: Store, page: string): Promise<CommentRow[]> {
  const rows = await store.db
    .selectFrom("comments")
    .selectAll()
    .where("page", "=", page)
    .where("status", "in", ["approved", "deleted"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(row);
}

export async function approvedCount(store: Store, page: string): Promise<number> {
  const r = await store.db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("page", "=", page)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function setStatus(
  store: Store,
  id: number,
  status: CommentStatus,
  reason: string,
): Promise<void> {
  await store.db
    .updateTable("comments")
    .set({ status, status_reason: reason })
    .where("id", "=", id)
    .execute();
}

export async function updateBody(
  store: Store,
  id: number,
  change: {
    body: string;
    html: string;
    edited_at: number;
    status?: CommentStatus;
    status_reason?: string;
  },
): Promise<void> {
  await store.db.updateTable("comments").set(change).where("id", "=", id).execute();
}

/** The newest approved comments, of one page or of all. */
export async function latestApproved(
  store: Store,
  limit: number,
  page?: string,
): Promise<CommentRow[]> {
  let q = store.db.selectFrom("comments").selectAll().where("status", "=", "approved");
  if (page) q = q.where("page", "=", page);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map(row);
}

/** For the admin page: newest first, of one status. */
export async function listByStatus(
  store: Store,
  status: CommentStatus,
  limit: number,
): Promise<CommentRow[]> {
  const rows = await store.db
    .selectFrom("comments")
    .selectAll()
    .where("status", "=", status)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(row);
}

export async function statusCounts(store: Store): Promise<Record<CommentStatus, number>> {
  const rows = await store.db
    .selectFrom("comments")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const out: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, deleted: 0 };
  for (const r of rows) out[r.status as CommentStatus] = Number(r.n);
  return out;
}

/** Every comment, oldest first, a page at a time (for the export). */
export async function* allComments(store: Store, pageSize = 1000): AsyncIterable<CommentRow> {
  let after = 0;
  for (;;) {
    const rows = await store.db
      .selectFrom("comments")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(pageSize)
      .execute();
    for (const r of rows) yield row(r);
    if (rows.length < pageSize) return;
    after = Number((rows[rows.length - 1] as CommentRow).id);
  }
}
