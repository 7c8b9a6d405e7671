/**
 * Which URLs may become links on a page irl renders: only http(s) ones. Imported and submitted
 * URLs are untrusted — `javascript:`, `data:` and unparsable ones are shown as text instead.
 *
 * @example
 * safeHref("https://ada.example/post"); // "https://ada.example/post"
 * safeHref("javascript:alert(1)");       // undefined
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}
