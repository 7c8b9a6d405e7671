/**
 * What a mention's source page says about itself, read from its microformats2 markup: the
 * h-entry that mentions our page (its author's name, URL and photo, its content, when it was
 * published) and what kind of response it is — a reply (`in-reply-to`), a like (`like-of`), a
 * repost (`repost-of`), a bookmark (`bookmark-of`) or a plain mention.
 *
 * Works on a parsed document (`mf2()` of microformats-parser), so the same reading applies to
 * a page parsed here and to the expected JSON of the microformats test suite.
 *
 * @example
 * const doc = mf2(html, { baseUrl: "https://bob.example/post/1" });
 * const entry = readEntry(doc, "https://blog.example/hello");
 * // { type: "reply", author: { name: "Bob", url: "https://bob.example/", photo: … }, … }
 */
import { mf2 } from "microformats-parser";

type ParsedDocument = ReturnType<typeof mf2>;
type Item = ParsedDocument["items"][number];
type Property = Item["properties"][string][number];

export type MentionType = "reply" | "like" | "repost" | "bookmark" | "mention";

export interface Card {
  name?: string;
  url?: string;
  photo?: string;
}

export interface Entry {
  type: MentionType;
  name?: string;
  url?: string;
  author?: Card;
  /** Plain text of the content (or summary), whitespace collapsed. */
  text?: string;
  /** The content's HTML as the source gave it (sanitise before showing it). */
  html?: string;
  /** Milliseconds since the epoch. */
  published?: number;
  /** The URLs each response property names. */
  inReplyTo: string[];
  likeOf: string[];
  repostOf: string[];
  bookmarkOf: string[];
}

/** Response properties, strongest first: a reply that also likes the post is a reply. */
const RESPONSES: [MentionType, "inReplyTo" | "repostOf" | "likeOf" | "bookmarkOf", string][] = [
  ["reply", "inReplyTo", "in-reply-to"],
  ["repost", "repostOf", "repost-of"],
  ["like", "likeOf", "like-of"],
  ["bookmark", "bookmarkOf", "bookmark-of"],
];

/** Parse a page's HTML and read the entry mentioning `target` (undefined: no h-entry). */
export function readEntryFromHtml(
  html: string,
  pageUrl: string,
  target: string,
): Entry | undefined {
  return readEntry(mf2(html, { baseUrl: pageUrl }), target);
}

/**
 * The h-entry that mentions `target` — the first one whose response properties or content
 * name it, else the first h-entry on the page — read into an Entry.
 */
export function readEntry(doc: ParsedDocument, target: string): Entry | undefined {
  const entries = allEntries(doc.items);
  if (entries.length === 0) return undefined;
  const wanted = sameUrl(target);
  const chosen =
    entries.find((e) => {
      const r = entryOf(e.item, wanted);
      return r.type !== "mention" || (r.html ?? "").includes(target);
    }) ?? entries[0];
  if (!chosen) return undefined;
  const entry = entryOf(chosen.item, wanted);
  if (!entry.author) {
    const fallback = chosen.feedAuthor ?? relAuthorCard(doc);
    if (fallback) entry.author = fallback;
  }
  return entry;
}

/** Read one h-entry; `isTarget` decides which response property makes its type. */
export function entryOf(item: Item, isTarget: (url: string) => boolean): Entry {
  const p = item.properties;
  const entry: Entry = {
    type: "mention",
    inReplyTo: urlsOf(p["in-reply-to"]),
    likeOf: urlsOf(p["like-of"]),
    repostOf: urlsOf(p["repost-of"]),
    bookmarkOf: urlsOf(p["bookmark-of"]),
  };
  for (const [type, field] of RESPONSES) {
    if (entry[field].some(isTarget)) {
      entry.type = type;
      break;
    }
  }
  const author = p.author?.[0];
  if (author !== undefined) {
    const card = cardOf(author);
    if (card) entry.author = card;
  }
  const content = p.content?.[0] ?? p.summary?.[0];
  const text = content === undefined ? undefined : clean(textOf(content));
  if (text) entry.text = text;
  if (content && typeof content === "object" && "html" in content && content.html.trim()) {
    entry.html = content.html.trim();
  }
  const name = clean(first(p.name));
  // An implied name that only repeats the content says nothing more.
  if (name && name !== entry.text) entry.name = name;
  const url = urlOf(p.url?.[0]);
  if (url) entry.url = url;
  const published = parseDate(first(p.published));
  if (published !== undefined) entry.published = published;
  return entry;
}

