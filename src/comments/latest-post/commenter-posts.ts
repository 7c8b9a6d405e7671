/**
 * The commenter's latest post, in the spirit of the old CommentLuv line: after a comment that
 * names a website is saved, its site is fetched in the background (never holding up the
 * answer to the commenter) through the polite fetcher — so through the outbound guard, one
 * request per host at a time, with a User-Agent — its feed found, and its newest post cached.
 * A site is fetched again no sooner than `refreshMs` after a success (or `retryMs` after a
 * failure), however many comments name it. Failures are logged and cached, never shown.
 *
 * @example
 * const posts = new CommenterPosts({ store, fetcher: new PoliteFetcher() });
 * posts.onCommentSaved(comment);              // returns at once
 * const html = await posts.belowComment(comment); // '<p class="irlc-latest">…</p>' or undefined
 */
import { type FeedFetcher, type LatestPostOptions, latestPost } from "../../net/feed-discovery.js";
import type { Store } from "../../store/store.js";
import { WorkQueue } from "../mentions/work-queue.js";
import { type LatestPostRow, latestPostOf, saveLatestPost, siteKey } from "./latest-post-cache.js";
import { latestPostHtml } from "./latest-post-line.js";

const HOUR = 3_600_000;

export interface CommenterPostsOptions {
  store: Store;
  fetcher: FeedFetcher;
  /** Least time between two fetches of one site after a success (default 12 h). */
  refreshMs?: number;
  /** Least time before a failed site is tried again (default 6 h). */
  retryMs?: number;
  /** Sites fetched at once (default 2) and waiting at most (default 500; more are dropped). */
  concurrency?: number;
  capacity?: number;
  /** Passed to `latestPost` (TEST-ONLY policy allowances among them). */
  latestPostOptions?: Omit<LatestPostOptions, "now">;
  /** The comment service's write lock (SQLite shares one connection). */
  lock?: { run<T>(fn: () => Promise<T>): Promise<T> };
  /** Called after a site's post changed, with the page whose comment asked for it. */
  onChange?: (page: string) => void;
  log?: (line: string) => void;
  now?: () => number;
}

/** What a saved comment must carry for its site to be fetched. */
export interface CommentLike {
  url: string | null;
  page: string;
}

/** Sites remembered in memory for rendering (the table stays the truth). */
const MEMORY = 10_000;

export class CommenterPosts {
  readonly queue: WorkQueue;
  private readonly memory = new Map<string, LatestPostRow | null>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: CommenterPostsOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.queue = new WorkQueue({
      concurrency: options.concurrency ?? 2,
      capacity: options.capacity ?? 500,
      onError: (site, error) => this.log(`comments: latest post of ${site}: ${String(error)}`),
    });
  }

  /** Schedule the comment's site for fetching when it is due; returns at once, never throws. */
  onCommentSaved(comment: CommentLike): void {
    const site = siteKey(comment.url);
    if (!site) return;
    this.queue.push(site, async () => {
      await this.refresh(site, comment.page);
    });
  }

  /** Fetch a site's latest post now unless it was fetched recently; returns the cached row. */
  async refresh(site: string, page?: string): Promise<LatestPostRow | undefined> {
    const { store } = this.options;
    const known = await latestPostOf(store.db, site);
    const now = this.now();
    if (known && Number(known.next_at) > now) return known;
    const row: LatestPostRow = {
      site,
      status: "none",
      title: null,
      url: null,
      published_at: null,
      feed_url: null,
      error: null,
      fetched_at: now,
      next_at: now + (this.options.refreshMs ?? 12 * HOUR),
    };
    try {
      const post = await latestPost(site, this.options.fetcher, {
        ...this.options.latestPostOptions,
        now,
      });
      if (post) {
        row.status = "ok";
        row.title = post.title;
        row.url = post.url;
        row.published_at = post.publishedAt;
        row.feed_url = post.feedUrl;
      }
    } catch (error) {
      row.status = "failed";
      row.error = error instanceof Error ? error.message : String(error);
      row.next_at = now + (this.options.retryMs ?? 6 * HOUR);
      this.log(`comments: latest post of ${site} failed: ${row.error}`);
    }
    const save = () => saveLatestPost(store.db, row);
    await (this.options.lock ? this.options.lock.run(save) : save());
    this.remember(site, row);
    const changed = !known || known.url !== row.url || known.title !== row.title;
    if (changed && page) this.options.onChange?.(page);
    return row;
  }

  /** The cached latest post of a site, when one was found. */
  async postOf(url: string | null | undefined): Promise<LatestPostRow | undefined> {
    const site = siteKey(url);
    if (!site) return undefined;
    let row = this.memory.get(site);
    if (row === undefined) {
      row = (await latestPostOf(this.options.store.db, site)) ?? null;
      this.remember(site, row);
    }
    return row?.status === "ok" ? row : undefined;
  }

  /** What the thread shows under a comment: its commenter's latest post, or nothing. */
  async belowComment(comment: CommentLike): Promise<string | undefined> {
    const row = await this.postOf(comment.url);
    return row ? latestPostHtml(row) : undefined;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private remember(site: string, row: LatestPostRow | null): void {
    if (this.memory.size >= MEMORY) this.memory.clear();
    this.memory.set(site, row);
  }
}
