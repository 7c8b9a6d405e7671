/**
 * Turns the threads and posts of a Disqus export into records: each post a comment (or a reply,
 * when it has a parent) from its author to the author of what it answers — the parent post's
 * author, else the thread's author, the blog's owner (a thread without an author stands for the
 * user's own site: `{ isOwner: true }`). Spam and deleted posts are counted skips; a post whose
 * thread is not in the file is an "orphan" skip, as isso's importer drops it.
 *
 * Exports are usually ordered categories, threads, posts (parents before replies), but nothing
 * guarantees it: a post whose thread or parent has not been read yet waits, by id, until it is
 * (at most the posts that are out of order are held); whatever still waits at the end is
 * resolved then.
 *
 * @example
 * const assembler = new DisqusAssembler();
 * assembler.thread(rawThread);
 * assembler.post(rawPost);
 * assembler.finish();
 * assembler.take(); // InteractionRecords and SkipRecords
 */
import type {
  IdentityRef,
  InteractionRecord,
  PartyRef,
  SkipRecord,
  SourceRecord,
} from "../records.js";
import { PlainText } from "../shared/plain-text.js";
import type { DisqusSink, RawAuthor, RawPost, RawThread } from "./reader.js";

const UNKNOWN_FORUM = "unknown-forum";

interface Thread {
  forum: string;
  key: string;
  author: PartyRef;
  context: { url?: string; title?: string } | undefined;
}

/** What a reply needs from the post it answers. */
interface Known {
  key: string;
  author: PartyRef | undefined;
  /** The post became an interaction (not a skip), so a reply can point at its key. */
  kept: boolean;
}

export class DisqusAssembler implements DisqusSink {
  private readonly plain = new PlainText();
  private readonly threads = new Map<string, Thread>();
  private readonly posts = new Map<string, Known>();
  private readonly waitingForThread = new Map<string, RawPost[]>();
  private readonly waitingForParent = new Map<string, RawPost[]>();
  private defaultForum: string | undefined;
  private out: SourceRecord[] = [];

  take(): SourceRecord[] {
    const out = this.out;
    if (out.length > 0) this.out = [];
    return out;
  }

  category(forum: string | undefined): void {
    this.defaultForum ??= forum;
  }

  thread(raw: RawThread): void {
    if (!raw.dsqId || this.threads.has(raw.dsqId)) return;
    const forum = raw.forum ?? this.defaultForum ?? UNKNOWN_FORUM;
    const author = this.party(raw.author, forum) ?? { isOwner: true, identities: [] };
    const title = raw.title ? this.plain.of(raw.title) || undefined : undefined;
    const context =
      raw.link || title
        ? { ...(raw.link ? { url: raw.link } : {}), ...(title ? { title } : {}) }
        : undefined;
    this.threads.set(raw.dsqId, {
      forum,
      key: `disqus:${forum}:thread:${raw.dsqId}`,
      author,
      context,
    });
    const waiting = this.waitingForThread.get(raw.dsqId);
    if (waiting) {
      this.waitingForThread.delete(raw.dsqId);
      for (const post of waiting) this.post(post);
    }
  }

  post(raw: RawPost): void {
    this.read(raw, false);
  }

  /** At the end of the file: what still waits for a thread is an orphan; for a parent, a reply. */
  finish(): void {
    for (const [threadId, posts] of this.waitingForThread) {
      for (const raw of posts) {
        const record = `post ${raw.dsqId}`;
        const message = `Disqus ${record} belongs to thread ${threadId}, which is not in the export.`;
        this.skip("orphan", message, { line: raw.line, record });
        this.posts.set(raw.dsqId as string, { key: "", author: undefined, kept: false });
        this.release(raw.dsqId as string);
      }
    }
    this.waitingForThread.clear();
    for (let next = first(this.waitingForParent); next; next = first(this.waitingForParent)) {
      this.waitingForParent.delete(next[0]);
      for (const raw of next[1]) this.read(raw, true);
    }
  }