/** A person as an h-card, or as a bare name or URL. */
export function cardOf(value: Property): Card | undefined {
  if (typeof value === "string") return cardOfString(value);
  if ("properties" in value) {
    const p = value.properties;
    const card: Card = {};
    const name =
      clean(first(p.name)) ?? (typeof value.value === "string" ? clean(value.value) : undefined);
    const url = urlOf(p.url?.[0]);
    const photo = urlOf(p.photo?.[0]);
    if (name) card.name = name;
    if (url) card.url = url;
    if (photo) card.photo = photo;
    return Object.keys(card).length > 0 ? card : undefined;
  }
  return cardOfString(textOf(value));
}

function cardOfString(value: string): Card | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return isHttpUrl(v) ? { url: v } : { name: clean(v) ?? v };
}

interface Found {
  item: Item;
  /** The author of the h-feed the entry sits in, when the entry names none. */
  feedAuthor?: Card;
}

/** Every h-entry in document order: top level, in h-feeds, children and property values. */
function allEntries(items: Item[], feedAuthor?: Card, out: Found[] = []): Found[] {
  for (const item of items) {
    const types = item.type ?? [];
    if (types.includes("h-entry")) out.push({ item, ...(feedAuthor ? { feedAuthor } : {}) });
    const author = types.includes("h-feed")
      ? (item.properties.author?.[0] && cardOf(item.properties.author[0])) || feedAuthor
      : feedAuthor;
    allEntries(item.children ?? [], author, out);
  }
  return out;
}

/** The h-card a `rel=author` link points at, or the page's first top-level h-card. */
function relAuthorCard(doc: ParsedDocument): Card | undefined {
  const cards = doc.items.filter((i) => i.type?.includes("h-card"));
  const relAuthor = doc.rels.author?.[0];
  const byRel = relAuthor
    ? cards.find((c) => urlsOf(c.properties.url).includes(relAuthor))
    : undefined;
  const card = byRel ?? cards[0];
  if (card) return cardOf(card);
  return relAuthor ? { url: relAuthor } : undefined;
}

function urlsOf(values: Property[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    const url = urlOf(v);
    if (url) out.push(url);
  }
  return out;
}

/** A URL property: a string, an image `{value, alt}`, or an embedded h-cite / h-card. */
function urlOf(value: Property | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value.trim() || undefined;
  if ("properties" in value) {
    const url = value.properties.url?.[0];
    if (url !== undefined && url !== value) return urlOf(url);
    return typeof value.value === "string" ? value.value.trim() || undefined : undefined;
  }
  if ("html" in value) return value.value.trim() || undefined;
  return value.value?.trim() || undefined;
}

function textOf(value: Property): string {
  if (typeof value === "string") return value;
  if ("properties" in value) {
    if (typeof value.value === "string") return value.value;
    return first(value.properties.name) ?? "";
  }
  return value.value ?? "";
}

function first(values: Property[] | undefined): string | undefined {
  const v = values?.[0];
  return v === undefined ? undefined : textOf(v);
}

function clean(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, " ").trim();
  return v || undefined;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}

/** An ISO 8601 / RFC 3339 date, also with a space for the T; undefined when unreadable. */
export function parseDate(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const iso = v.replace(/^(\d{4}-\d{2}-\d{2})[ ]/, "$1T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : at;
}

/** A predicate: is this URL the same resource as `target` (fragment ignored)? */
export function sameUrl(target: string): (url: string) => boolean {
  const want = normalizeUrl(target);
  return (url) => want !== undefined && normalizeUrl(url) === want;
}

/** The URL with its fragment removed, as the WHATWG parser writes it; undefined if not a URL. */
export function normalizeUrl(url: string, base?: string): string | undefined {
  try {
    const u = new URL(url.trim(), base);
    u.hash = "";
    return u.href;
  } catch {
    return undefined;
  }
}
