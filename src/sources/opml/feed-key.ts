/**
 * A feed URL as a short stable key, so that the same subscription exported by two readers is one
 * record: scheme, `www.`, default port, fragment and trailing slashes dropped, host lowercased,
 * path and query kept as written.
 *
 * @example
 * feedKey("HTTPS://www.Blog.example:443/feed/?x=1#top"); // "blog.example/feed?x=1"
 * feedKey("not a url"); // "not a url"
 */
export function feedKey(xmlUrl: string): string {
  const text = xmlUrl.trim();
  let url: URL;
  try {
    url = new URL(text.includes("://") ? text : `http://${text}`);
  } catch {
    return text;
  }
  if (!url.host) return text;
  const host = url.host.startsWith("www.") ? url.host.slice(4) : url.host;
  let end = url.pathname.length;
  while (end > 0 && url.pathname.charCodeAt(end - 1) === 47) end--;
  return host + url.pathname.slice(0, end) + url.search;
}
