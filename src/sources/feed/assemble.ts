/**
 * Turns a normalised feed into records: one `ContentRecord` (kind "post") per entry, or a skip
 * with its reason. The author is the entry's author, else the feed's; a personal feed's author
 * also carries the feed's site as a `url` identity, which is what ties a blog to a person. A feed
 * whose entries name several different authors (a group blog, a news site) does not give its
 * site to each of them: that would merge them all into one person.
 *
 * An author's name is only ever a person's name as the feed states it (the entry's author,
 * `dc:creator`, the feed's author): a feed without authors stands for its author by its site
 * alone, unnamed — the feed's title is a title ("Notes from the Lab", or a post page's
 * "Post title – Blog"), not a person — and a stated name that is really the entry's or the
 * feed's title ("Post title", "Post title – Ada Byron") is dropped.
 *
 * @example
 * const records = assemble(normalise(parseFeed(text)));
 * records[0]; // { type: "content", kind: "post", key: "feed:https://blog.example/:…", … }
 */
import { createHash } from "node:crypto";
import type { ContentRecord, IdentityRef, PartyRef, SkipRecord } from "../records.js";
import { collapse, PlainText } from "../shared/plain-text.js";
import { normaliseSite } from "../shared/site.js";
import type { Entry, FeedMeta, Normalised, Person, Text } from "./entries.js";

export function assemble({ meta, entries }: Normalised): (ContentRecord | SkipRecord)[] {
  return new FeedAssembler(meta, entries).records();
}

class FeedAssembler {
  private readonly plain = new PlainText();
  private readonly site: string | undefined;
  private readonly feedKey: string;
  private readonly scope: string;
  private readonly multiAuthor: boolean;
  private readonly feedParty: PartyRef | undefined;
  private readonly feedTitle: string | undefined;

  constructor(
    private readonly meta: FeedMeta,
    private readonly entries: Entry[],
  ) {
    const self = absolute(meta.self, meta.base ?? meta.site);
    this.site = absolute(meta.site, meta.base ?? self);
    const feedTitle = this.text(meta.title);
    this.feedTitle = feedTitle;
    this.feedKey = firstOf(meta.id, self, this.site, feedTitle) ?? "unknown-feed";
    this.scope = `feed:${(this.site && normaliseSite(this.site)) ?? this.feedKey}`;
    this.multiAuthor = this.countAuthors() > 1;
    const feedUrl = this.site ?? self ?? (isWebUrl(meta.id) ? meta.id : undefined);
    this.feedParty = feedUrl ? this.party(undefined, [{ kind: "url", value: feedUrl }]) : undefined;
  }

  records(): (ContentRecord | SkipRecord)[] {
    const out: (ContentRecord | SkipRecord)[] = [];
    const seen = new Set<string>();
    this.entries.forEach((entry, index) => {
      out.push(this.record(entry, index, seen));
    });
    return out;
  }

  private record(entry: Entry, index: number, seen: Set<string>): ContentRecord | SkipRecord {
    const title = this.text(entry.title);
    const text = this.text(entry.body);
    const record = `entry ${index + 1}${title ? ` "${title}"` : ""}`;
    const place = { record };
    const link = absolute(entry.link, entry.base ?? this.meta.base ?? this.site);
    const published = parseDate(entry.published);
    const at = published ?? parseDate(entry.updated);
    const id = firstOf(entry.id, link) ?? fingerprint(title, text, entry.published);
    if (id === undefined) {
      return skip("empty", `The feed's ${record} has no id, link, title or text.`, place);
    }
    const key = `feed:${this.feedKey}:${id}`;
    if (seen.has(key)) {
      return skip("duplicate", `The feed's ${record} repeats the id of an earlier entry.`, place);
    }
    seen.add(key);
    const author = this.author(entry, title);
    if (!author) {
      return skip(
        "no author",
        `The feed's ${record} names no author, and the feed has no site or address to stand for one.`,
        place,
      );
    }
    const content: ContentRecord = { type: "content", key, kind: "post", author, place };
    if (at !== undefined) content.at = at;
    if (title) content.title = title;
    if (link) content.url = link;
    if (text) content.text = text;
    return content;
  }

