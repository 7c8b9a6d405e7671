/**
 * What an XML feed document is, read once with htmlparser2 before feedsmith parses it: the name
 * and position of its root element, and whether the document is complete. feedsmith forgives a
 * file cut off in the middle (it returns the items it saw, often none); irl reports it instead.
 *
 * @example
 * outlineOf('<rss version="2.0"><channel></channel></rss>');
 * // { root: "rss", rootStart: 0, complete: true, lastLine: 1 }
 * outlineOf('<rss version="2.0"><channel>').complete; // false
 */
import { Parser } from "htmlparser2";

export interface Outline {
  /** The root element's name as written (`rss`, `feed`, `rdf:RDF`), or undefined for none. */
  root: string | undefined;
  /** Offset of the root's `<` in the text. */
  rootStart: number;
  /** The root element was closed by its own end tag. */
  complete: boolean;
  /** Line of the last character, for the error on an incomplete file. */
  lastLine: number;
}

export function outlineOf(text: string): Outline {
  let depth = 0;
  let root: string | undefined;
  let rootStart = 0;
  let complete = false;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (depth === 0 && root === undefined) {
          root = name;
          rootStart = parser.startIndex;
        }
        depth++;
      },
      onclosetag(_name, isImplied) {
        depth--;
        if (depth === 0 && !isImplied) complete = true;
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  return { root, rootStart, complete, lastLine: lineCount(text) };
}

function lineCount(text: string): number {
  let lines = 1;
  let at = text.indexOf("\n");
  while (at !== -1 && at < text.length - 1) {
    lines++;
    at = text.indexOf("\n", at + 1);
  }
  return lines;
}
