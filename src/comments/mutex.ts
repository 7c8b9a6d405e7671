/**
 * One-at-a-time for the comment service's writes. On SQLite all requests share one
 * connection, and a transaction (the graph writer's) must not take in another request's
 * statements; running every write through this lock keeps them apart.
 *
 * @example
 * const lock = new Mutex();
 * await lock.run(async () => insertComment(store, row));
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
