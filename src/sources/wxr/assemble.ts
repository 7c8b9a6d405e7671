/**
 * Turns the raw values of one `<wp:author>` or one `<item>` (with its comments) into records:
 * owners, posts and pages, comments, replies, pingbacks and trackbacks, and skips with reasons.
 * One `Assembler` serves one file: it remembers the blog's authors so that posts and the owner's
 * own comments point at the same owner party.
 *
 * @example
 * const assembler = new Assembler("blog.example");
 * const out: SourceRecord[] = [];
 * assembler.author(rawAuthor, out); // an OwnerRecord
 * assembler.item(rawItem, out); // a ContentRecord, then one record per comment
 */
import type {
  ContentRecord,
  IdentityRef,
  InteractionRecord,
  PartyRef,
  SkipRecord,
  SourceRecord,
} from "../records.js";
import { PlainText } from "../shared/plain-text.js";
import { siteRoot, UNKNOWN_SITE } from "../shared/site.js";
import { parseRfc822, parseWpDate } from "./dates.js";
import type { RawAuthor, RawComment, RawItem } from "./fields.js";

/** Post statuses that are not content the owner published or drafted. */
const HIDDEN_STATUSES = new Set(["trash", "auto-draft", "inherit"]);

/** What every comment on one item shares. */
interface ItemContext {
  label: string;
  thread: string | undefined;
  context: { url?: string; title?: string } | undefined;
  author: PartyRef | undefined;
  /** When the post went up: the earliest a comment without a date of its own can be. */
  postedAt: number | undefined;
}

/** A comment that will become an interaction once its parent is resolved. */
interface Kept {
  raw: RawComment;
  id: string;
  key: string;
  from: PartyRef;
  at: number;
  channel: string;
  commentType: string;
  pending: boolean;
}

export class Assembler {
  private readonly scope: string;
  private readonly platform: string;
  private readonly ownersByLogin = new Map<string, PartyRef>();
  private readonly ownersById = new Map<string, PartyRef>();
  private firstOwner: PartyRef | undefined;
  private hasAuthorList = false;
  private siteClaimed = false;
  private readonly text = new PlainText();

  constructor(readonly site: string) {
    this.scope = `wxr:${site}`;
    this.platform = `wordpress:${site}`;
  }

  /**
   * The blog itself is its owners' site: once, an owner record with the blog's URL and its
   * host, so the owner's own pingbacks (one post linking another) are not taken for a stranger.
   */
  private claimSite(line: number, out: SourceRecord[]): void {
    if (this.siteClaimed || this.site === UNKNOWN_SITE) return;
    this.siteClaimed = true;
    const host = this.site.split("/")[0] as string;
    const identities: IdentityRef[] = [{ kind: "url", value: this.site }];
    if (host !== this.site) identities.push({ kind: "url", value: host });
    out.push({
      type: "owner",
      party: { identities },
      place: { line, record: "the blog's own site" },
    });
  }

  /** An owner record for a `<wp:author>`. */
  author(raw: RawAuthor, out: SourceRecord[]): void {
    this.hasAuthorList = true;
    const { id, login, email, displayName, firstName, lastName } = raw.values;
    const identities: IdentityRef[] = [];
    if (email) identities.push({ kind: "email", value: email });
    if (login) identities.push({ kind: "handle", value: login, platform: this.platform });
    const record = login ? `author "${login}"` : "an author";
    if (identities.length === 0) {
      out.push(
        skip(
          "no identity",
          `The blog's ${record} has neither a login nor an e-mail address.`,
          raw.line,
          record,
        ),
      );
      return;
    }
    const fullName = [firstName, lastName].filter(Boolean).join(" ");
    const name = this.inline(displayName || fullName || login);
    const party = this.party(name, identities);
    if (login && !this.ownersByLogin.has(login)) this.ownersByLogin.set(login, party);
    if (id && id !== "0") this.ownersById.set(id, party);
    this.firstOwner ??= party;
    out.push({ type: "owner", party, place: { line: raw.line, record } });
    this.claimSite(raw.line, out);
  }

