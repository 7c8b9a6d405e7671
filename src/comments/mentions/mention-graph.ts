/**
 * A verified mention into the owner's graph: an interaction from the mention's author to the
 * owner, so a blog that replies to, likes or links the owner's posts counts towards the tie.
 * A reply is a blog comment made on the author's own site (channel `blog_comment`, kind
 * `reply`); likes, reposts, bookmarks and plain mentions are channel `mention`; a pingback is
 * channel `pingback`, as WXR imports name it.
 *
 * Who the author is: the h-card's URL when it lives on the source's own site (the site says so
 * itself, and irl read it there), a claim when it points elsewhere (anyone can write any URL
 * into their page); the name scoped to the source's site; with no author at all, the source's
 * site, as WXR pingbacks are named.
 *
 * @example
 * await recordMention(store, row);   // after verification
 * await forgetMention(store, row);   // after a deletion
 */
import { BatchWriter } from "../../pipeline/batch-writer.js";
import type { IdentityRef, InteractionRecord, PartyRef } from "../../sources/records.js";
import type { SqlExecutor } from "../../store/connection.js";
import type { Store } from "../../store/store.js";
import type { MentionRow } from "./mention-store.js";

/** The interaction's stable key: one per source and target, whatever was re-sent. */
export function mentionKey(row: Pick<MentionRow, "protocol" | "source" | "target">): string {
  return `${row.protocol}:${row.target} <- ${row.source}`;
}

/** The interaction a verified mention stands for. */
export function mentionRecord(row: MentionRow): InteractionRecord {
  const channel =
    row.protocol === "pingback" ? "pingback" : row.type === "reply" ? "blog_comment" : "mention";
  const kind = row.protocol === "pingback" ? "pingback" : (row.type ?? "mention");
  const record: InteractionRecord = {
    type: "interaction",
    key: mentionKey(row),
    channel,
    kind,
    at: Number(row.published_at ?? row.verified_at ?? row.received_at),
    from: authorParty(row),
    to: [{ identities: [], isOwner: true }],
    // The post's thread, as the comment service names it: mentions sit beside its comments.
    thread: `comments:${row.target}`,
    context: { url: row.target },
    place: { record: `${row.protocol} from ${row.source}` },
  };
  const text = row.content_text ?? row.title;
  if (text) record.text = text;
  return record;
}

function authorParty(row: MentionRow): PartyRef {
  const source = new URL(row.source);
  const scope = `${row.protocol}:${source.host}`;
  const identities: IdentityRef[] = [];
  if (row.author_url) {
    let sameSite = false;
    try {
      sameSite = new URL(row.author_url).host === source.host;
    } catch {
      // Not a URL: leave it out.
    }
    identities.push(
      sameSite
        ? { kind: "url", value: row.author_url }
        : { kind: "url", value: row.author_url, claimed: true },
    );
  }
  const name = row.author_name ?? undefined;
  if (identities.length === 0 && !name) {
    identities.push({ kind: "url", value: `${source.protocol}//${source.host}/` });
  }
  return name ? { name, identities, nameScope: scope } : { identities, nameScope: scope };
}

/** Write a verified mention as an interaction (idempotent: a second call adds nothing). */
export async function recordMention(store: Store, row: MentionRow): Promise<void> {
  const record = mentionRecord(row);
  await store.conn.transaction(async (tx) => {
    // An updated source replaces what was written before.
    await removeRows(tx, mentionKey(row));
    const me = await store.ensureMe(tx);
    const importId = await mentionsImport(tx);
    const writer = new BatchWriter({ source: row.protocol, importId, me, claimOwners: false });
    await writer.write(tx, [record]);
  });
}

/** Remove a deleted mention's interaction (the person stays: they may be known otherwise). */
export async function forgetMention(store: Store, row: MentionRow): Promise<void> {
  await store.conn.transaction((tx) => removeRows(tx, mentionKey(row)));
}

/** The import-log row mentions' interactions hang from (one, made on first need). */
async function mentionsImport(tx: SqlExecutor): Promise<number> {
  const now = Date.now();
  const rows = await tx.all<{ id: number }>(
    `INSERT INTO imports (path, sha256, format, bytes, first_at, last_at, runs, status,
       added, unchanged, skipped, errors, problems)
     VALUES ('irl comments serve: mentions', 'comments-mentions', 'mentions', 0, ?, ?, 1, 'done',
       0, 0, 0, 0, '[]')
     ON CONFLICT (sha256) DO UPDATE SET last_at = excluded.last_at
     RETURNING id`,
    [now, now],
  );
  return Number((rows[0] as { id: number }).id);
}

async function removeRows(tx: SqlExecutor, key: string): Promise<void> {
  // One counterpart (the owner), so the key is the row's key as it is.
  await tx.run("DELETE FROM interactions WHERE source_key = ?", [key]);
  await tx.run("DELETE FROM content WHERE source_key = ?", [key]);
}
