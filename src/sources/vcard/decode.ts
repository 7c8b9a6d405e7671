/**
 * Bytes of a property value to text: quoted-printable undone (`=C3=A9` → bytes), then the
 * bytes decoded in the property's CHARSET through iconv-lite (Node 20's TextDecoder gets
 * windows-1252 wrong). Without a CHARSET the bytes are UTF-8, unless they are not valid UTF-8:
 * then they are windows-1252, which is what old Outlook and phone exports wrote.
 *
 * ISO-8859-1 and ASCII labels are read as windows-1252, its superset in practice (as browsers
 * do). A single-byte CHARSET on bytes that are valid multi-byte UTF-8 is a lie some exporters
 * tell (the bytes `Ã©` in a real name are far less likely than a mislabelled `é`): UTF-8 wins.
 *
 * @example
 * decodeValue("Andr=E9", { quotedPrintable: true, charset: "windows-1252" }); // "André"
 */
import iconv from "iconv-lite";

export interface Encoding {
  quotedPrintable?: boolean;
  charset?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const SINGLE_BYTE = /^(?:iso-?8859-\d+|latin-?\d|(?:windows|cp)-?125\d|us-ascii|ascii)$/i;
const WINDOWS_1252 = /^(?:iso-?8859-1|latin-?1|us-ascii|ascii)$/i;

/** `raw` is a binary string (one char per byte). */
export function decodeValue(raw: string, encoding: Encoding = {}): string {
  const bytes = encoding.quotedPrintable ? decodeQuotedPrintable(raw) : Buffer.from(raw, "latin1");
  return decodeBytes(bytes, encoding.charset);
}

export function decodeBytes(bytes: Buffer, charset?: string): string {
  const label = charset?.trim();
  if (!hasHighBytes(bytes)) return bytes.toString("latin1");
  const asUtf8 = strictUtf8(bytes);
  if (!label || /^utf-?8$/i.test(label)) return asUtf8 ?? iconv.decode(bytes, "windows-1252");
  if (asUtf8 !== undefined && SINGLE_BYTE.test(label)) return asUtf8;
  const name = WINDOWS_1252.test(label) ? "windows-1252" : label;
  if (!iconv.encodingExists(name)) return asUtf8 ?? iconv.decode(bytes, "windows-1252");
  return iconv.decode(bytes, name);
}

/** Quoted-printable to bytes; soft line breaks were joined when the lines were read. */
export function decodeQuotedPrintable(raw: string): Buffer {
  const out = Buffer.alloc(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x3d /* = */ && i + 2 < raw.length && isHex(raw, i + 1) && isHex(raw, i + 2)) {
      out[n++] = Number.parseInt(raw.slice(i + 1, i + 3), 16);
      i += 2;
    } else if (c === 0x3d && i === raw.length - 1) {
      // A soft break at the very end of the value: nothing follows.
    } else {
      out[n++] = c & 0xff;
    }
  }
  return out.subarray(0, n);
}

function isHex(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hasHighBytes(bytes: Buffer): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
