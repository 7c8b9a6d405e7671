/**
 * The mention receiver behind `/webmention` and `/xmlrpc`: checks a request, records it, and
 * verifies the source in the background through a bounded queue (at most `concurrency`
 * fetches at once, at most `capacity` waiting); applies what verification found — a new or
 * updated mention shown on the page and written into the owner's graph, a deletion, or a
 * rejection with its reason. Requests left unverified by a stop are picked up by `resume()`.
 *
 * @example
 * const receiver = new MentionReceiver({ store, fetchSource, checkTarget });
 * const r = await receiver.receive(source, target, "webmention"); // { ok: true, id, queued: true }
 * await receiver.idle();
 */
import type { Store } from "../../store/store.js";
import { forgetMention, recordMention } from "./mention-graph.js";
import {
  getMention,
  type Protocol,
  requestMention,
  saveUnconfirmed,
  saveVerified,
  uncheckedMentions,
} from "./mention-store.js";
import { checkMentionRequest, type MentionProblem } from "./validate.js";
import { type SourceFetcher, type Verdict, verifySource } from "./verify-source.js";
import { WorkQueue } from "./work-queue.js";

/** Whether a target is a page this service takes mentions for. */
export type TargetVerdict = "ours" | "unknown page" | "not ours";
export type CheckTarget = (target: string) => TargetVerdict | Promise<TargetVerdict>;

export interface ReceiverOptions {
  store: Store;
  fetchSource: SourceFetcher;
  checkTarget: CheckTarget;
  /** Verifications running at once. */
  concurrency?: number;
  /** Verifications waiting at most; beyond it requests are turned away (503). */
  capacity?: number;
  /** Where problems are reported (verification failures, graph write errors). */
  log?: (message: string) => void;
  /**
   * The comment service's write lock: on SQLite all requests share one connection, so every
   * write (and the graph writer's transaction) runs under it. Default: none.
   */
  lock?: { run<T>(fn: () => Promise<T>): Promise<T> };
  /** Called after what a page shows changed (a mention verified or deleted): clear caches. */
  onChange?: (target: string) => void;
}

export interface Refusal {
  ok: false;
  problem: MentionProblem | "unknown page" | "busy";
  message: string;
}

export type ReceiveResult = { ok: true; id: number; existed: boolean } | Refusal;

export class MentionReceiver {
  readonly queue: WorkQueue;
  private readonly log: (message: string) => void;

  constructor(private readonly options: ReceiverOptions) {
    this.log = options.log ?? ((m) => console.error(m));
    this.queue = new WorkQueue({
      concurrency: options.concurrency ?? 2,
      capacity: options.capacity ?? 1000,
      onError: (key, error) => this.log(`mention ${key}: verification failed: ${String(error)}`),
    });
  }

  /** The synchronous checks; the target's verdict distinguishes an unknown page of ours. */
  async check(
    source: string | undefined,
    target: string | undefined,
  ): Promise<Refusal | { ok: true; source: string; target: string }> {
    let verdict = "not ours" as TargetVerdict;
    const checked = await checkMentionRequest(source, target, async (t) => {
      verdict = await this.options.checkTarget(t);
      return verdict === "ours";
    });
    if (checked.ok) return checked;
    if (checked.problem === "target not ours" && verdict === "unknown page") {
      return {
        ok: false,
        problem: "unknown page",
        message: "the target is not a page on this site",
      };
    }
    return checked;
  }

  /** Check, record and queue a mention for verification. */
  async receive(
    source: string | undefined,
    target: string | undefined,
    protocol: Protocol,
  ): Promise<ReceiveResult> {
    const checked = await this.check(source, target);
    if (!("source" in checked)) return checked;
    if (this.queue.size >= (this.options.capacity ?? 1000)) {
      return {
        ok: false,
        problem: "busy",
        message: "too many mentions are waiting; try again later",
      };
    }
    const req = await this.locked(() =>
      requestMention(this.options.store.db, {
        source: checked.source,
        target: checked.target,
        protocol,
      }),
    );
    this.enqueue(req.id);
    return { ok: true, id: req.id, existed: req.existed };
  }

  /**
   * Record an already checked request without queueing it (Pingback verifies it through
   * `verifyQueued` and waits); "busy" when the queue is full.
   */
  async receiveWithoutQueue(
    source: string,
    target: string,
    protocol: Protocol,
  ): Promise<number | "busy"> {
    if (this.queue.size >= (this.options.capacity ?? 1000)) return "busy";
    const req = await this.locked(() =>
      requestMention(this.options.store.db, { source, target, protocol }),
    );
    return req.id;
  }

  /** Verify one recorded mention now and apply the verdict (used by the queue and by Pingback). */
  async verify(id: number): Promise<Verdict | undefined> {
    const { store } = this.options;
    const row = await getMention(store.db, id);
    if (!row) return undefined;
    const verdict = await verifySource(this.options.fetchSource, row.source, row.target);
    await this.locked(async () => {
      if (verdict.kind === "verified") {
        await saveVerified(store.db, id, verdict.fields);
        const saved = await getMention(store.db, id);
        if (saved) await this.intoGraph(() => recordMention(store, saved));
      } else {
        const status = await saveUnconfirmed(store.db, id, {
          gone: verdict.kind === "gone",
          reason: verdict.reason,
        });
        if (status === "deleted") await this.intoGraph(() => forgetMention(store, row));
      }
    });
    if (verdict.kind === "unreadable")
      this.log(`mention ${row.source} -> ${row.target}: ${verdict.reason}`);
    this.options.onChange?.(row.target);
    return verdict;
  }

  /**
   * Verify one recorded mention through the queue and wait for the verdict (Pingback answers
   * with it); "busy" when the queue is full or the same mention is already waiting.
   */
  verifyQueued(id: number): Promise<Verdict | undefined | "busy"> {
    return new Promise((resolve, reject) => {
      const pushed = this.queue.push(String(id), async () => {
        try {
          resolve(await this.verify(id));
        } catch (error) {
          reject(error);
        }
      });
      if (pushed !== "queued") resolve("busy");
    });
  }

  /** Queue mentions a previous run left unverified. Returns how many were queued. */
  async resume(): Promise<number> {
    const rows = await uncheckedMentions(this.options.store.db, this.options.capacity ?? 1000);
    for (const row of rows) this.enqueue(Number(row.id));
    return rows.length;
  }

  /** Resolves when no verification waits or runs. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private enqueue(id: number): void {
    this.queue.push(String(id), async () => {
      await this.verify(id);
    });
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return this.options.lock ? this.options.lock.run(fn) : fn();
  }

  private async intoGraph(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.log(`mention: could not update the graph: ${String(error)}`);
    }
  }
}
