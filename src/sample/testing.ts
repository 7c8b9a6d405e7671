/**
 * Test support for the sample writers, independent of the code under test: a strict XML
 * well-formedness check (tags balanced, entities valid, CDATA closed, legal characters) and a
 * small streaming WXR reader built on htmlparser2 that tracks the element stack and collects
 * items and comments as plain objects.
 *
 * @example
 * expect(checkWellFormed(fs.readFileSync(file, "utf8"))).toEqual([]);
 * const wxr = await readWxr(file);
 * wxr.comments.filter((c) => c.approved === "spam").length;
 */
import fs from "node:fs";
import { Parser } from "htmlparser2";
import type { Importer, ParseOptions } from "../sources/importer.js";
import type { SourceRecord } from "../sources/records.js";

const TOKEN =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--([\s\S]*?)-->|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|[^<]+/y;
const BAD_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const BAD_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Problems that make `xml` not well-formed XML 1.0; empty when it is. */
export function checkWellFormed(xml: string, maxErrors = 20): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const bad = BAD_CHAR.exec(xml);
  if (bad) errors.push(`illegal character at offset ${bad.index}`);
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < xml.length && errors.length < maxErrors) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(xml);
    if (!m) {
      errors.push(
        `unexpected markup at offset ${pos}: ${JSON.stringify(xml.slice(pos, pos + 40))}`,
      );
      break;
    }
    const [token, commentBody, closeName, openName, attrs, selfClose] = m;
    if (commentBody !== undefined && commentBody.includes("--"))
      errors.push(`"--" inside a comment at ${pos}`);
    if (token.startsWith("<?") && pos !== 0)
      errors.push(`processing instruction not at the start (${pos})`);
    if (closeName !== undefined) {
      const open = stack.pop();
      if (open !== closeName)
        errors.push(`</${closeName}> closes <${open ?? "nothing"}> at ${pos}`);
    } else if (openName !== undefined) {
      if (stack.length === 0 && ++roots > 1)
        errors.push(`second root element <${openName}> at ${pos}`);
      errors.push(...attributeErrors(attrs ?? "", pos));
      if (selfClose !== "/") stack.push(openName);
    } else if (!token.startsWith("<")) {
      if (BAD_ENTITY.test(token)) errors.push(`bare "&" in text at ${pos}`);
      if (token.includes("]]>")) errors.push(`"]]>" in text at ${pos}`);
      if (stack.length === 0 && token.trim() !== "") errors.push(`text outside the root at ${pos}`);
    }
    pos += token.length;
  }
  if (stack.length > 0) errors.push(`unclosed elements at the end: ${stack.join(" > ")}`);
  if (roots === 0) errors.push("no root element");
  return errors;
}

function attributeErrors(attrs: string, pos: number): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const m of attrs.matchAll(ATTRIBUTE)) {
    const name = m[1] as string;
    if (seen.has(name)) errors.push(`duplicate attribute ${name} at ${pos}`);
    seen.add(name);
    if (BAD_ENTITY.test(m[2] ?? m[3] ?? "")) errors.push(`bare "&" in attribute ${name} at ${pos}`);
  }
  return errors;
}

export interface ParsedComment {
  postId: number;
  id: number;
  author: string;
  email: string;
  url: string;
  ip: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  parent: number;
  userId: number;
}

export interface ParsedItem {
  postId: number;
  title: string;
  link: string;
  type: string;
  status: string;
  dateGmt: string;
  content: string;
  comments: number;
}

export interface ParsedWxr {
  rootAttributes: Record<string, string>;
  version: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  link: string;
  authors: Record<string, string>[];
  items: ParsedItem[];
  comments: ParsedComment[];
}

const COMMENT_FIELDS: Readonly<Record<string, keyof ParsedComment>> = {
  "wp:comment_id": "id",
  "wp:comment_author": "author",
  "wp:comment_author_email": "email",
  "wp:comment_author_url": "url",
  "wp:comment_author_IP": "ip",
  "wp:comment_date": "date",
  "wp:comment_date_gmt": "dateGmt",
  "wp:comment_content": "content",
  "wp:comment_approved": "approved",
  "wp:comment_type": "type",
  "wp:comment_parent": "parent",
  "wp:comment_user_id": "userId",
};

