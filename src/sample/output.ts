/**
 * Streaming output for the sample writers: a file written in ~1 MiB chunks with
 * `fs.writeSync` (bounded memory whatever the file size, byte count kept), XML escaping and
 * CDATA that can hold any text, and the date formats WordPress exports use.
 *
 * @example
 * const out = new ChunkedFile("/tmp/x.xml");
 * try { out.write(`<a>${cdata("x ]]> y")}</a>\n`); } finally { out.close(); }
 * out.bytes; // bytes on disk
 */
import fs from "node:fs";

export class ChunkedFile {
  /** Bytes written so far (flushed). */
  bytes = 0;
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly chunkChars = 1 << 20,
  ) {
    this.fd = fs.openSync(path, "w");
  }

  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= this.chunkChars) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    this.parts = [];
    this.pending = 0;
    let offset = 0;
    while (offset < buf.length) offset += fs.writeSync(this.fd, buf, offset);
    this.bytes += buf.length;
  }

  /** Writes raw bytes (e.g. text in a legacy charset), after everything written before. */
  writeBytes(buf: Buffer): void {
    this.flush();
    let offset = 0;
    while (offset < buf.length) offset += fs.writeSync(this.fd, buf, offset);
    this.bytes += buf.length;
  }

  /** Flushes and closes; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}

// Characters XML 1.0 does not allow anywhere, not even in CDATA.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A CDATA section holding `text` exactly; a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  let body = text;
  if (INVALID_XML.test(body)) body = body.replace(INVALID_XML, "");
  INVALID_XML.lastIndex = 0;
  if (body.includes("]]>")) body = body.replaceAll("]]>", "]]]]><![CDATA[>");
  return `<![CDATA[${body}]]>`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/** Escapes text for element content and double-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch).replace(INVALID_XML, "");
}

/** `YYYY-MM-DD HH:MM:SS`, as MySQL and WXR write dates. */
export function mysqlDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 822 date in UTC, as RSS `pubDate` carries it: `Tue, 18 Jan 2011 08:06:21 +0000`. */
export function rfc822(ms: number): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  const day = iso.slice(8, 10);
  return `${WEEKDAYS[d.getUTCDay()]}, ${day} ${MONTHS[d.getUTCMonth()]} ${iso.slice(0, 4)} ${iso.slice(11, 19)} +0000`;
}

const dstCache = new Map<number, readonly [number, number]>();

/** UK/EU summer time: last Sunday of March to last Sunday of October, both at 01:00 UTC. */
function summerTime(year: number): readonly [number, number] {
  let bounds = dstCache.get(year);
  if (!bounds) {
    bounds = [lastSunday(year, 2), lastSunday(year, 9)];
    dstCache.set(year, bounds);
  }
  return bounds;
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/** Local wall-clock time in Europe/London (the owner's blog setting), as epoch ms. */
export function londonTime(ms: number): number {
  const [start, end] = summerTime(new Date(ms).getUTCFullYear());
  return ms >= start && ms < end ? ms + 3_600_000 : ms;
}