  /** The records of one `<item>`: its post or page, then its comments in file order. */
  item(raw: RawItem, out: SourceRecord[]): void {
    const v = raw.values;
    const title = v.title ? this.inline(v.title) : undefined;
    const kind = v.postType === "post" || v.postType === "page" ? v.postType : undefined;
    const author = this.postAuthor(v.creator, kind !== undefined, raw.line, out);
    const thread = v.postId ? `${this.scope}:post:${v.postId}` : undefined;
    const label = title ? `"${title}"` : v.postId ? `post ${v.postId}` : "an untitled item";
    if (kind && !HIDDEN_STATUSES.has(v.status ?? "")) {
      out.push(this.content(raw, kind, thread, title, author));
    }
    if (raw.comments.length === 0) return;
    const context = compact({ url: v.link || undefined, title });
    const postedAt =
      parseWpDate(v.postDateGmt) ?? parseRfc822(v.pubDate) ?? parseWpDate(v.postDate);
    this.comments(raw.comments, { label, thread, context, author, postedAt }, out);
  }

  private content(
    raw: RawItem,
    kind: string,
    key: string | undefined,
    title: string | undefined,
    author: PartyRef | undefined,
  ): ContentRecord | SkipRecord {
    const v = raw.values;
    const record = `${kind} ${v.postId ?? "without id"}${title ? ` "${title}"` : ""}`;
    if (!key) return skip("no id", `A ${kind} has no wp:post_id.`, raw.line, record);
    const at = parseWpDate(v.postDateGmt) ?? parseRfc822(v.pubDate) ?? parseWpDate(v.postDate);
    const text = v.content ? this.text.of(v.content) : "";
    return {
      type: "content",
      key,
      kind,
      author: author ?? this.party(undefined, []),
      ...compact({ at, title, url: v.link || undefined, text: text || undefined }),
      place: { line: raw.line, record },
    };
  }

  /** The party a post is by: an owner, a handle-only party, or (no `dc:creator`) the first owner. */
  private postAuthor(
    login: string | undefined,
    isContent: boolean,
    line: number,
    out: SourceRecord[],
  ): PartyRef | undefined {
    if (!login) return this.firstOwner;
    const owner = this.ownersByLogin.get(login);
    if (owner) return owner;
    const party = this.party(login, [{ kind: "handle", value: login, platform: this.platform }]);
    if (isContent && !this.hasAuthorList) {
      this.ownersByLogin.set(login, party);
      this.firstOwner ??= party;
      out.push({ type: "owner", party, place: { line, record: `author "${login}"` } });
      this.claimSite(line, out);
    }
    return party;
  }

  private comments(raws: RawComment[], item: ItemContext, out: SourceRecord[]): void {
    if (item.postedAt === undefined) item.postedAt = earliestDate(raws);
    const kept = new Map<string, Kept>();
    const outcomes: (Kept | SkipRecord)[] = [];
    for (const raw of raws) {
      const outcome = this.judge(raw, item);
      outcomes.push(outcome);
      if (!("type" in outcome) && !kept.has(outcome.id)) kept.set(outcome.id, outcome);
    }
    for (const outcome of outcomes) {
      out.push("type" in outcome ? outcome : this.interaction(outcome, kept, item));
    }
  }

  /** Keeps a comment for resolution, or says why it is skipped. */
  private judge(raw: RawComment, item: ItemContext): Kept | SkipRecord {
    const v = raw.values;
    const id = v.id;
    // Only a skipped comment needs these words: most comments are kept.
    const skipped = (reason: string, what: string) =>
      skip(
        reason,
        `Comment ${id ? `${id} ` : ""}on ${item.label} ${what}.`,
        raw.line,
        id ? `comment ${id} on ${item.label}` : `comment on ${item.label}`,
      );
    if (!id) {
      return skip(
        "no id",
        `A comment on ${item.label} has no wp:comment_id.`,
        raw.line,
        `comment on ${item.label}`,
      );
    }
    const approved = v.approved ?? "";
    if (approved === "spam") return skipped("spam", "is marked as spam");
    if (approved === "trash" || approved === "post-trashed") {
      return skipped("trash", "is in the trash");
    }
    const name = this.inline(v.author) ?? "";
    if (!name && !v.email && !v.url) {
      return skipped("no author", "has no author name, e-mail or URL");
    }
    // A comment whose export has no date elements at all (trimmed or very old exports) is dated
    // by its post, or for an undated post by the earliest comment on it: the dialog is worth more
    // than the missing day. A date that is there but broken is a damaged record: skipped.
    const undated = v.dateGmt === undefined && v.date === undefined;
    const at = undated ? item.postedAt : (parseWpDate(v.dateGmt) ?? parseWpDate(v.date));
    if (at === undefined) {
      const why = undated ? "has no date, and nothing around it has one" : "has no valid date";
      return skipped("bad date", why);
    }
    const type = v.type ?? "";
    const channel = type === "pingback" || type === "trackback" ? type : "blog_comment";
    return {
      raw,
      id,
      // Keyed within its post: hand-edited or merged exports reuse comment ids across posts.
      key: `${item.thread ?? this.scope}:comment:${id}`,
      from: this.commenter(v.userId, name, v.email, v.url, channel !== "blog_comment"),
      at,
      channel,
      commentType: type,
      pending: approved === "0",
    };
  }

