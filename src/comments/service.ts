/**
 * What the comment service does, apart from HTTP: posting (validation, moderation, the
 * honeypot), edits and deletions by the author within the edit window, the owner's moderation
 * and replies, rendered threads from the cache, counts and feeds. Every write goes through one
 * lock; every change that readers can see invalidates the page's cached thread; approved
 * comments go to the graph (`graph-sync.ts`) and to the notifier; `onCommentSaved` is called
 * after a comment is stored (never before, never blocking the answer).
 *
 * @example
 * const service = await CommentService.open({ store, config });
 * const { comment, editToken } = await service.post({ page, name: "Ada", body: "Hi", ip: "203.0.113.9" });
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Transporter } from "nodemailer";
import type { Store } from "../store/store.js";
import {
  approvedCount,
  type CommentRow,
  type CommentStatus,
  getComment,
  insertComment,
  knownEmail,
  latestApproved,
  setStatus,
  threadRows,
  updateBody,
} from "./comment-store.js";
import type { CommentConfig } from "./config.js";
import { atomFeed } from "./feed.js";
import { GraphSync } from "./graph-sync.js";
import { Mutex } from "./mutex.js";
import { Notifier } from "./notify.js";
import { normalizePage, type PageRef } from "./page-url.js";
import { countLinks, renderComment } from "./render-markdown.js";
import { serviceSecret } from "./settings.js";
import { buildThread, countApproved } from "./thread.js";
import { type RenderedThread, ThreadCache } from "./thread-cache.js";
import { formHtml, threadHtml } from "./views.js";

export interface Clock {
  now(): number;
}

export interface CommentDeps {
  store: Store;
  config: CommentConfig;
  clock?: Clock;
  /**
   * Called after a comment is stored (and again when the owner approves one), never for spam;
   * the answer to the poster does not wait for it. The mentions engineer schedules the
   * commenter's latest-post fetch here.
   */
  onCommentSaved?: (comment: CommentRow) => void | Promise<void>;
  /** Already safe HTML to show under a comment (its commenter's latest post). */
  belowComment?: (comment: CommentRow) => Promise<string | undefined> | string | undefined;
  /** Already safe HTML to show under a page's thread (mentions of the page). */
  afterThread?: (page: string) => Promise<string | undefined> | string | undefined;
  /** The rendered-thread cache; pass one to invalidate pages from outside (new mentions). */
  cache?: ThreadCache;
  /** A nodemailer transport instead of the configured SMTP (tests). */
  mailTransport?: Transporter;
  /** Where status lines go (stderr by default). */
  log?: (line: string) => void;
  /** Delay before approved comments are written to the graph, in ms (tests use 0 + flush). */
  graphDelayMs?: number;
  /**
   * After new people came in through comments, identity resolution and tie strength run again
   * after this long (ms, default 10 minutes): they read the whole graph, so not per comment.
   */
  graphSettleMs?: number;
}

/** A request the service refuses, with the HTTP status and a message safe to show. */
export class CommentError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 429,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "CommentError";
  }
}

export interface PostInput {
  page: string;
  title?: string;
  parent?: number;
  name: string;
  email?: string;
  url?: string;
  body: string;
  notify?: boolean;
  /** The honeypot field: people leave it empty. */
  honeypot?: string;
  ip: string;
}

export interface Posted {
  comment: CommentRow;
  editToken: string;
  editableUntil: number;
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;
const FEED_SIZE = 50;

export class CommentService {
  readonly cache: ThreadCache;
  readonly graph: GraphSync;
  readonly notifier: Notifier;
  readonly lock = new Mutex();
  readonly clock: Clock;
  private readonly log: (line: string) => void;

  private secret: Buffer | undefined;
  private loading: Promise<void> | undefined;

