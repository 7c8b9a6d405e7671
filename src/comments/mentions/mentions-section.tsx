/**
 * Mentions of a post as readers see them under the thread: who replied to, liked, reposted,
 * bookmarked or linked the post, with the excerpt they wrote. Everything from the source is
 * text, escaped by JSX; links are http(s) only and carry `rel="ugc nofollow"`; no image or
 * other request goes to the mentioning sites (photos stay in the API only).
 *
 * @example
 * const html = (<MentionsSection mentions={await mentionsOf(db, page)} />).toString();
 */

import { safeHref } from "../../net/safe-href.js";
import type { MentionRow } from "./mention-store.js";

const VERBS: Record<string, string> = {
  reply: "replied",
  like: "liked this",
  repost: "reposted this",
  bookmark: "bookmarked this",
  mention: "mentioned this",
};

const EXCERPT = 280;

export function MentionsSection(props: { mentions: MentionRow[] }) {
  if (props.mentions.length === 0) return null;
  return (
    <section class="irl-mentions" aria-label="Mentions">
      <h2>{props.mentions.length === 1 ? "1 mention" : `${props.mentions.length} mentions`}</h2>
      <ul>
        {props.mentions.map((m) => (
          <MentionItem mention={m} />
        ))}
      </ul>
    </section>
  );
}

function MentionItem(props: { mention: MentionRow }) {
  const m = props.mention;
  const type = m.type ?? "mention";
  const host = hostOf(m.source);
  const who = m.author_name ?? (m.author_url ? hostOf(m.author_url) : host);
  const authorHref = safeHref(m.author_url);
  const postHref = safeHref(m.url) ?? safeHref(m.source);
  const at = m.published_at ?? m.verified_at;
  const text = excerpt(m.content_text ?? (type === "reply" || type === "mention" ? m.title : null));
  return (
    <li class={`irl-mention irl-mention-${type}`} id={`mention-${m.id}`}>
      {authorHref ? (
        <a class="irl-mention-author" href={authorHref} rel="ugc nofollow">
          {who}
        </a>
      ) : (
        <span class="irl-mention-author">{who}</span>
      )}{" "}
      {VERBS[type] ?? VERBS.mention}
      {" on "}
      {postHref ? (
        <a class="irl-mention-source" href={postHref} rel="ugc nofollow">
          {m.title && type !== "reply" ? m.title : host}
        </a>
      ) : (
        host
      )}
      {at ? (
        <>
          {" "}
          <time datetime={new Date(Number(at)).toISOString()}>
            {new Date(Number(at)).toISOString().slice(0, 10)}
          </time>
        </>
      ) : null}
      {text ? <p class="irl-mention-text">{text}</p> : null}
    </li>
  );
}

function excerpt(text: string | null): string | null {
  if (!text) return null;
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
