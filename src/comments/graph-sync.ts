/**
 * The comment service's comments in the owner's graph: each approved comment and reply is an
 * interaction (channel `blog_comment`, thread = the page, reply_to = the parent), written by the
 * import pipeline's own `BatchWriter`, so a commenter becomes a person exactly as a blog export's
 * commenter does — their typed e-mail and site kept as claims (unverified, offered in
 * `irl dupes`, never merged on their own). Keys are stable (`comments:<id>`): syncing twice adds
 * nothing. A comment that is no longer approved leaves the graph; an edit updates the body.
 * Imported comments (WXR, Disqus) reach the graph through `irl import` of the same file, under
 * their export's keys; here only their edits and removals are applied.
 *
 * @example
 * const sync = new GraphSync(store, lock);
 * sync.enqueue(42);          // after approving comment 42
 * await sync.flush();        // { added: 1, removed: 0, updated: 0 }
 */
import { BatchWriter } from "../pipeline/batch-writer.js";
import { resolvePeople } from "../pipeline/resolve-people.js";
import { computeTies } from "../signals/compute-ties.js";
import type { InteractionRecord, PartyRef } from "../sources/records.js";
import { PlainText } from "../sources/shared/plain-text.js";
import type { Store } from "../store/store.js";
import type { CommentRow } from "./comment-store.js";
import type { Mutex } from "./mutex.js";

export interface SyncCounts {
  added: number;
  removed: number;
  updated: number;
}

/** The interaction key of a comment in the graph. */
export function graphKey(c: Pick<CommentRow, "id" | "source_key">): string {
  return c.source_key ?? `comments:${c.id}`;
}

const OWNER: PartyRef = { isOwner: true, identities: [] };
const plain = new PlainText();

function partyOf(c: CommentRow): PartyRef {
  if (c.is_owner) return OWNER;
  const identities: PartyRef["identities"] = [];
  if (c.email) identities.push({ kind: "email", value: c.email, claimed: true });
  if (c.url) identities.push({ kind: "url", value: c.url, claimed: true });
  return { name: c.author_name, identities, nameScope: `comments:${c.site}` };
}

/** The interaction record of an approved comment posted to the service. */
export function commentRecord(c: CommentRow, parent: CommentRow | undefined): InteractionRecord {
  const record: InteractionRecord = {
    type: "interaction",
    key: graphKey(c),
    channel: "blog_comment",
    kind: parent ? "reply" : "comment",
    at: c.created_at,
    from: partyOf(c),
    to: [parent ? partyOf(parent) : OWNER],
    thread: `comments:${c.page}`,
    context: { url: c.page, ...(c.page_title ? { title: c.page_title } : {}) },
    place: { record: `comment ${c.id} on ${c.page}` },
  };
  if (parent) record.replyTo = graphKey(parent);
  const text = plain.of(c.html);
  if (text) record.text = text;
  return record;
}

/** Brings the graph in line with these comments' current state. */
export async function syncComments(store: Store, ids: readonly number[]): Promise<SyncCounts> {
  const counts: SyncCounts = { added: 0, removed: 0, updated: 0 };
  if (ids.length === 0) return counts;
  const rows = await store.db
    .selectFrom("comments")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((p) => p !== null))];
  const parents = new Map<number, CommentRow>();
  if (parentIds.length > 0) {
    const found = await store.db
      .selectFrom("comments")
      .selectAll()
      .where("id", "in", parentIds as number[])
      .execute();
    for (const p of found) parents.set(Number(p.id), p);
  }
  const records: InteractionRecord[] = [];
  const me = await store.ensureMe();
  const importId = await serviceImport(store);
  await store.conn.transaction(async (tx) => {
    for (const c of rows) {
      const key = graphKey(c);
      if (c.status !== "approved") {
        counts.removed += await tx.run("DELETE FROM interactions WHERE source_key = ?", [key]);
        continue;
      }
      const parent = c.parent_id === null ? undefined : parents.get(Number(c.parent_id));
      const text = plain.of(c.html) || null;
      const changed = await tx.run(
        "UPDATE interactions SET body = ?, size = ? WHERE source_key = ? AND coalesce(body, '') <> coalesce(?, '')",
        [text, text?.length ?? 0, key, text],
      );
      counts.updated += changed;
      if (c.source_key === null) records.push(commentRecord(c, parent));
    }
    if (records.length > 0) {
      const writer = new BatchWriter({ source: "comments", importId, me, claimOwners: false });
      const written = await writer.write(tx, records);
      counts.added += written.added;
    }
    if (counts.added > 0) {
      await tx.run("UPDATE imports SET added = added + ?, last_at = ? WHERE id = ?", [
        counts.added,
        Date.now(),
        importId,
      ]);
    }
  });
  return counts;
}

/** The import-log row the comment service's interactions hang from (one, made on first need). */
async function serviceImport(store: Store): Promise<number> {
  const now = Date.now();
  const rows = await store.conn.all<{ id: number }>(
    `INSERT INTO imports (path, sha256, format, bytes, first_at, last_at, runs, status,
       added, unchanged, skipped, errors, problems)
     VALUES ('irl comments serve', 'comments-service', 'comments', 0, ?, ?, 1, 'done', 0, 0, 0, 0, '[]')
     ON CONFLICT (sha256) DO UPDATE SET last_at = excluded.last_at
     RETURNING id`,
    [now, now],
  );
  return Number((rows[0] as { id: number }).id);
}

/**
 * Collects changed comment ids and syncs them in batches, a moment after the change, under the
 * service's write lock; after new people arrived, identity resolution and tie strength run
 * again (at most once per `settleMs`).
 */
export class GraphSync {
  private readonly waiting = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private running: Promise<SyncCounts> | undefined;

  constructor(
    private readonly store: Store,
    private readonly lock: Mutex,
    private readonly options: {
      delayMs?: number;
      settleMs?: number;
      onError?: (e: unknown) => void;
    } = {},
  ) {}

  enqueue(id: number): void {
    this.waiting.add(id);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((e) => this.options.onError?.(e));
    }, this.options.delayMs ?? 250);
    this.timer.unref();
  }

  /** Syncs what waits now; resolves when done. */
  async flush(): Promise<SyncCounts> {
    if (this.running) await this.running.catch(() => undefined);
    const ids = [...this.waiting];
    this.waiting.clear();
    this.running = this.lock.run(() => syncComments(this.store, ids));
    const counts = await this.running;
    if (counts.added > 0) this.scheduleSettle();
    return counts;
  }

  private scheduleSettle(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.settle().catch((e) => this.options.onError?.(e));
    }, this.options.settleMs ?? 60_000);
    this.settleTimer.unref();
  }

  /** Identity resolution and tie strength over what the comments added. */
  async settle(): Promise<void> {
    await this.lock.run(async () => {
      await resolvePeople(this.store);
      await computeTies(this.store);
    });
  }

  /** Stops the timers after a last flush (server shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.size > 0) await this.flush();
    if (this.settleTimer) {
      clearTimeout(this.settleTimer);
      this.settleTimer = undefined;
      await this.settle();
    }
  }
}