  constructor(readonly deps: CommentDeps) {
    this.clock = deps.clock ?? { now: () => Date.now() };
    this.cache = deps.cache ?? new ThreadCache();
    this.log = deps.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.graph = new GraphSync(deps.store, this.lock, {
      delayMs: deps.graphDelayMs,
      settleMs: deps.graphSettleMs ?? 10 * 60_000,
      onError: (e) => this.log(`comments: graph sync failed: ${(e as Error).message}`),
    });
    this.notifier = new Notifier(deps.config, this.log, deps.mailTransport);
  }

  static async open(deps: CommentDeps): Promise<CommentService> {
    const service = new CommentService(deps);
    await service.ready();
    return service;
  }

  /** Loads the service's secret (made on first start); call before `sign`. */
  ready(): Promise<void> {
    this.loading ??= serviceSecret(this.deps.store).then((secret) => {
      this.secret = secret;
    });
    return this.loading;
  }

  get config(): CommentConfig {
    return this.deps.config;
  }

  get store(): Store {
    return this.deps.store;
  }

  /** A keyed hash, for tokens tied to this service (CSRF) and for IP addresses at rest. */
  sign(value: string): string {
    if (!this.secret) throw new Error("CommentService.sign before ready()");
    return createHmac("sha256", this.secret).update(value).digest("base64url");
  }

  /** The page of a thread, if it is one this service serves. */
  page(raw: string | undefined | null): PageRef {
    const ref = normalizePage(raw);
    if (!ref) throw new CommentError(400, "page must be an http(s) URL", "page");
    const { origins } = this.config;
    if (origins.length > 0 && !origins.includes(ref.origin)) {
      throw new CommentError(403, "this comment service does not serve that site", "page");
    }
    return ref;
  }

  // --- posting -----------------------------------------------------------------------------

  async post(input: PostInput): Promise<Posted> {
    await this.ready();
    const page = this.page(input.page);
    const name = clean(input.name, 100, "name", true);
    const email = input.email?.trim() ? checkEmail(input.email) : null;
    const url = input.url?.trim() ? checkUrl(input.url) : null;
    const body = checkBody(input.body, this.config.maxCommentChars);
    const title = input.title?.trim() ? clean(input.title, 300, "title", false) : null;
    const now = this.clock.now();
    const html = renderComment(body);
    const token = randomBytes(24).toString("base64url");
    const saved = await this.lock.run(async () => {
      let parent: CommentRow | undefined;
      if (input.parent) {
        parent = await getComment(this.store, input.parent);
        if (!parent || parent.page !== page.page || parent.status !== "approved") {
          throw new CommentError(400, "the comment you reply to is not in this thread", "parent");
        }
      }
      const [status, reason] = await this.judge(input.honeypot, email, html);
      const id = await insertComment(this.store, {
        page: page.page,
        site: page.site,
        page_title: title,
        parent_id: parent?.id ?? null,
        author_name: name,
        email,
        url,
        body,
        html,
        status,
        status_reason: reason,
        created_at: now,
        edit_token_hash: hashToken(token),
        ip_hash: this.sign(`ip:${input.ip}`).slice(0, 22),
        notify: input.notify && email ? 1 : 0,
      });
      return { comment: (await getComment(this.store, id)) as CommentRow, parent };
    });
    this.afterChange(saved.comment, saved.parent, true);
    return {
      comment: saved.comment,
      editToken: token,
      editableUntil: now + this.config.editWindowMs,
    };
  }

  /** pending, approved or spam, and why. */
  private async judge(
    honeypot: string | undefined,
    email: string | null,
    html: string,
  ): Promise<[CommentStatus, string]> {
    if (honeypot?.trim()) return ["spam", "the hidden honeypot field was filled in"];
    const links = countLinks(html);
    if (links >= this.config.linksForModeration) {
      return ["pending", `${links} links: waits for approval`];
    }
    if (!email)
      return ["pending", "no e-mail address: an unknown person's comment waits for approval"];
    if (!(await knownEmail(this.store, email))) {
      return ["pending", "first comment from this e-mail address: waits for approval"];
    }
    return ["approved", "this e-mail address has approved comments before"];
  }

