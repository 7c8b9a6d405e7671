/**
 * Verifying a mention: fetch the source (through the outbound guard: only public addresses,
 * every redirect re-checked, time and size capped) and decide what it says about the target —
 * it links to it (with what its microformats say: author, content, type), it is gone (410 or
 * 404, or it no longer links), or it could not be read for now.
 *
 * The fetcher is a function so the receiver depends only on the shape it needs; `guardedFetcher`
 * (guarded-fetcher.ts) builds it from the outbound guard.
 *
 * @example
 * const verdict = await verifySource(fetcher, "https://bob.example/p", "https://blog.example/hello");
 * if (verdict.kind === "verified") console.log(verdict.fields.type, verdict.fields.author_name);
 */
import sanitizeHtml from "sanitize-html";
import { linksTo } from "./links-to.js";
import type { VerifiedFields } from "./mention-store.js";
import { readEntryFromHtml } from "./mf2-entry.js";

export interface FetchedSource {
  /** HTTP status of the final response. */
  status: number;
  /** The URL finally fetched, after redirects. */
  url: string;
  contentType: string;
  body: string;
}

/** Why a source could not be fetched. */
export type FetchFailure =
  /** The guard refused the address (private, loopback, …) before connecting. */
  | "refused"
  /** DNS failure, connection refused or reset: the source does not answer. */
  | "unreachable"
  /** Too slow, or too large. */
  | "limit";

export class SourceFetchError extends Error {
  constructor(
    readonly failure: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = "SourceFetchError";
  }
}

/** GETs a source URL through the outbound guard; throws SourceFetchError when it cannot. */
export type SourceFetcher = (url: string) => Promise<FetchedSource>;

/** What verification sends as Accept: HTML first, then the other types it can read. */
export const SOURCE_ACCEPT =
  "text/html, application/xhtml+xml;q=0.9, application/json;q=0.6, text/plain;q=0.5, */*;q=0.1";

export type Verdict =
  | { kind: "verified"; fields: VerifiedFields }
  /** The source is gone (410/404) or does not (any longer) link to the target. */
  | { kind: "gone"; why: "gone" | "not found" | "no link"; reason: string }
  /** Could not be read: the guard refused it, it did not answer, or it failed upstream. */
  | { kind: "unreadable"; why: FetchFailure | "upstream"; reason: string };

const MAX_TEXT = 2000;

export async function verifySource(
  fetcher: SourceFetcher,
  source: string,
  target: string,
): Promise<Verdict> {
  let page: FetchedSource;
  try {
    page = await fetcher(source);
  } catch (error) {
    if (error instanceof SourceFetchError) {
      return {
        kind: "unreadable",
        why: error.failure,
        reason: `the source could not be fetched: ${error.message}`,
      };
    }
    return {
      kind: "unreadable",
      why: "unreachable",
      reason: `the source could not be fetched: ${String(error)}`,
    };
  }
  if (page.status === 410) return { kind: "gone", why: "gone", reason: "the source is gone (410)" };
  if (page.status === 404)
    return { kind: "gone", why: "not found", reason: "the source was not found (404)" };
  if (page.status < 200 || page.status >= 300) {
    return {
      kind: "unreadable",
      why: "upstream",
      reason: `the source answered with status ${page.status}`,
    };
  }
  if (!linksTo(page.body, page.contentType, page.url, target)) {
    return { kind: "gone", why: "no link", reason: "the source does not link to the page" };
  }
  return { kind: "verified", fields: fieldsOf(page, source, target) };
}

/** What the source says about itself, as the mention's stored fields. */
function fieldsOf(page: FetchedSource, source: string, target: string): VerifiedFields {
  const fields: VerifiedFields = {
    type: "mention",
    author_name: null,
    author_url: null,
    author_photo: null,
    title: null,
    content_text: null,
    content_html: null,
    url: null,
    published_at: null,
  };
  const type = page.contentType.split(";")[0]?.trim().toLowerCase();
  if (type !== "text/html" && type !== "application/xhtml+xml") return fields;
  const entry = readEntryFromHtml(page.body, page.url, target);
  if (!entry) {
    fields.title = titleOf(page.body);
    return fields;
  }
  fields.type = entry.type;
  fields.author_name = cut(entry.author?.name, 200);
  fields.author_url = httpUrl(entry.author?.url);
  fields.author_photo = httpUrl(entry.author?.photo);
  fields.title = cut(entry.name, 300) ?? titleOf(page.body);
  fields.content_text = cut(entry.text, MAX_TEXT);
  fields.content_html = entry.html ? sanitizeMentionHtml(entry.html) || null : null;
  fields.url = httpUrl(entry.url) ?? source;
  fields.published_at = entry.published ?? null;
  return fields;
}

const MENTION_SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "em",
    "strong",
    "i",
    "b",
    "a",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
  ],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "svg", "math"],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: "ugc nofollow" },
    }),
  },
};

/** A source's content HTML, reduced to safe text markup; links get `rel="ugc nofollow"`. */
export function sanitizeMentionHtml(html: string): string {
  return sanitizeHtml(html.slice(0, 100_000), MENTION_SANITIZE).trim();
}

function titleOf(html: string): string | null {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(html.slice(0, 64 * 1024));
  const text = m?.[1] ? sanitizeHtml(m[1], { allowedTags: [], allowedAttributes: {} }) : "";
  return cut(decodeBasic(text), 300);
}

function decodeBasic(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function cut(value: string | undefined, max: number): string | null {
  const v = value?.replace(/\s+/g, " ").trim();
  if (!v) return null;
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

function httpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
