/**
 * Does a fetched source document link to the target? Per the Webmention Recommendation, by the
 * document's media type: in HTML, an element attribute that holds a URL (`<a href>`,
 * `<img src>`, `<link href>`, `<blockquote cite>`, `<video>`/`<audio>`/`<source>` `src`, …)
 * resolving to the target; in JSON, a string value equal to the target; in plain text (and any
 * other type), the target URL appearing in the text. Fragments are ignored when comparing URLs
 * (`/post#comments` links to `/post`).
 *
 * @example
 * linksTo('<a href="/hello">hi</a>', "text/html", "https://blog.example/x", "https://blog.example/hello")
 * // true
 */
import { Parser } from "htmlparser2";
import { normalizeUrl, sameUrl } from "./mf2-entry.js";

/** Attributes that carry a URL, per element ("*" for any element). */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  img: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
  source: ["src"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  blockquote: ["cite"],
  q: ["cite"],
  ins: ["cite"],
  del: ["cite"],
};

export function linksTo(
  body: string,
  contentType: string,
  sourceUrl: string,
  target: string,
): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "text/html" || type === "application/xhtml+xml") {
    return htmlLinksTo(body, sourceUrl, target);
  }
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return jsonLinksTo(JSON.parse(body), sameUrl(target));
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  return body.includes(target);
}

/** Whether any URL attribute in the HTML resolves to the target; `<base href>` is honoured. */
export function htmlLinksTo(html: string, sourceUrl: string, target: string): boolean {
  const isTarget = sameUrl(target);
  let base = sourceUrl;
  let found = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found) return;
        if (name === "base" && attributes.href) {
          base = normalizeUrl(attributes.href, sourceUrl) ?? base;
          return;
        }
        for (const attr of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attr];
          if (value === undefined) continue;
          const url = normalizeUrl(value, base);
          if (url && isTarget(url)) {
            found = true;
            parser.pause();
            return;
          }
        }
        if (name === "img" && attributes.srcset) {
          for (const candidate of attributes.srcset.split(",")) {
            const url = normalizeUrl(candidate.trim().split(/\s+/)[0] ?? "", base);
            if (url && isTarget(url)) found = true;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  if (!found) parser.end();
  return found;
}

function jsonLinksTo(value: unknown, isTarget: (url: string) => boolean, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return isTarget(value);
  if (Array.isArray(value)) return value.some((v) => jsonLinksTo(v, isTarget, depth + 1));
  if (value && typeof value === "object") {
    return Object.values(value).some((v) => jsonLinksTo(v, isTarget, depth + 1));
  }
  return false;
}
