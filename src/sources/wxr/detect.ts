/**
 * Recognises a WordPress export (WXR 1.0, 1.1, 1.2) from the first bytes of a file: an `<rss>`
 * element with the WordPress export namespace (http or https), or a `<wp:wxr_version>` element.
 *
 * @example
 * looksLikeWxr('<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'); // true
 */
const EXPORT_NAMESPACE = /https?:\/\/wordpress\.org\/export\/1\.[012]\//;

export function looksLikeWxr(head: string): boolean {
  if (head.includes("<wp:wxr_version>")) return true;
  return head.includes("<rss") && EXPORT_NAMESPACE.test(head);
}