const ITEM_FIELDS: Readonly<Record<string, keyof ParsedItem>> = {
  title: "title",
  link: "link",
  "wp:post_id": "postId",
  "wp:post_type": "type",
  "wp:status": "status",
  "wp:post_date_gmt": "dateGmt",
  "content:encoded": "content",
};

const NUMERIC = new Set(["id", "parent", "userId", "postId"]);

/** Reads a WXR file chunk by chunk; throws on a close tag that does not match its open tag. */
export async function readWxr(filePath: string): Promise<ParsedWxr> {
  const out: ParsedWxr = {
    rootAttributes: {},
    version: "",
    baseSiteUrl: "",
    baseBlogUrl: "",
    link: "",
    authors: [],
    items: [],
    comments: [],
  };
  const stack: string[] = [];
  let text = "";
  let item: Record<string, string | number> | undefined;
  let comment: Record<string, string | number> | undefined;
  let author: Record<string, string> | undefined;
  let failure: Error | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (stack.length === 0) out.rootAttributes = attributes;
        stack.push(name);
        text = "";
        if (name === "item") item = { comments: 0 };
        if (name === "wp:comment") comment = { postId: Number(item?.postId ?? -1) };
        if (name === "wp:author") author = {};
      },
      ontext(chunk) {
        text += chunk;
      },
      onclosetag(name, isImplied) {
        const open = stack.pop();
        if (isImplied || open !== name)
          failure ??= new Error(`</${name}> closes <${open ?? "nothing"}>`);
        const parent = stack[stack.length - 1];
        if (comment && parent === "wp:comment") {
          const key = COMMENT_FIELDS[name];
          if (key) comment[key] = NUMERIC.has(key) ? Number(text) : text;
        } else if (item && parent === "item") {
          const key = ITEM_FIELDS[name];
          if (key) item[key] = NUMERIC.has(key) ? Number(text) : text;
        } else if (author && parent === "wp:author") {
          author[name.replace("wp:author_", "")] = text;
        } else if (parent === "channel") {
          if (name === "wp:wxr_version") out.version = text;
          if (name === "wp:base_site_url") out.baseSiteUrl = text;
          if (name === "wp:base_blog_url") out.baseBlogUrl = text;
          if (name === "link") out.link = text;
        }
        if (name === "wp:comment" && comment) {
          out.comments.push(comment as unknown as ParsedComment);
          if (item) item.comments = Number(item.comments) + 1;
          comment = undefined;
        }
        if (name === "item" && item) {
          out.items.push(item as unknown as ParsedItem);
          item = undefined;
        }
        if (name === "wp:author" && author) {
          out.authors.push(author);
          author = undefined;
        }
        text = "";
      },
      onerror(error) {
        failure ??= error;
      },
    },
    { xmlMode: true },
  );
  for await (const chunk of fs.createReadStream(filePath, {
    encoding: "utf8",
    highWaterMark: 1 << 16,
  })) {
    parser.write(chunk as string);
  }
  parser.end();
  if (failure) throw failure;
  if (stack.length > 0) throw new Error(`unclosed at the end: ${stack.join(" > ")}`);
  return out;
}

/** Every record an importer yields for a file, read as a stream. */
export async function importFile(
  importer: Importer,
  filePath: string,
  options?: ParseOptions,
): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  const input = options
    ? { path: filePath, chunks: fs.createReadStream(filePath), options }
    : { path: filePath, chunks: fs.createReadStream(filePath) };
  for await (const batch of importer.parse(input)) out.push(...batch);
  return out;
}

/** How many records of each type, and skips by reason (`skip:<reason>`). */
export function tally(
  records: readonly { type: string; reason?: string }[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) {
    const key = r.type === "skip" ? `skip:${r.reason}` : r.type;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
