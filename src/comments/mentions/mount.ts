/**
 * Plugs mentions and commenters' latest posts into the comment service with one line in
 * `createCommentApp`: mounts `/webmention`, `/webmention/status/:id`, `/xmlrpc` and
 * `/api/mentions`, and hooks into the service — `onCommentSaved` schedules the commenter's
 * latest-post fetch, `belowComment` shows it, `afterThread` shows the page's mentions (and a
 * `<link rel="webmention">` advertising the endpoint). Hooks already set in the deps run too.
 * Writes go through the service's lock; a change clears the page from the thread cache.
 *
 * Settings come from the deps' optional `mentions` field (`MentionDeps`); without it, sources
 * and sites are fetched through the outbound guard with its defaults, and a target is ours when
 * its origin is one of the configured sites (or, with none configured, when it has a thread).
 *
 * @example
 * const mentions = mountMentions(app, { service, clientIp });
 * await mentions.receiver.idle();
 */
import type { Context, Hono } from "hono";
import { type LatestPostOptions } from "../../net/feed-discovery.js";
import { PoliteFetcher } from "../../net/polite-fetcher.js";
import { CommenterPosts } from "../latest-post/commenter-posts.js";
import type { CommentService } from "../service.js";
import { guardedFetcher } from "./guarded-fetcher.js";
import { mentionsOf } from "./mention-store.js";
import { MentionsSection } from "./mentions-section.js";
import type { CheckTarget, TargetVerdict } from "./receiver.js";
import { createMentions, type Mentions, webmentionLinkTag } from "./routes.js";
import type { SourceFetcher } from "./verify-source.js";

/** Settings for mentions and latest posts, carried in the comment service's deps. */
export interface MentionsConfig {
  fetchSource?: SourceFetcher;
  checkTarget?: CheckTarget;
  /** Fetches commenters' sites (default: a PoliteFetcher, one request per host per second). */
  siteFetcher?: ConstructorParameters<typeof CommenterPosts>[0]["fetcher"];
  latestPostOptions?: Omit<LatestPostOptions, "now">;
  /** Least time between two fetches of one commenter site (default 12 h). */
  refreshMs?: number;
  rateLimit?: { burst: number; perMs: number };
  concurrency?: number;
  capacity?: number;
  /** Turn the latest-post line off. */
  latestPosts?: boolean;
}

export interface MentionDeps {
  mentions?: MentionsConfig;
}

export interface MountedMentions extends Mentions {
  posts: CommenterPosts | undefined;
}

export function mountMentions(
  app: Hono,
  ctx: { service: CommentService; clientIp: (c: Context) => string },
): MountedMentions {
  const { service } = ctx;
  const deps = service.deps as typeof service.deps & MentionDeps;
  const config = deps.mentions ?? {};
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = () => service.clock.now();
  const mentions = createMentions({
    store: service.store,
    fetchSource: config.fetchSource ?? guardedFetcher(),
    checkTarget: config.checkTarget ?? defaultCheckTarget(service),
    clientIp: ctx.clientIp,
    lock: service.lock,
    onChange: (page) => service.cache.invalidate(page),
    log,
    now,
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    ...(config.capacity ? { capacity: config.capacity } : {}),
  });
  app.route("/", mentions.app);
  mentions.receiver
    .resume()
    .catch((e) => log(`comments: resuming mention checks failed: ${String(e)}`));

  const posts =
    config.latestPosts === false
      ? undefined
      : new CommenterPosts({
          store: service.store,
          fetcher: config.siteFetcher ?? new PoliteFetcher(),
          lock: service.lock,
          onChange: (page) => service.cache.invalidate(page),
          log,
          now,
          ...(config.refreshMs ? { refreshMs: config.refreshMs } : {}),
          ...(config.latestPostOptions ? { latestPostOptions: config.latestPostOptions } : {}),
        });

  const saved = deps.onCommentSaved;
  const below = deps.belowComment;
  const after = deps.afterThread;
  if (posts) {
    deps.onCommentSaved = async (comment) => {
      posts.onCommentSaved(comment);
      await saved?.(comment);
    };
    deps.belowComment = async (comment) =>
      join(await below?.(comment), await posts.belowComment(comment));
  }
  deps.afterThread = async (page) => {
    const section = String(
      MentionsSection({ mentions: await mentionsOf(service.store.db, page) }) ?? "",
    );
    return join(await after?.(page), `${section}${webmentionLinkTag()}`);
  };
  const mounted = { ...mentions, posts };
  MOUNTED.set(service, mounted);
  return mounted;
}

const MOUNTED = new WeakMap<CommentService, MountedMentions>();

/** What `mountMentions` set up for a service (tests wait on its queues). */
export function mountedMentions(service: CommentService): MountedMentions | undefined {
  return MOUNTED.get(service);
}

/**
 * A target is ours when its origin is a configured site; with no sites configured, when the
 * page has a thread ("unknown page" when only its site has threads).
 */
function defaultCheckTarget(service: CommentService): CheckTarget {
  return async (target): Promise<TargetVerdict> => {
    const url = new URL(target);
    const origins = service.deps.config.origins;
    if (origins.length > 0) return origins.includes(url.origin) ? "ours" : "not ours";
    const db = service.store.db;
    const page = await db
      .selectFrom("comments")
      .select("id")
      .where("page", "=", target)
      .limit(1)
      .execute();
    if (page.length > 0) return "ours";
    const site = await db
      .selectFrom("comments")
      .select("id")
      .where("site", "=", url.host)
      .limit(1)
      .execute();
    return site.length > 0 ? "unknown page" : "not ours";
  };
}

function join(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a}${b}` : (a ?? b) || undefined;
}
