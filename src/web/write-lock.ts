/**
 * One writer at a time: the store's SQLite connection runs one transaction at a time, so every
 * change the web app makes (an import, a merge, a pin, a note, recomputing stale ties) waits
 * its turn here. Reads never wait; while a long import holds the lock, pages show the ties as
 * last computed rather than block.
 *
 * @example
 * const lock = new WriteLock();
 * await lock.run(() => setFlags(store.conn, 12, { pinned: true }));
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  private holders = 0;

  get busy(): boolean {
    return this.holders > 0;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.holders++;
    const result = this.tail.then(fn, fn);
    this.tail = result.then(
      () => this.holders--,
      () => this.holders--,
    );
    return result;
  }
}