  /** The entry's first author with something to go by, else the feed's, else the feed itself. */
  private author(entry: Entry, title: string | undefined): PartyRef | undefined {
    const person = entry.authors.find(usable) ?? this.meta.authors.find(usable);
    if (!person) return this.feedParty;
    const identities: IdentityRef[] = [];
    const email = person.email?.trim();
    if (email?.includes("@")) identities.push({ kind: "email", value: email });
    const own = isWebUrl(person.url) ? person.url?.trim() : undefined;
    if (own) identities.push({ kind: "url", value: own });
    if (this.site && !this.multiAuthor && this.site !== own) {
      identities.push({ kind: "url", value: this.site });
    }
    const name = this.nameOf(person, title);
    if (!name && identities.length === 0) return this.feedParty;
    return this.party(name, identities);
  }

  /** The person's stated name as plain text, unless it is really a title. */
  private nameOf(person: Person, entryTitle: string | undefined): string | undefined {
    const name = person.name ? this.plain.of(person.name) || undefined : undefined;
    return name && !isTitle(name, entryTitle, this.feedTitle) ? name : undefined;
  }

  /** How many different authors the entries name (by e-mail address or name). */
  private countAuthors(): number {
    const seen = new Set<string>();
    for (const entry of this.entries) {
      const person = entry.authors.find(usable);
      if (!person) continue;
      const name = this.nameOf(person, this.text(entry.title));
      const who = (person.email?.trim() || name || person.url || "").toLowerCase();
      if (who) seen.add(who);
      if (seen.size > 1) break;
    }
    return seen.size;
  }

  private party(name: string | undefined, identities: IdentityRef[]): PartyRef {
    return name
      ? { name, identities, nameScope: this.scope }
      : { identities, nameScope: this.scope };
  }

  private text(text: Text | undefined): string | undefined {
    if (!text) return undefined;
    return (text.html ? this.plain.of(text.value) : collapse(text.value)) || undefined;
  }
}

function usable(person: Person): boolean {
  return Boolean(person.name?.trim() || person.email?.includes("@") || isWebUrl(person.url));
}

/**
 * True when a stated author name is one of the titles rather than a person's name: the title
 * itself, or the title and something else joined by a dash, bar or colon, as page titles are
 * made ("Post title – Blog", "Blog | Post title").
 */
function isTitle(name: string, ...titles: (string | undefined)[]): boolean {
  const n = name.toLowerCase();
  for (const t of titles) {
    const title = t?.toLowerCase();
    if (!title) continue;
    if (n === title) return true;
    if (n.length > title.length && (n.startsWith(title) || n.endsWith(title))) {
      const rest = n.startsWith(title) ? n.slice(title.length) : n.slice(0, -title.length);
      if (/^\s*[-–—|:·]\s|\s[-–—|:·]\s*$/.test(rest)) return true;
    }
  }
  return false;
}

function firstOf(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}

function isWebUrl(value: string | undefined): boolean {
  return value !== undefined && /^\s*https?:\/\/[^\s/]/i.test(value);
}

/** The link made absolute against a base when it is relative and a base is known. */
function absolute(link: string | undefined, base: string | undefined): string | undefined {
  const trimmed = link?.trim();
  if (!trimmed) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || !base) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed;
  }
}

function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) ? undefined : at;
}

/** A stable id for an entry that has neither id nor link: a hash of what it says. */
function fingerprint(
  title: string | undefined,
  text: string | undefined,
  date: string | undefined,
): string | undefined {
  if (!title && !text) return undefined;
  const hash = createHash("sha256");
  hash.update(`${title ?? ""}\u0000${text ?? ""}\u0000${date ?? ""}`);
  return `sha256:${hash.digest("hex").slice(0, 24)}`;
}

function skip(reason: string, message: string, place: { record: string }): SkipRecord {
  return { type: "skip", reason, message, place };
}
