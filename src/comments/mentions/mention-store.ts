/**
 * The `mentions` table: one row per (source, target) pair. A request for a pair already known
 * marks it for checking again (an update or a deletion notice), so a sender re-sending after
 * editing its post updates the one row instead of adding another.
 *
 * @example
 * const { id, existed } = await requestMention(db, { source, target, protocol: "webmention" });
 * await saveVerified(db, id, fields);
 * const shown = await mentionsOf(db, "https://blog.example/hello");
 */
import type { Kysely, Selectable } from "kysely";
import type { Database, MentionsTable } from "../../store/schema.js";

export type MentionRow = Selectable<MentionsTable>;
export type MentionStatus = "pending" | "verified" | "rejected" | "deleted";
export type Protocol = "webmention" | "pingback";

export interface VerifiedFields {
  type: string;
  author_name: string | null;
  author_url: string | null;
  author_photo: string | null;
  title: string | null;
  content_text: string | null;
  content_html: string | null;
  url: string | null;
  published_at: number | null;
}

/** Record a request for (source, target): a new pending row, or the known row marked for checking. */
export async function requestMention(
  db: Kysely<Database>,
  req: { source: string; target: string; protocol: Protocol },
  now = Date.now(),
): Promise<{ id: number; existed: boolean; status: MentionStatus }> {
  const known = await findMention(db, req.source, req.target);
  if (known) {
    await db
      .updateTable("mentions")
      .set({ checking: 1, updated_at: now })
      .where("id", "=", known.id)
      .execute();
    return { id: Number(known.id), existed: true, status: known.status as MentionStatus };
  }
  const row = await db
    .insertInto("mentions")
    .values({
      source: req.source,
      target: req.target,
      protocol: req.protocol,
      status: "pending",
      reason: "waiting to be verified",
      checking: 1,
      received_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["source", "target"]).doUpdateSet({ checking: 1, updated_at: now }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), existed: false, status: "pending" };
}

export async function findMention(
  db: Kysely<Database>,
  source: string,
  target: string,
): Promise<MentionRow | undefined> {
  return db
    .selectFrom("mentions")
    .selectAll()
    .where("source", "=", source)
    .where("target", "=", target)
    .executeTakeFirst();
}

export async function getMention(
  db: Kysely<Database>,
  id: number,
): Promise<MentionRow | undefined> {
  return db.selectFrom("mentions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function saveVerified(
  db: Kysely<Database>,
  id: number,
  fields: VerifiedFields,
  now = Date.now(),
): Promise<void> {
  await db
    .updateTable("mentions")
    .set({
      ...fields,
      status: "verified",
      reason: "the source links to the page",
      checking: 0,
      verified_at: now,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

/**
 * A verification that did not confirm the mention: a mention never verified is rejected; one
 * shown before is deleted (its content cleared) when `gone`, else kept as it was (the source was
 * only unreachable for now) with the reason noted.
 */
export async function saveUnconfirmed(
  db: Kysely<Database>,
  id: number,
  outcome: { gone: boolean; reason: string },
  now = Date.now(),
): Promise<MentionStatus> {
  const row = await getMention(db, id);
  if (!row) return "rejected";
  const wasShown = row.status === "verified" || row.status === "deleted";
  if (wasShown && outcome.gone) {
    await db
      .updateTable("mentions")
      .set({
        status: "deleted",
        reason: outcome.reason,
        checking: 0,
        content_text: null,
        content_html: null,
        title: null,
        author_photo: null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    return "deleted";
  }
  const status: MentionStatus = wasShown ? (row.status as MentionStatus) : "rejected";
  await db
    .updateTable("mentions")
    .set({ status, reason: outcome.reason, checking: 0, updated_at: now })
    .where("id", "=", id)
    .execute();
  return status;
}

/** The verified mentions of a page, oldest first. */
export async function mentionsOf(
  db: Kysely<Database>,
  target: string,
  limit = 500,
): Promise<MentionRow[]> {
  return db
    .selectFrom("mentions")
    .selectAll()
    .where("target", "=", target)
    .where("status", "=", "verified")
    .orderBy("verified_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** How many verifications are waiting or running (rows left `checking` by a stop are retried). */
export async function uncheckedMentions(
  db: Kysely<Database>,
  limit: number,
): Promise<MentionRow[]> {
  return db
    .selectFrom("mentions")
    .selectAll()
    .where("checking", "=", 1)
    .orderBy("id")
    .limit(limit)
    .execute();
}
