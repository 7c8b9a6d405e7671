/**
 * A comment's body, from the Markdown subset commenters may write (emphasis, links, inline and
 * block code, quotes, lists, paragraphs and line breaks) to HTML that is safe to put on anyone's
 * page: markdown-it with raw HTML disabled, then sanitize-html with an allow-list. Links keep
 * only http, https and mailto targets and get `rel="ugc nofollow"`; everything else is text.
 *
 * @example
 * renderComment("*Nice* post, see <https://ada.example>");
 * // '<p><em>Nice</em> post, see <a href="https://ada.example" rel="ugc nofollow">https://ada.example</a></p>'
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const markdown = new MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
  "paragraph",
  "newline",
  "emphasis",
  "link",
  "autolink",
  "linkify",
  "backticks",
  "code",
  "fence",
  "blockquote",
  "list",
  "escape",
  "entity",
]);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "a", "code", "pre", "blockquote", "ul", "ol", "li"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: "ugc nofollow" },
    }),
  },
};

/** Sanitised HTML for a comment body written in the Markdown subset. */
export function renderComment(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE).trim();
}

/** How many links a body carries once rendered (several links send a comment to moderation). */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0;
}
