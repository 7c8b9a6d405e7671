/**
 * Rendered threads, kept per page until that page changes: a popular post's thread is read
 * from the database and rendered once, then served from memory (also gzip-compressed, for
 * clients that accept it). A render that started before an invalidation is not kept, so a
 * reader never sees a thread older than the last change once that change has returned.
 *
 * @example
 * const cache = new ThreadCache();
 * const entry = await cache.get(page, () => render(page));
 * cache.invalidate(page); // after a comment on it was approved, edited or deleted
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export interface RenderedThread {
  page: string;
  count: number;
  /** The thread's HTML fragment (no form). */
  html: string;
  /** The JSON the embed reads (`/api/thread`), as bytes, and gzip-compressed. */
  json: Uint8Array<ArrayBuffer>;
  jsonGzip: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The no-JavaScript page up to the form, as bytes (made on first need). */
  pageHead?: Uint8Array;
  /** The plain form (no reply, nothing typed yet) with a placeholder for its CSRF token. */
  formTemplate?: string;
}

/** Pages kept at most; the least recently rendered go first. */
const MAX_PAGES = 2000;

export class ThreadCache {
  private readonly entries = new Map<string, RenderedThread>();
  private readonly rendering = new Map<string, Promise<RenderedThread>>();
  private readonly generation = new Map<string, number>();

  async get(
    page: string,
    render: () => Promise<Omit<RenderedThread, "json" | "jsonGzip" | "etag"> & { body: object }>,
  ): Promise<RenderedThread> {
    const hit = this.entries.get(page);
    if (hit) return hit;
    const inFlight = this.rendering.get(page);
    if (inFlight) return inFlight;
    const started = this.generation.get(page) ?? 0;
    const job = render().then(({ body, ...rest }) => {
      const json = new TextEncoder().encode(JSON.stringify(body));
      const entry: RenderedThread = {
        ...rest,
        json,
        jsonGzip: new Uint8Array(gzipSync(json)),
        etag: `"${createHash("sha1").update(json).digest("base64url")}"`,
      };
      if ((this.generation.get(page) ?? 0) === started) {
        if (this.entries.size >= MAX_PAGES) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        this.entries.set(page, entry);
      }
      return entry;
    });
    this.rendering.set(page, job);
    try {
      return await job;
    } finally {
      if (this.rendering.get(page) === job) this.rendering.delete(page);
    }
  }

  /** Forget a page's rendering: the next read renders it again. */
  invalidate(page: string): void {
    this.generation.set(page, (this.generation.get(page) ?? 0) + 1);
    this.entries.delete(page);
    this.rendering.delete(page);
  }

  clear(): void {
    for (const page of [...this.entries.keys(), ...this.rendering.keys()]) this.invalidate(page);
  }
}