  // --- the author's edits --------------------------------------------------------------------

  /** The comment, if `token` is its edit token and the edit window is still open. */
  private async authorsOwn(id: number, token: string | undefined): Promise<CommentRow> {
    const c = await getComment(this.store, id);
    if (!c || c.status === "spam" || c.status === "deleted") {
      throw new CommentError(404, "no such comment");
    }
    if (!token || !c.edit_token_hash || !sameHash(hashToken(token), c.edit_token_hash)) {
      throw new CommentError(403, "only the browser that posted this comment can change it");
    }
    if (this.clock.now() > c.created_at + this.config.editWindowMs) {
      const minutes = Math.round(this.config.editWindowMs / 60_000);
      throw new CommentError(403, `comments can be changed for ${minutes} minutes after posting`);
    }
    return c;
  }

  async edit(id: number, token: string | undefined, rawBody: string): Promise<CommentRow> {
    const body = checkBody(rawBody, this.config.maxCommentChars);
    const html = renderComment(body);
    const edited = await this.lock.run(async () => {
      const c = await this.authorsOwn(id, token);
      const links = countLinks(html);
      const change: Parameters<typeof updateBody>[2] = { body, html, edited_at: this.clock.now() };
      if (c.status === "approved" && links >= this.config.linksForModeration && !c.is_owner) {
        change.status = "pending";
        change.status_reason = `edited to ${links} links: waits for approval`;
      }
      await updateBody(this.store, id, change);
      return (await getComment(this.store, id)) as CommentRow;
    });
    this.afterChange(edited, undefined, false);
    return edited;
  }

  async deleteByAuthor(id: number, token: string | undefined): Promise<void> {
    const c = await this.lock.run(async () => {
      const own = await this.authorsOwn(id, token);
      await setStatus(this.store, id, "deleted", "deleted by its author");
      return { ...own, status: "deleted" };
    });
    this.afterChange(c, undefined, false);
  }

  // --- the owner ------------------------------------------------------------------------------

  async moderate(id: number, action: "approve" | "spam" | "delete"): Promise<CommentRow> {
    const status: CommentStatus =
      action === "approve" ? "approved" : action === "spam" ? "spam" : "deleted";
    const result = await this.lock.run(async () => {
      const c = await getComment(this.store, id);
      if (!c) throw new CommentError(404, "no such comment");
      if (c.status === status) return { c, changed: false, parent: undefined };
      await setStatus(
        this.store,
        id,
        status,
        `${action === "delete" ? "deleted" : status === "spam" ? "marked as spam" : "approved"} by the owner`,
      );
      const parent = c.parent_id === null ? undefined : await getComment(this.store, c.parent_id);
      return { c: (await getComment(this.store, id)) as CommentRow, changed: true, parent };
    });
    if (result.changed) this.afterChange(result.c, result.parent, status === "approved");
    return result.c;
  }

  /** The owner answers a comment (approved, marked as the author's). */
  async ownerReply(parentId: number, rawBody: string): Promise<CommentRow> {
    const body = checkBody(rawBody, this.config.maxCommentChars);
    const html = renderComment(body);
    const saved = await this.lock.run(async () => {
      const parent = await getComment(this.store, parentId);
      if (!parent || parent.status === "spam") throw new CommentError(404, "no such comment");
      const id = await insertComment(this.store, {
        page: parent.page,
        site: parent.site,
        page_title: parent.page_title,
        parent_id: parent.id,
        author_name: this.config.ownerName,
        email: this.config.ownerEmail ?? null,
        url: null,
        body,
        html,
        status: "approved",
        status_reason: "written by the owner",
        is_owner: 1,
        created_at: this.clock.now(),
      });
      return { comment: (await getComment(this.store, id)) as CommentRow, parent };
    });
    this.afterChange(saved.comment, saved.parent, true);
    return saved.comment;
  }