  private interaction(c: Kept, kept: Map<string, Kept>, item: ItemContext): InteractionRecord {
    const parentId = c.raw.values.parent;
    const parent =
      parentId && parentId !== "0" && parentId !== c.id ? kept.get(parentId) : undefined;
    const kind = kindOf(c.channel, c.commentType, parent !== undefined);
    const to = parent ? [parent.from] : item.author ? [item.author] : [];
    const text = c.raw.values.content ? this.text.of(c.raw.values.content) : "";
    const record: InteractionRecord = {
      type: "interaction",
      key: c.key,
      channel: c.channel,
      kind,
      at: c.at,
      from: c.from,
      to,
      place: { line: c.raw.line, record: `comment ${c.id} on ${item.label}` },
    };
    if (item.thread) record.thread = item.thread;
    if (parent) record.replyTo = parent.key;
    if (item.context) record.context = item.context;
    if (text) record.text = text;
    if (c.pending) record.status = "pending";
    return record;
  }

  /** Who wrote a comment: the owner (by user id), the linking site, or the commenter as given. */
  private commenter(
    userId: string | undefined,
    name: string,
    email: string | undefined,
    url: string | undefined,
    isPing: boolean,
  ): PartyRef {
    const owner = userId && userId !== "0" ? this.ownersById.get(userId) : undefined;
    if (owner) return owner;
    const root = isPing && url ? siteRoot(url) : undefined;
    // A pingback's "author" is the linking post's title ("Site – Post"): name it by its site.
    if (root) return { identities: [{ kind: "url", value: root }] };
    // What a commenter typed into the form: claims, not proof (see IdentityRef.claimed).
    const identities: IdentityRef[] = [];
    if (email) identities.push({ kind: "email", value: email, claimed: true });
    if (url) identities.push({ kind: "url", value: url, claimed: true });
    return this.party(name, identities);
  }

  private party(name: string | undefined, identities: IdentityRef[]): PartyRef {
    return name
      ? { name, identities, nameScope: this.scope }
      : { identities, nameScope: this.scope };
  }

  /** Names and titles may carry HTML entities or tags. */
  private inline(value: string | undefined): string | undefined {
    return value ? this.text.of(value) || undefined : undefined;
  }
}

/** "pingback"/"trackback"; for blog comments their own type, else "comment" or "reply". */
function kindOf(channel: string, commentType: string, isReply: boolean): string {
  if (channel !== "blog_comment") return channel;
  if (commentType !== "" && commentType !== "comment") return commentType;
  return isReply ? "reply" : "comment";
}

function skip(reason: string, message: string, line: number, record: string): SkipRecord {
  return { type: "skip", reason, message, place: { line, record } };
}

/** The object without its undefined properties, or undefined when none is left. */
function compact<T extends object>(value: T): T | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) {
      out[k] = v;
      any = true;
    }
  }
  return any ? (out as T) : undefined;
}

function earliestDate(raws: readonly RawComment[]): number | undefined {
  let earliest: number | undefined;
  for (const raw of raws) {
    const at = parseWpDate(raw.values.dateGmt) ?? parseWpDate(raw.values.date);
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
}
