import { describe, expect, it } from "vitest";
import { chunked } from "../../testing/chunks.js";
import { decodeFeed, decodeXmlStream, encodingOf } from "./xml-decode.js";

async function streamed(buffer: Buffer, size: number): Promise<string> {
  let text = "";
  for await (const piece of decodeXmlStream(chunked(buffer, size))) text += piece;
  return text;
}

describe("encodingOf", () => {
  it("takes a BOM, then the declaration (latin-1 read as windows-1252), then UTF-8", () => {
    expect(encodingOf(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]))).toEqual({
      label: "utf8",
      bom: 3,
      declared: true,
    });
    expect(encodingOf(Buffer.from([0xff, 0xfe, 0x3c, 0]))).toMatchObject({
      label: "utf16le",
      bom: 2,
    });
    expect(encodingOf(Buffer.from("<?xml version='1.0' encoding='ISO-8859-1'?>"))).toMatchObject({
      label: "windows-1252",
    });
    expect(encodingOf(Buffer.from('<?xml version="1.0" encoding="no-such"?>')).label).toBe("utf8");
    expect(encodingOf(Buffer.from("<rss>"))).toEqual({ label: "utf8", bom: 0, declared: false });
  });
});

describe("decodeFeed", () => {
  it("decodes € (0x80) in a feed labelled ISO-8859-1", () => {
    const bytes = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss>\x80</rss>',
      "latin1",
    );
    expect(decodeFeed(bytes)).toContain("<rss>€</rss>");
  });

  it("decodes UTF-16 with a BOM", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("<rss>é</rss>", "utf16le"),
    ]);
    expect(decodeFeed(bytes)).toBe("<rss>é</rss>");
  });
});

describe("decodeXmlStream", () => {
  it("gives the same text for 1-byte chunks as for one chunk, UTF-8 and latin-1", async () => {
    const utf8 = Buffer.from(`\ufeff<opml>${"ünïcödé € ".repeat(40)}</opml>`);
    expect(await streamed(utf8, 1)).toBe(await streamed(utf8, utf8.length));
    expect(await streamed(utf8, 1)).toBe(`<opml>${"ünïcödé € ".repeat(40)}</opml>`);
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><opml t="\x80\xe9"/>',
      "latin1",
    );
    expect(await streamed(latin, 1)).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?><opml t="€é"/>',
    );
  });
});
