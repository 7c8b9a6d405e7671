/** Is this the head of a Disqus XML export? A `<disqus>` root in the Disqus namespace. */
import { rootElement } from "../feed/detect.js";

const NAMESPACE = /xmlns\s*=\s*["']https?:\/\/disqus\.com\/?["']/;

export function looksLikeDisqus(head: string): boolean {
  return (
    rootElement(head, head.charCodeAt(0) === 0xfeff ? 1 : 0) === "disqus" && NAMESPACE.test(head)
  );
}
