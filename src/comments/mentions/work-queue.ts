/**
 * A small bounded work queue for background verification: at most `concurrency` jobs run at
 * once, at most `capacity` wait, and a job whose key is already waiting is merged into it (the
 * same source and target sent twice is verified once). A full queue refuses new work instead of
 * growing without bound, so a flood of requests costs memory only up to the cap.
 *
 * @example
 * const queue = new WorkQueue({ concurrency: 2, capacity: 1000 });
 * queue.push("src→target", async () => verify(...)); // "queued" | "merged" | "full"
 * await queue.idle();
 */

export interface WorkQueueOptions {
  concurrency: number;
  capacity: number;
  /** Called with a job's error; the queue carries on. */
  onError?: (key: string, error: unknown) => void;
}

export type PushResult = "queued" | "merged" | "full";

export class WorkQueue {
  private readonly waiting = new Map<string, () => Promise<void>>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WorkQueueOptions) {}

  /** Jobs waiting (not yet started). */
  get size(): number {
    return this.waiting.size;
  }

  get active(): number {
    return this.running;
  }

  push(key: string, job: () => Promise<void>): PushResult {
    if (this.waiting.has(key)) return "merged";
    if (this.waiting.size >= this.options.capacity) return "full";
    this.waiting.set(key, job);
    this.pump();
    return "queued";
  }

  /** Resolves when nothing waits and nothing runs. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.size > 0) {
      const [key, job] = this.waiting.entries().next().value as [string, () => Promise<void>];
      this.waiting.delete(key);
      this.running++;
      // Start on a later tick: the request that queued the job answers first.
      setImmediate(() => {
        job()
          .catch((error: unknown) => this.options.onError?.(key, error))
          .finally(() => {
            this.running--;
            this.pump();
            if (this.running === 0 && this.waiting.size === 0) {
              for (const resolve of this.idleWaiters.splice(0)) resolve();
            }
          });
      });
    }
  }
}
