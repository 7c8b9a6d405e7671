/**
 * Plain text from an HTML-only e-mail body, for its excerpt: tags dropped (a line break where a
 * block element or `<br>` breaks the text), `<script>`, `<style>`, `<head>` and quoted
 * `<blockquote>` content left out, entities decoded. Cheaper than a full HTML-to-text
 * conversion, which an excerpt does not need.
 *
 * @example
 * htmlText("<p>Hi&nbsp;Ada</p><blockquote>old</blockquote><p>Bye</p>"); // "Hi Ada\nBye"
 */
import { Parser } from "htmlparser2";

const BREAKS = new Set([
  "br",
  "p",
  "div",
  "li",
  "tr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "ul",
  "ol",
  "hr",
  "pre",
]);
const HIDDEN = new Set(["script", "style", "head", "title", "blockquote"]);
/** How much HTML is looked at. */
const MAX_HTML = 64 * 1024;

export function htmlText(html: string): string {
  let out = "";
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BREAKS.has(name)) out += "\n";
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BREAKS.has(name) && name !== "br") out += "\n";
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html);
  return out
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
