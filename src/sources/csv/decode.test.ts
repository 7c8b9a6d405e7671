import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { CsvTextDecoder, isUtf8, sniffEncoding } from "./decode.js";

function decodeIn(bytes: Buffer, size: number): string {
  const d = new CsvTextDecoder(sniffEncoding(bytes.subarray(0, 65536)));
  let out = "";
  for (let i = 0; i < bytes.length; i += size) out += d.write(bytes.subarray(i, i + size));
  return out + d.end();
}

describe("sniffEncoding", () => {
  it("follows a BOM, else takes valid UTF-8 as UTF-8 and anything else as windows-1252", () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("utf8");
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]))).toBe("utf16le");
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]))).toBe("utf16be");
    expect(sniffEncoding(Buffer.from("Zoë €"))).toBe("utf8");
    expect(sniffEncoding(Buffer.from([0x41, 0x80, 0x42]))).toBe("windows1252");
    expect(sniffEncoding(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe("utf8"); // cut-off sequence at the end
    expect(sniffEncoding(Buffer.from([0x5a, 0xeb, 0x41]))).toBe("windows1252");
  });

  it("rejects overlong forms and surrogates", () => {
    expect(isUtf8(Buffer.from([0xc0, 0xaf]))).toBe(false);
    expect(isUtf8(Buffer.from([0xe0, 0x80, 0xaf]))).toBe(false);
    expect(isUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isUtf8(Buffer.from("😀"))).toBe(true);
  });
});

describe("CsvTextDecoder", () => {
  it("turns CRLF and CR into LF even when a CRLF is split between chunks", () => {
    const bytes = Buffer.from("a\r\nb\rc\r\n\r\nd\r");
    for (const size of [1, 2, 3, bytes.length])
      expect(decodeIn(bytes, size)).toBe("a\nb\nc\n\nd\n");
  });

  it("decodes € and curly quotes from windows-1252 and drops BOMs", () => {
    const cp1252 = Buffer.from([0x80, 0x20, 0x93, 0x68, 0x69, 0x94]);
    expect(decodeIn(cp1252, 1)).toBe("€ “hi”");
    const bom = Buffer.from("\uFEFFName\r\n");
    expect(decodeIn(bom, 1)).toBe("Name\n");
    expect(decodeIn(iconv.encode("Zoë\r\n", "utf16le", { addBOM: true }), 1)).toBe("Zoë\n");
  });
});