  /** What follows every change: cache, graph, notifications, the saved hook. */
  private afterChange(c: CommentRow, parent: CommentRow | undefined, fresh: boolean): void {
    this.cache.invalidate(c.page);
    this.graph.enqueue(c.id);
    if (fresh && c.status === "approved") {
      const link = `${c.page}#c${c.id}`;
      const withParent = async () =>
        parent ?? (c.parent_id === null ? undefined : await getComment(this.store, c.parent_id));
      withParent()
        .then((p) => this.notifier.approved(c, p, link))
        .catch((e) => this.log(`comments: notification failed: ${(e as Error).message}`));
    }
    if (fresh && c.status !== "spam" && this.deps.onCommentSaved) {
      Promise.resolve()
        .then(() => this.deps.onCommentSaved?.(c))
        .catch((e) => this.log(`comments: onCommentSaved failed: ${(e as Error).message}`));
    }
  }

  // --- reading ------------------------------------------------------------------------------

  /** The page's rendered thread (from the cache when nothing changed). */
  async thread(page: PageRef): Promise<RenderedThread> {
    return this.cache.get(page.page, async () => {
      const rows = await threadRows(this.store, page.page);
      const nodes = buildThread(rows);
      const below = new Map<number, string>();
      if (this.deps.belowComment) {
        for (const c of rows) {
          if (c.status !== "approved") continue;
          const extra = await this.deps.belowComment(c);
          if (extra) below.set(c.id, extra);
        }
      }
      const after = (await this.deps.afterThread?.(page.page)) ?? undefined;
      const count = countApproved(nodes);
      const options = {
        page: page.page,
        ownerName: this.config.ownerName,
        editWindowMs: this.config.editWindowMs,
        below,
        after,
      };
      const html = threadHtml(nodes, count, options);
      const form = formHtml({ page: page.page, action: "thread" });
      return {
        page: page.page,
        count,
        html,
        body: { page: page.page, count, html, form, editWindowMs: this.config.editWindowMs },
      };
    });
  }

  async count(page: PageRef): Promise<number> {
    return approvedCount(this.store, page.page);
  }

  async feed(base: string, page?: PageRef): Promise<string> {
    const rows = await latestApproved(this.store, FEED_SIZE, page?.page);
    const self = `${base}/feed.atom${page ? `?page=${encodeURIComponent(page.page)}` : ""}`;
    const title = page
      ? `Comments on ${rows[0]?.page_title ?? page.page}`
      : `Comments (${this.config.ownerName})`;
    return atomFeed(rows, { self, title, ownerName: this.config.ownerName, base });
  }

  async close(): Promise<void> {
    await this.graph.close();
    this.notifier.close();
  }
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function clean(value: unknown, max: number, field: string, required: boolean): string {
  const s = typeof value === "string" ? value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim() : "";
  if (!s && required) throw new CommentError(400, `${field} is required`, field);
  if (s.length > max)
    throw new CommentError(400, `${field} is longer than ${max} characters`, field);
  return s;
}

function checkEmail(value: string): string {
  const s = value.trim().toLowerCase();
  if (s.length > 254 || !EMAIL.test(s)) {
    throw new CommentError(400, "email is not an e-mail address", "email");
  }
  return s;
}

function checkUrl(value: string): string {
  let s = value.trim();
  if (s.length > 500) throw new CommentError(400, "url is longer than 500 characters", "url");
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) s = `https://${s}`;
  try {
    const u = new URL(s);
    if (
      (u.protocol === "http:" || u.protocol === "https:") &&
      u.hostname &&
      !u.username &&
      !u.password
    ) {
      return u.toString();
    }
  } catch {
    // falls through to the error
  }
  throw new CommentError(400, "url must be an http(s) address of your site", "url");
}

function checkBody(value: unknown, max: number): string {
  const s = typeof value === "string" ? value.replace(/\r\n?/g, "\n").trim() : "";
  if (!s) throw new CommentError(400, "the comment is empty", "body");
  if (s.length > max)
    throw new CommentError(400, `the comment is longer than ${max} characters`, "body");
  return s;
}
