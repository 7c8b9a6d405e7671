/**
 * Recognises a feed from the first bytes of a file: an `<rss>` root that is not a WordPress
 * export (those belong to the WXR importer), an Atom `<feed>` root with the Atom namespace
 * (1.0 or 0.3), an `<rdf:RDF>` root with the RSS 1.0 (or Netscape RSS 0.9) namespace, or a JSON
 * object whose `version` is a jsonfeed.org version.
 *
 * @example
 * looksLikeFeed('<?xml version="1.0"?><rss version="2.0"><channel>'); // true
 * looksLikeFeed('<rss xmlns:wp="http://wordpress.org/export/1.2/">'); // false
 */
const WXR = /https?:\/\/wordpress\.org\/export\/|<wp:wxr_version>/;
const ATOM = ["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"];
const RSS1 = [
  "http://purl.org/rss/1.0/",
  "https://purl.org/rss/1.0/",
  "http://my.netscape.com/rdf/simple/0.9/",
  "http://channel.netscape.com/rdf/simple/0.9/",
];
const JSON_FEED = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\/1/;

export function looksLikeFeed(head: string): boolean {
  const start = firstNonSpace(head, head.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (head.charCodeAt(start) === 123) return JSON_FEED.test(head);
  const root = rootElement(head, start);
  if (root === "rss") return !WXR.test(head);
  if (root === "feed") return ATOM.some((ns) => head.includes(ns));
  if (root === "RDF" || root.endsWith(":RDF")) return RSS1.some((ns) => head.includes(ns));
  return false;
}

/** The name of the first element, skipping the XML declaration, comments and a DOCTYPE. */
export function rootElement(text: string, from = 0): string {
  let at = from;
  while (at < text.length) {
    at = firstNonSpace(text, at);
    if (text.charCodeAt(at) !== 60) return "";
    if (text.startsWith("<?", at)) at = after(text, "?>", at);
    else if (text.startsWith("<!--", at)) at = after(text, "-->", at);
    else if (text.startsWith("<!", at)) at = after(text, ">", at);
    else {
      let end = at + 1;
      while (end < text.length && !/[\s/>]/.test(text.charAt(end))) end++;
      return text.slice(at + 1, end);
    }
  }
  return "";
}

function after(text: string, marker: string, from: number): number {
  const end = text.indexOf(marker, from);
  return end === -1 ? text.length : end + marker.length;
}

function firstNonSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  return at;
}
