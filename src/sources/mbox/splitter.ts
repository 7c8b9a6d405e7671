/**
 * A streaming mbox splitter: bytes in, one message's bytes out at a time, never the whole file.
 *
 * A message starts at a `From ` separator line. Because mboxo files leave `From ` lines inside
 * bodies unescaped ("From Russia with love"), a line only separates messages when it looks like a
 * real separator — `From <sender>` alone or followed by a date with a time and a year
 * (`From - Mon Jun  3 12:50:27 1996`, Gmail's `From 1844…@xxx`) — and the next line is a header.
 * When a message declares a `Content-Length:` that is consistent (its body ends exactly where a
 * `From ` line, possibly after one blank line, or the file ends), separator-like lines inside that
 * body are body text; an inconsistent Content-Length is ignored. mboxrd escapes (`>From `,
 * `>>From `) lose one `>` in bodies. A leading UTF-8 BOM is skipped; LF and CRLF both work.
 *
 * Offsets follow MimeKit's convention: a message runs from its first header byte to just before
 * the line ending that precedes the next `From ` line (to the end of the file for the last one).
 * Only the first `keepBytes` bytes of each message are kept (headers and the first text part are
 * all an importer needs); `truncated` says when more were dropped.
 *
 * @example
 * const splitter = new MboxSplitter();
 * for await (const chunk of stream) for (const m of splitter.push(chunk)) console.log(m.ordinal);
 * for (const m of splitter.end()) console.log(m.ordinal);
 */

export interface MboxMessage {
  /** 1-based position in the file. */
  ordinal: number;
  /** The `From ` separator line, without its line ending. */
  separator: string;
  /** Byte offset of the `From ` line (after a BOM). */
  markerOffset: number;
  /** 1-based line number of the `From ` line. */
  line: number;
  /** Byte offset of the message's first header. */
  start: number;
  /** Byte offset just past the message (see the module comment). */
  end: number;
  /** The message, at most `keepBytes` of it, mboxrd escapes removed. */
  bytes: Buffer;
  /** True when the message was longer than `keepBytes`. */
  truncated: boolean;
}

/** A file that does not start like an mbox. */
export class MboxFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "MboxFormatError";
  }
}

export interface SplitterOptions {
  /** Bytes kept per message; the rest is counted but dropped. Default 32 KiB. */
  keepBytes?: number;
}

interface Line {
  bytes: Buffer;
  offset: number;
  line: number;
}

interface Draft {
  ordinal: number;
  separator: string;
  markerOffset: number;
  line: number;
  start: number;
  /** Offset just past the last line appended. */
  endOffset: number;
  /** Length of the last appended line's line ending. */
  lastEol: number;
  parts: Buffer[];
  kept: number;
  truncated: boolean;
  inHeaders: boolean;
  /** The Content-Length header's value, while the headers are read. */
  contentLength: number | undefined;
  /** Where the body ends if its Content-Length is right; cleared once decided. */
  expectedEnd: number | undefined;
}

/** Lines held back after a separator inside a Content-Length body, until it is decided. */
interface Tentative {
  lines: Line[];
  /** A blank line started exactly where the body should end: the next line decides. */
  blankAtEnd: boolean;
}

export const DEFAULT_KEEP_BYTES = 32 * 1024;

export class MboxSplitter {
  private readonly keepBytes: number;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private offset = 0;
  private lineNo = 1;
  private ordinal = 0;
  private held: Line | undefined;
  private draft: Draft | undefined;
  private tentative: Tentative | undefined;
  private out: MboxMessage[] = [];

  constructor(options: SplitterOptions = {}) {
    this.keepBytes = options.keepBytes ?? DEFAULT_KEEP_BYTES;
  }

