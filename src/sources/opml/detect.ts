/** Is this the head of an OPML file? An `<opml>` root element. */
import { rootElement } from "../feed/detect.js";

export function looksLikeOpml(head: string): boolean {
  return rootElement(head, head.charCodeAt(0) === 0xfeff ? 1 : 0) === "opml";
}
