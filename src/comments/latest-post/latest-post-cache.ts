/**
 * The `latest_posts` table: per commenter site, the newest post found on it (or that none was
 * found, or that fetching failed, and why), when it was fetched and when it may be fetched
 * again. Failures are cached like successes, so a broken site is not asked again at every
 * comment.
 *
 * @example
 * await saveLatestPost(db, { site, status: "ok", title, url, published_at, feed_url, error: null, fetched_at: now, next_at: now + 12 * HOUR });
 * const row = await latestPostOf(db, site);
 */
import type { Kysely, Selectable } from "kysely";
import type { Database, LatestPostsTable } from "../../store/schema.js";

export type LatestPostRow = Selectable<LatestPostsTable>;

export async function latestPostOf(
  db: Kysely<Database>,
  site: string,
): Promise<LatestPostRow | undefined> {
  return db.selectFrom("latest_posts").selectAll().where("site", "=", site).executeTakeFirst();
}

export async function saveLatestPost(db: Kysely<Database>, row: LatestPostRow): Promise<void> {
  const { site, ...rest } = row;
  await db
    .insertInto("latest_posts")
    .values(row)
    .onConflict((oc) => oc.column("site").doUpdateSet(rest))
    .execute();
}

/**
 * A commenter's site as the cache keys it: http(s) only, no credentials, host lower-case, no
 * fragment or query; undefined for anything else.
 */
export function siteKey(url: string | null | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  if (u.username || u.password || !u.hostname) return undefined;
  u.hash = "";
  u.search = "";
  return u.href;
}