  /** Feeds the next bytes; returns the messages they completed. */
  push(chunk: Buffer): MboxMessage[] {
    let from = 0;
    // A run of body lines that need no look (not `From `, not `>From `) is kept in one piece.
    let runStart = -1;
    let runLines = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl === -1) break;
      if (this.pendingLength === 0 && this.inPlainBody()) {
        const first = chunk[from];
        if (first !== 0x46 && first !== 0x3e) {
          if (runStart < 0) runStart = from;
          runLines++;
          from = nl + 1;
          continue;
        }
      }
      if (runStart >= 0) {
        this.appendRun(chunk.subarray(runStart, from), runLines);
        runStart = -1;
        runLines = 0;
      }
      let bytes = chunk.subarray(from, nl + 1);
      if (this.pendingLength > 0) {
        const total = this.pendingLength + bytes.length;
        this.pending.push(bytes);
        bytes = Buffer.concat(this.pending, total);
        this.pending = [];
        this.pendingLength = 0;
      }
      this.emit(bytes);
      from = nl + 1;
    }
    if (runStart >= 0) this.appendRun(chunk.subarray(runStart, from), runLines);
    if (from < chunk.length) {
      this.pending.push(chunk.subarray(from));
      this.pendingLength += chunk.length - from;
    }
    return this.take();
  }

  /** Ends the input; returns the last messages. */
  end(): MboxMessage[] {
    if (this.pendingLength > 0) {
      const bytes = Buffer.concat(this.pending, this.pendingLength);
      this.pending = [];
      this.pendingLength = 0;
      this.emit(bytes);
    }
    while (this.tentative) this.decide(this.consistentAtEof(this.tentative), []);
    const held = this.held;
    this.held = undefined;
    if (held) {
      if (this.draft) this.append(this.draft, held);
      else this.open(held);
    }
    if (this.draft) this.finish(this.draft, false);
    this.draft = undefined;
    return this.take();
  }

  private take(): MboxMessage[] {
    const out = this.out;
    if (out.length > 0) this.out = [];
    return out;
  }

  private emit(raw: Buffer): void {
    let bytes = raw;
    let offset = this.offset;
    if (this.lineNo === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) {
      bytes = raw.subarray(3);
      offset += 3;
    }
    const line: Line = { bytes, offset, line: this.lineNo };
    this.offset += raw.length;
    this.lineNo++;
    this.line(line);
  }

  private line(l: Line): void {
    if (this.tentative) {
      this.tentativeLine(this.tentative, l);
      return;
    }
    const held = this.held;
    if (held) {
      this.held = undefined;
      const draft = this.draft;
      if (isHeaderLine(l.bytes)) {
        if (draft?.expectedEnd !== undefined && held.offset < draft.expectedEnd) {
          this.tentative = { lines: [held], blankAtEnd: false };
          this.tentativeLine(this.tentative, l);
          return;
        }
        this.open(held);
      } else if (draft) {
        this.append(draft, held);
      }
    }
    const draft = this.draft;
    if (!draft) {
      if (isBlank(l.bytes)) return;
      if (!startsWithFrom(l.bytes)) {
        throw new MboxFormatError(
          l.line,
          "not an mbox file: it does not start with a `From ` line",
        );
      }
      this.open(l);
      return;
    }
    if (isSeparatorLine(l.bytes)) {
      this.held = l;
      return;
    }
    this.append(draft, l);
  }

  private tentativeLine(t: Tentative, l: Line): void {
    const end = this.draft?.expectedEnd ?? 0;
    if (t.blankAtEnd) {
      this.decide(startsWithFrom(l.bytes), [l]);
      return;
    }
    if (l.offset < end) {
      t.lines.push(l);
      return;
    }
    const onBoundary = l.offset === end || contentEnd(t.lines[t.lines.length - 1]) === end;
    if (onBoundary && isBlank(l.bytes)) {
      t.lines.push(l);
      t.blankAtEnd = true;
      return;
    }
    this.decide(onBoundary && startsWithFrom(l.bytes), [l]);
  }

  private consistentAtEof(t: Tentative): boolean {
    const end = this.draft?.expectedEnd;
    return t.blankAtEnd || this.offset === end || contentEnd(t.lines[t.lines.length - 1]) === end;
  }

  /**
   * Settles a Content-Length: if it was right, the held-back lines are body; if not, they are
   * read again as ordinary lines (the separator among them then starts a message).
   */
  private decide(consistent: boolean, rest: Line[]): void {
    const t = this.tentative;
    const draft = this.draft;
    if (!t || !draft) return;
    this.tentative = undefined;
    draft.expectedEnd = undefined;
    if (consistent) {
      for (const l of t.lines) this.append(draft, l);
    } else {
      for (const l of t.lines) this.line(l);
    }
    for (const l of rest) this.line(l);
  }

  private open(separator: Line): void {
    if (this.draft) this.finish(this.draft, true);
    const next = separator.offset + separator.bytes.length;
    this.draft = {
      ordinal: ++this.ordinal,
      separator: separator.bytes.toString("latin1").replace(/\r?\n$/, ""),
      markerOffset: separator.offset,
      line: separator.line,
      start: next,
      endOffset: next,
      lastEol: 0,
      parts: [],
      kept: 0,
      truncated: false,
      inHeaders: true,
      contentLength: undefined,
      expectedEnd: undefined,
    };
  }

  private append(draft: Draft, l: Line): void {
    let bytes = l.bytes;
    draft.endOffset = l.offset + bytes.length;
    draft.lastEol = eolLength(bytes);
    if (draft.inHeaders) {
      if (isBlank(bytes)) {
        draft.inHeaders = false;
        if (draft.contentLength !== undefined) {
          draft.expectedEnd = draft.endOffset + draft.contentLength;
        }
      } else if (bytes[0] === 0x43 || bytes[0] === 0x63) {
        const m = CONTENT_LENGTH.exec(bytes.toString("latin1"));
        if (m?.[1]) draft.contentLength = Number(m[1]);
      }
    } else if (bytes[0] === 0x3e && isEscapedFrom(bytes)) {
      bytes = bytes.subarray(1);
    }
    this.keep(draft, bytes);
  }

  private inPlainBody(): boolean {
    const draft = this.draft;
    return draft !== undefined && !draft.inHeaders && !this.held && !this.tentative;
  }

  /** Appends whole body lines that need no look. */
  private appendRun(bytes: Buffer, lines: number): void {
    const draft = this.draft;
    if (!draft) return;
    this.offset += bytes.length;
    this.lineNo += lines;
    draft.endOffset = this.offset;
    draft.lastEol = eolLength(bytes);
    this.keep(draft, bytes);
  }

  private keep(draft: Draft, all: Buffer): void {
    if (draft.truncated) return;
    let bytes = all;
    if (draft.kept + bytes.length > this.keepBytes) {
      bytes = bytes.subarray(0, this.keepBytes - draft.kept);
      draft.truncated = true;
    }
    const last = draft.parts[draft.parts.length - 1];
    if (
      last &&
      last.buffer === bytes.buffer &&
      last.byteOffset + last.length === bytes.byteOffset
    ) {
      draft.parts[draft.parts.length - 1] = Buffer.from(
        last.buffer,
        last.byteOffset,
        last.length + bytes.length,
      );
    } else {
      draft.parts.push(bytes);
    }
    draft.kept += bytes.length;
  }

  private finish(draft: Draft, bySeparator: boolean): void {
    const trim = bySeparator ? draft.lastEol : 0;
    let bytes = Buffer.concat(draft.parts, draft.kept);
    if (!draft.truncated && trim > 0) bytes = bytes.subarray(0, Math.max(0, bytes.length - trim));
    this.out.push({
      ordinal: draft.ordinal,
      separator: draft.separator,
      markerOffset: draft.markerOffset,
      line: draft.line,
      start: draft.start,
      end: Math.max(draft.start, draft.endOffset - trim),
      bytes,
      truncated: draft.truncated,
    });
  }
}

