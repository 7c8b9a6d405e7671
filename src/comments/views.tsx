/**
 * The thread and its form as server-rendered Hono JSX: the same markup serves the no-JavaScript
 * page (`/thread`), the embed (`/api/thread`, put into a Shadow DOM) and the admin page. Every
 * value a commenter typed is escaped by JSX; only the body's HTML, sanitised when it was saved
 * (`render-markdown.ts`), and HTML from the mount hooks go in raw.
 *
 * @example
 * const html = threadHtml(buildThread(rows), { page, ownerName: "Ada", editWindowMs, below: new Map() });
 */
import { raw } from "hono/html";
import { safeHref } from "../net/safe-href.js";
import type { CommentRow } from "./comment-store.js";
import { THREAD_CSS } from "./styles.js";
import type { ThreadNode } from "./thread.js";

export interface ThreadViewOptions {
  page: string;
  ownerName: string;
  editWindowMs: number;
  /** Extra, already safe HTML under a comment (its commenter's latest post), by comment id. */
  below?: ReadonlyMap<number, string>;
  /** Extra, already safe HTML under the thread (mentions of the page). */
  after?: string;
}

export function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function Author({ c, ownerName }: { c: CommentRow; ownerName: string }) {
  const name = c.is_owner ? ownerName : c.author_name;
  const href = safeHref(c.url);
  return (
    <>
      {href ? (
        <a class="irlc-name" href={href} rel="ugc nofollow noopener" target="_blank">
          {name}
        </a>
      ) : (
        <span class="irlc-name">{name}</span>
      )}
      {c.is_owner ? <span class="irlc-badge">author</span> : null}
    </>
  );
}

export function CommentView({
  c,
  options,
  pending,
}: {
  c: CommentRow;
  options: ThreadViewOptions;
  pending?: boolean;
}) {
  if (c.status === "deleted") {
    return (
      <article class="irlc-comment irlc-gone" id={`c${c.id}`}>
        This comment was deleted.
      </article>
    );
  }
  const classes = `irlc-comment${c.is_owner ? " irlc-owner" : ""}${pending ? " irlc-pending" : ""}`;
  const below = options.below?.get(c.id);
  return (
    <article
      class={classes}
      id={`c${c.id}`}
      data-id={String(c.id)}
      data-until={String(c.created_at + options.editWindowMs)}
    >
      <header class="irlc-head">
        <Author c={c} ownerName={options.ownerName} />
        <a class="irlc-time" href={`#c${c.id}`}>
          <time datetime={new Date(c.created_at).toISOString()}>{when(c.created_at)}</time>
        </a>
        {c.edited_at ? <span class="irlc-time">(edited)</span> : null}
        {pending ? <span class="irlc-time">awaiting approval</span> : null}
      </header>
      <div class="irlc-body">{raw(c.html)}</div>
      {below ? raw(below) : null}
      {pending ? null : (
        <footer class="irlc-actions">
          <a
            class="irlc-reply"
            data-reply={String(c.id)}
            href={`?page=${encodeURIComponent(options.page)}&reply=${c.id}#irlc-form`}
          >
            Reply
          </a>
        </footer>
      )}
    </article>
  );
}

function Nodes({ nodes, options }: { nodes: readonly ThreadNode[]; options: ThreadViewOptions }) {
  return (
    <ol class="irlc-list">
      {nodes.map((n) => (
        <li class="irlc-item">
          <CommentView c={n.comment} options={options} />
          {n.replies.length > 0 ? <Nodes nodes={n.replies} options={options} /> : null}
        </li>
      ))}
    </ol>
  );
}

export function countLabel(n: number): string {
  return n === 0 ? "No comments yet" : n === 1 ? "1 comment" : `${n} comments`;
}

/** The thread alone: heading, nested comments, and whatever is mounted after it. */
export function threadHtml(
  nodes: readonly ThreadNode[],
  count: number,
  options: ThreadViewOptions,
): string {
  return String(
    <section class="irlc-thread" data-page={options.page} data-count={String(count)}>
      <h2 class="irlc-count">{countLabel(count)}</h2>
      <Nodes nodes={nodes} options={options} />
      {options.after ? raw(options.after) : null}
    </section>,
  );
}

export interface FormOptions {
  page: string;
  /** The comment a reply answers. */
  replyTo?: number;
  /** Where the form posts (the no-JS page's own URL). */
  action: string;
  /** The no-JS form's CSRF token; the embed posts JSON instead. */
  csrf?: string;
  /** What the reader typed, shown again after an error. */
  values?: { name?: string; email?: string; url?: string; body?: string };
}

export function formHtml(options: FormOptions): string {
  const v = options.values ?? {};
  return String(
    <form class="irlc-form" id="irlc-form" method="post" action={options.action}>
      <input type="hidden" name="page" value={options.page} />
      <input type="hidden" name="parent" value={options.replyTo ? String(options.replyTo) : ""} />
      {options.csrf ? <input type="hidden" name="csrf" value={options.csrf} /> : null}
      {options.replyTo ? (
        <p class="irlc-note">
          Replying to <a href={`#c${options.replyTo}`}>comment {options.replyTo}</a>
        </p>
      ) : null}
      <input name="name" required maxlength={100} placeholder="Name" value={v.name ?? ""} />
      <input
        name="email"
        type="email"
        maxlength={254}
        placeholder="E-mail (not shown)"
        value={v.email ?? ""}
      />
      <input
        name="url"
        type="url"
        maxlength={500}
        placeholder="Your site (optional)"
        value={v.url ?? ""}
      />
      <div class="irlc-hp" aria-hidden="true">
        <label>
          Leave this empty <input name="homepage" tabindex={-1} autocomplete="off" />
        </label>
      </div>
      <textarea
        name="body"
        required
        maxlength={10000}
        placeholder="Your comment (Markdown: *emphasis*, [links](https://…), `code`, > quotes, - lists)"
      >
        {v.body ?? ""}
      </textarea>
      <label>
        <input type="checkbox" name="notify" value="1" /> E-mail me replies
      </label>
      <button type="submit">Post comment</button>
    </form>,
  );
}

/** The no-JavaScript page's start: head, styles and the thread (cached with the thread). */
export function pageHead(title: string, thread: string): string {
  const head = String(
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{title}</title>
      <style>{raw(THREAD_CSS)}</style>
    </head>,
  );
  return `<!doctype html><html lang="en">${head}<body>${thread}`;
}

/** The rest of the page: a message for the reader, the form. */
export function pageTail(form: string, message?: { kind: "note" | "error"; text: string }): string {
  const note = message
    ? String(
        <p class={`irlc-${message.kind}`} role="status">
          {message.text}
        </p>,
      )
    : "";
  return `${note}${form}</body></html>`;
}

/** The no-JavaScript page: the thread, a message under it, and the form. */
export function threadPage(options: {
  title: string;
  thread: string;
  form: string;
  message?: { kind: "note" | "error"; text: string };
}): string {
  return pageHead(options.title, options.thread) + pageTail(options.form, options.message);
}
