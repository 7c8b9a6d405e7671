/**
 * Content lines (RFC 6350 §3.2, RFC 5545 §3.1) from a byte stream read chunk by chunk: physical
 * lines are split at LF (a CR before it dropped), folded lines unfolded (a line that starts
 * with a space or tab continues the previous one, minus that one character), blank lines
 * dropped, and — for vCard 2.1 — quoted-printable soft line breaks joined (a value encoded as
 * QUOTED-PRINTABLE that ends in `=` continues on the next line, whatever that line starts with).
 *
 * Lines are kept as "binary" strings (one char per byte, latin1) because a vCard 2.1 property
 * may name its own CHARSET: bytes are decoded per property value later (`decode.ts`). ASCII
 * syntax (`BEGIN:`, `;`, `:`) is unaffected, since UTF-8 multi-byte sequences never contain
 * ASCII bytes. A UTF-8 byte-order mark at the start is dropped.
 *
 * @example
 * const reader = new ContentLineReader({ quotedPrintable: true });
 * reader.push(Buffer.from("FN:Ada\r\nNOTE:long\r\n  line\r\n"));
 * reader.end(); // [{ text: "FN:Ada", line: 1 }, { text: "NOTE:long line", line: 2 }]
 */
export interface ContentLine {
  /** The unfolded line, one char per byte. */
  text: string;
  /** 1-based physical line where it starts. */
  line: number;
}

export interface ContentLineOptions {
  /** Join vCard 2.1 quoted-printable soft line breaks. */
  quotedPrintable: boolean;
}

const QP_PARAMS = /^[^:]*QUOTED-PRINTABLE/i;

export class ContentLineReader {
  /** The physical line not yet ended by a newline. */
  private partial = "";
  private physical = 0;
  private pending: ContentLine | undefined;
  /** The pending line is quoted-printable: a trailing `=` is a soft line break. */
  private pendingQp = false;
  private atStart = true;

  constructor(private readonly options: ContentLineOptions) {}

  /** Feeds the next chunk; returns the logical lines it completed. */
  push(chunk: Buffer): ContentLine[] {
    let text = chunk.toString("latin1");
    if (this.atStart && text.length > 0) {
      this.partial += text;
      if (this.partial.length < 3 && "\xEF\xBB\xBF".startsWith(this.partial)) return [];
      text = this.partial.startsWith("\xEF\xBB\xBF") ? this.partial.slice(3) : this.partial;
      this.partial = "";
      this.atStart = false;
    }
    const out: ContentLine[] = [];
    let from = 0;
    let nl = text.indexOf("\n");
    while (nl !== -1) {
      const piece = text.slice(from, nl);
      const line = this.partial.length > 0 ? this.partial + piece : piece;
      this.partial = "";
      this.physicalLine(line.endsWith("\r") ? line.slice(0, -1) : line, out);
      from = nl + 1;
      nl = text.indexOf("\n", from);
    }
    if (from < text.length) this.partial += text.slice(from);
    return out;
  }

  /** Ends the stream; returns the last logical lines. */
  end(): ContentLine[] {
    const out: ContentLine[] = [];
    if (this.atStart && this.partial.startsWith("\xEF\xBB\xBF")) this.partial = "";
    if (this.partial.length > 0) {
      const line = this.partial;
      this.partial = "";
      this.physicalLine(line.endsWith("\r") ? line.slice(0, -1) : line, out);
    }
    this.flush(out);
    return out;
  }

  /** The number of physical lines read so far. */
  get lines(): number {
    return this.physical;
  }

  private physicalLine(line: string, out: ContentLine[]): void {
    this.physical++;
    const pending = this.pending;
    if (pending && this.pendingQp && pending.text.endsWith("=")) {
      pending.text = pending.text.slice(0, -1) + line;
      return;
    }
    if (pending && (line.startsWith(" ") || line.startsWith("\t"))) {
      pending.text += line.slice(1);
      return;
    }
    this.flush(out);
    if (line.trim().length === 0) return;
    this.pending = { text: line, line: this.physical };
    this.pendingQp = this.options.quotedPrintable && QP_PARAMS.test(line);
  }

  private flush(out: ContentLine[]): void {
    if (this.pending) out.push(this.pending);
    this.pending = undefined;
    this.pendingQp = false;
  }
}