const CONTENT_LENGTH = /^content-length:[ \t]*(\d{1,12})[ \t]*\r?\n$/i;
const SEPARATOR = /^From (\S*)(?:[ \t]+(.*?))?[ \t]*\r?\n?$/;
const HEADER = /^[!-9;-~]+[ \t]*:/;
const ESCAPED_FROM = /^>+From /;

export function startsWithFrom(b: Buffer): boolean {
  return b[0] === 0x46 && b[1] === 0x72 && b[2] === 0x6f && b[3] === 0x6d && b[4] === 0x20;
}

/**
 * A `From ` line that can separate messages: `From <sender>` alone, or followed by something
 * with a time (`12:50`) and a four-digit year.
 */
export function isSeparatorLine(b: Buffer): boolean {
  if (!startsWithFrom(b) || b.length > 1000) return false;
  const m = SEPARATOR.exec(b.toString("latin1"));
  if (!m) return false;
  const rest = m[2];
  return !rest || (/\d{1,2}:\d{2}/.test(rest) && /(?:^|\D)\d{4}(?:\D|$)/.test(rest));
}

/** `Name: value` (RFC 5322 field name: printable ASCII without `:`). */
export function isHeaderLine(b: Buffer): boolean {
  const first = b[0];
  if (first === undefined || first <= 0x20 || first >= 0x7f) return false;
  return HEADER.test(b.subarray(0, 200).toString("latin1"));
}

function isBlank(b: Buffer): boolean {
  if (b.length === 0) return true;
  return b.length === 1 ? b[0] === 10 : b.length === 2 && b[0] === 13 && b[1] === 10;
}

function isEscapedFrom(b: Buffer): boolean {
  return ESCAPED_FROM.test(b.subarray(0, 80).toString("latin1"));
}

function eolLength(b: Buffer): number {
  if (b[b.length - 1] !== 10) return 0;
  return b[b.length - 2] === 13 ? 2 : 1;
}

function contentEnd(l: Line | undefined): number {
  return l ? l.offset + l.bytes.length - eolLength(l.bytes) : -1;
}
