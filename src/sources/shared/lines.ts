/**
 * Line numbers for character offsets in a stream read chunk by chunk, without keeping old text:
 * newlines are counted once, as the queried offsets move forward through the current chunk.
 * It also returns the text of a short span just read (a tag name for an error message).
 *
 * @example
 * const lines = new LineCounter();
 * lines.feed("a\nb");
 * lines.lineAt(2); // 2
 */
/** How much text before the current chunk is kept for `textBetween`. */
const TAIL = 256;

export class LineCounter {
  private chunk = "";
  private tail = "";
  private chunkStart = 0;
  private chunkLine = 1;
  /** Newlines before `scanned` (in the current chunk) have been counted into `line`. */
  private scanned = 0;
  private line = 1;
  /** Index of the first newline at or after `scanned`: -1 none, -2 not searched yet. */
  private next = -2;

  /** Starts the next chunk; call before the parser sees it. */
  feed(chunk: string): void {
    this.advance(this.chunk.length);
    this.tail =
      this.chunk.length >= TAIL ? this.chunk.slice(-TAIL) : (this.tail + this.chunk).slice(-TAIL);
    this.chunkStart += this.chunk.length;
    this.chunk = chunk;
    this.chunkLine = this.line;
    this.scanned = 0;
    this.next = -2;
  }

  /**
   * The 1-based line of the character at `offset`. Offsets before the current chunk get the line
   * the chunk starts on, which is exact for a tag name that began in an earlier chunk.
   */
  lineAt(offset: number): number {
    const rel = offset - this.chunkStart;
    if (rel <= 0) return this.chunkLine;
    if (rel < this.scanned) {
      this.scanned = 0;
      this.line = this.chunkLine;
      this.next = -2;
    }
    this.advance(rel < this.chunk.length ? rel : this.chunk.length);
    return this.line;
  }

  /** The text in `[start, end)` if it lies in the current chunk or just before it. */
  textBetween(start: number, end: number): string | undefined {
    const from = this.chunkStart - this.tail.length;
    if (start < from || end > this.chunkStart + this.chunk.length) return undefined;
    const text = this.tail + this.chunk.slice(0, Math.max(0, end - this.chunkStart));
    return text.slice(start - from, end - from);
  }

  /** The line of the last character fed so far. */
  lastLine(): number {
    return this.lineAt(this.chunkStart + this.chunk.length - 1);
  }

  private advance(to: number): void {
    if (to <= this.scanned) return;
    let i = this.next === -2 ? this.chunk.indexOf("\n", this.scanned) : this.next;
    while (i !== -1 && i < to) {
      this.line++;
      i = this.chunk.indexOf("\n", i + 1);
    }
    this.next = i;
    this.scanned = to;
  }
}
