/**
 * Bytes of a CSV file to text: the encoding is chosen once from the file's first bytes (a UTF-8
 * or UTF-16 byte order mark; else UTF-8 when those bytes are valid UTF-8; else windows-1252, the
 * usual legacy encoding of spreadsheet exports), then every chunk is decoded through iconv-lite
 * (Node 20's own windows-1252 decoder maps € and curly quotes wrongly). Line endings become
 * `\n` (CRLF and lone CR alike), so line numbers count the way an editor does and quoted
 * multi-line values read the same on every platform. A leading BOM is dropped.
 *
 * @example
 * const encoding = sniffEncoding(head); // "utf8" | "utf16le" | "utf16be" | "windows1252"
 * const text = new CsvTextDecoder(encoding);
 * text.write(chunk) + text.end(); // "Name,E-mail\n..."
 */
import iconv from "iconv-lite";

export type CsvEncoding = "utf8" | "utf16le" | "utf16be" | "windows1252";

/** The encoding of a file from its first bytes (up to 64 KiB is plenty). */
export function sniffEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf16be";
  return isUtf8(head) ? "utf8" : "windows1252";
}

/**
 * True when the bytes are valid UTF-8, allowing a sequence cut off at the very end (the head of
 * a longer file may stop mid-character).
 */
export function isUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return false;
    }
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true;
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return false;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Decodes chunk by chunk in one encoding, dropping a BOM and turning CRLF and CR into LF. */
export class CsvTextDecoder {
  private readonly decoder: iconv.DecoderStream;
  private pendingCr = false;
  private atStart = true;

  constructor(readonly encoding: CsvEncoding) {
    this.decoder = iconv.getDecoder(encoding, { stripBOM: true });
  }

  write(chunk: Buffer): string {
    return this.lines(this.decoder.write(chunk));
  }

  end(): string {
    const rest = this.lines(this.decoder.end() ?? "");
    return this.pendingCr ? `${rest}\n` : rest;
  }

  private lines(text: string): string {
    let t = text;
    if (this.atStart && t.length > 0) {
      this.atStart = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    if (this.pendingCr) {
      if (t.length === 0) return "";
      this.pendingCr = false;
      if (t.charCodeAt(0) === 10) t = t.slice(1);
      t = `\n${t}`;
    }
    if (t.indexOf("\r") === -1) return t;
    if (t.charCodeAt(t.length - 1) === 13) {
      this.pendingCr = true;
      t = t.slice(0, -1);
    }
    return t.replace(/\r\n?/g, "\n");
  }
}
