/**
 * An Atom 1.0 feed of approved comments: the whole service's newest, or one page's. Names are
 * shown, e-mail addresses never; the content is the comment's sanitised HTML, escaped.
 *
 * @example
 * const xml = atomFeed(rows, { self: "https://c.example/feed.atom", title: "Comments", ownerName: "Ada" });
 */
import type { CommentRow } from "./comment-store.js";

function esc(s: string): string {
  return s
    .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

export function atomFeed(
  rows: readonly CommentRow[],
  options: { self: string; title: string; ownerName: string; base: string },
): string {
  const updated = new Date(rows[0]?.edited_at ?? rows[0]?.created_at ?? 0).toISOString();
  const host = new URL(options.base).host;
  const entries = rows.map((c) => {
    const link = `${c.page}#c${c.id}`;
    const name = c.is_owner ? options.ownerName : c.author_name;
    const title = `${name} on ${c.page_title ?? c.page}`;
    return `  <entry>
    <id>tag:${esc(host)},2024:comment:${c.id}</id>
    <title>${esc(title)}</title>
    <link rel="alternate" type="text/html" href="${esc(link)}"/>
    <author><name>${esc(name)}</name></author>
    <published>${new Date(c.created_at).toISOString()}</published>
    <updated>${new Date(c.edited_at ?? c.created_at).toISOString()}</updated>
    <content type="html">${esc(c.html)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(options.self)}</id>
  <title>${esc(options.title)}</title>
  <link rel="self" type="application/atom+xml" href="${esc(options.self)}"/>
  <updated>${updated}</updated>
  <generator>irl comments</generator>
${entries.join("\n")}
</feed>
`;
}
