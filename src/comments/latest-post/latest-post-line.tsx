/**
 * The line under a comment naming its commenter's latest post: the title as text (escaped by
 * JSX), the link http(s) only with `rel="ugc nofollow"` (the commenter's site is theirs, not
 * the blog owner's recommendation).
 *
 * @example
 * latestPostHtml({ title: "On engines", url: "https://ada.example/engines", … });
 * // '<p class="irlc-latest">Latest post: <a href="https://ada.example/engines" rel="ugc nofollow">On engines</a></p>'
 */

import { safeHref } from "../../net/safe-href.js";
import type { LatestPostRow } from "./latest-post-cache.js";

export function LatestPostLine(props: { post: Pick<LatestPostRow, "title" | "url"> }) {
  const href = safeHref(props.post.url);
  if (!href) return null;
  return (
    <p class="irlc-latest">
      Latest post:{" "}
      <a href={href} rel="ugc nofollow">
        {props.post.title || href}
      </a>
    </p>
  );
}

export function latestPostHtml(post: Pick<LatestPostRow, "title" | "url">): string | undefined {
  const html = String(LatestPostLine({ post }) ?? "");
  return html || undefined;
}
