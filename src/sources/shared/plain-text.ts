/**
 * Plain text from the HTML in posts, comments and names: tags stripped (with a space where a block
 * element breaks the text), entities decoded, whitespace collapsed. Uses htmlparser2 in HTML mode,
 * one parser reused for every call.
 *
 * @example
 * new PlainText().of("<p>Hi&nbsp;<em>there</em></p><p>Bye</p>"); // "Hi there Bye"
 */
import { Parser } from "htmlparser2";

const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);
const HIDDEN = new Set(["script", "style", "template"]);

export class PlainText {
  private readonly pieces: string[] = [];
  private hidden = 0;
  private readonly parser = new Parser({
    ontext: (data) => {
      if (this.hidden === 0) this.pieces.push(data);
    },
    onopentagname: (name) => this.edge(name, 1),
    onclosetag: (name) => this.edge(name, -1),
  });

  /** The plain text of an HTML fragment. */
  of(html: string): string {
    if (html.indexOf("<") === -1 && html.indexOf("&") === -1) return collapse(html);
    this.hidden = 0;
    this.parser.parseComplete(html);
    const text = this.pieces.join("");
    this.pieces.length = 0;
    return collapse(text);
  }

  private edge(name: string, step: 1 | -1): void {
    if (BLOCKS.has(name)) this.pieces.push(" ");
    else if (HIDDEN.has(name)) this.hidden = Math.max(0, this.hidden + step);
  }
}

/** Runs of whitespace (what `\s` matches) as one space, none at the ends. */
export function collapse(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  let out = "";
  let kept = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i++);
    if ((c > 32 && c < 160) || !isSpace(c)) continue;
    let next = i;
    while (isSpace(text.charCodeAt(next))) next++;
    if (c === 32 && next === i) continue;
    out += `${text.slice(kept, i - 1)} `;
    kept = next;
    i = next;
  }
  return kept === start ? text.slice(start, end) : out + text.slice(kept, end);
}

function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    c === 0x3000 ||
    (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f))
  );
}
