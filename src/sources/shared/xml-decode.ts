/**
 * A whole feed file's bytes as text: a byte-order mark wins, then the XML declaration's
 * `encoding`, then UTF-8; a file without a declaration whose bytes are not valid UTF-8 (old RSS
 * written by hand) is read as windows-1252. ISO-8859-1 and US-ASCII labels are read as
 * windows-1252 too, as browsers do: real feeds labelled latin-1 carry curly quotes and €.
 * Decoding goes through iconv-lite, because Node 20's TextDecoder maps 0x80–0x9F wrongly.
 *
 * @example
 * decodeFeed(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>\x80</rss>', "latin1"));
 * // '<?xml version="1.0" encoding="ISO-8859-1"?><rss>€</rss>'
 */
import iconv from "iconv-lite";

const DECLARATION = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const LATIN1 = new Set(["iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"]);
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeFeed(bytes: Buffer): string {
  const { label, bom, declared } = encodingOf(bytes);
  const body = bom > 0 ? bytes.subarray(bom) : bytes;
  if (label !== "utf8" || bom > 0 || declared) return iconv.decode(body, label);
  try {
    return strictUtf8.decode(body);
  } catch {
    return iconv.decode(body, "windows-1252");
  }
}

export interface Encoding {
  /** An iconv-lite label. */
  label: string;
  /** Bytes of byte-order mark to drop. */
  bom: number;
  /** The label came from a BOM or an XML declaration, not from the default. */
  declared: boolean;
}

/**
 * The encoding of an XML file from its first bytes (256 are enough): BOM, then the declaration,
 * then UTF-8. Streaming readers use it on the first chunk and decode the rest with iconv-lite.
 */
export function encodingOf(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { label: "utf8", bom: 3, declared: true };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { label: "utf16le", bom: 2, declared: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: "utf16be", bom: 2, declared: true };
  const declared = DECLARATION.exec(head.subarray(0, 256).toString("latin1"))?.[1]?.toLowerCase();
  if (!declared) return { label: "utf8", bom: 0, declared: false };
  const label = LATIN1.has(declared) ? "windows-1252" : declared;
  return iconv.encodingExists(label)
    ? { label, bom: 0, declared: true }
    : { label: "utf8", bom: 0, declared: true };
}

/**
 * The text of an XML byte stream, decoded chunk by chunk in the encoding its first bytes give
 * (see `encodingOf`); characters split across chunks come out whole.
 *
 * @example
 * for await (const text of decodeXmlStream(createReadStream(path))) parser.write(text);
 */
export async function* decodeXmlStream(chunks: AsyncIterable<Buffer>): AsyncIterable<string> {
  const head: Buffer[] = [];
  let size = 0;
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined;
  const start = (): string => {
    const first = Buffer.concat(head, size);
    const { label, bom } = encodingOf(first);
    decoder = iconv.getDecoder(label);
    return decoder.write(first.subarray(bom));
  };
  for await (const chunk of chunks) {
    const text = decoder ? decoder.write(chunk) : undefined;
    if (text) yield text;
    if (decoder) continue;
    head.push(chunk);
    size += chunk.length;
    if (size >= 256) {
      const first = start();
      if (first) yield first;
    }
  }
  if (!decoder) {
    const first = start();
    if (first) yield first;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}