  /** One post, now or once what it needs has been read; `parentMissing` at the end of the file. */
  private read(raw: RawPost, parentMissing: boolean): void {
    const record = raw.dsqId ? `post ${raw.dsqId}` : "a post without an id";
    const place = { line: raw.line, record };
    if (!raw.dsqId) return this.skip("no id", "A Disqus post has no dsq:id.", place);
    if (this.posts.has(raw.dsqId)) {
      return this.skip("duplicate", `Disqus ${record} appears twice; the first is kept.`, place);
    }
    if (!raw.threadId) return this.skip("orphan", `Disqus ${record} names no thread.`, place);
    const thread = this.threads.get(raw.threadId);
    if (!thread) return this.wait(this.waitingForThread, raw.threadId, raw);
    const parentId = raw.parentId && raw.parentId !== raw.dsqId ? raw.parentId : undefined;
    const parent = parentId ? this.posts.get(parentId) : undefined;
    if (parentId && !parent && !parentMissing)
      return this.wait(this.waitingForParent, parentId, raw);

    const key = `disqus:${thread.forum}:post:${raw.dsqId}`;
    const from = this.party(raw.author, thread.forum);
    const on = thread.context?.title ? `"${thread.context.title}"` : thread.key;
    const said = `Disqus ${record} on ${on}`;
    const at = raw.createdAt ? Date.parse(raw.createdAt) : Number.NaN;
    let problem: SkipRecord | undefined;
    if (raw.isSpam === "true") problem = skipOf("spam", `${said} is marked as spam.`, place);
    else if (raw.isDeleted === "true") problem = skipOf("deleted", `${said} was deleted.`, place);
    else if (!from) {
      problem = skipOf("no author", `${said} has no author name, e-mail or username.`, place);
    } else if (Number.isNaN(at)) {
      problem = skipOf("bad date", `${said} has no valid createdAt.`, place);
    }
    this.posts.set(raw.dsqId, { key, author: from, kept: problem === undefined });
    if (problem || !from) {
      this.out.push(problem ?? skipOf("no author", `${said} has no author.`, place));
    } else {
      const interaction: InteractionRecord = {
        type: "interaction",
        key,
        channel: "blog_comment",
        kind: parentId ? "reply" : "comment",
        at,
        from,
        to: [parent?.author ?? thread.author],
        thread: thread.key,
        place,
      };
      if (parent?.kept) interaction.replyTo = parent.key;
      if (thread.context) interaction.context = thread.context;
      const text = raw.message ? this.plain.of(raw.message) : "";
      if (text) interaction.text = text;
      this.out.push(interaction);
    }
    this.release(raw.dsqId);
  }

  private release(dsqId: string): void {
    const waiting = this.waitingForParent.get(dsqId);
    if (!waiting) return;
    this.waitingForParent.delete(dsqId);
    for (const post of waiting) this.read(post, false);
  }

  private wait(map: Map<string, RawPost[]>, id: string, raw: RawPost): void {
    const list = map.get(id);
    if (list) list.push(raw);
    else map.set(id, [raw]);
  }

  private party(raw: RawAuthor | undefined, forum: string): PartyRef | undefined {
    if (!raw) return undefined;
    const identities: IdentityRef[] = [];
    const email = raw.email?.trim();
    // Disqus accounts are the platform's; an e-mail is whatever the commenter typed.
    if (email?.includes("@")) identities.push({ kind: "email", value: email, claimed: true });
    const username = raw.username?.trim();
    if (username) identities.push({ kind: "handle", value: username, platform: "disqus" });
    const name = raw.name ? this.plain.of(raw.name) || undefined : undefined;
    if (!name && identities.length === 0) return undefined;
    const scope = `disqus:${forum}`;
    return name ? { name, identities, nameScope: scope } : { identities, nameScope: scope };
  }

  private skip(reason: string, message: string, place: SkipRecord["place"]): void {
    this.out.push(skipOf(reason, message, place));
  }
}

function first<K, V>(map: Map<K, V>): [K, V] | undefined {
  for (const entry of map) return entry;
  return undefined;
}

function skipOf(reason: string, message: string, place: SkipRecord["place"]): SkipRecord {
  return { type: "skip", reason, message, place };
}
