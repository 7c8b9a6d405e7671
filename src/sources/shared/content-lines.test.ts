import { describe, expect, it } from "vitest";
import { type ContentLine, ContentLineReader } from "./content-lines.js";

function read(text: string | Buffer, size: number, quotedPrintable = true): ContentLine[] {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const reader = new ContentLineReader({ quotedPrintable });
  const out: ContentLine[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...reader.push(bytes.subarray(i, i + size)));
  out.push(...reader.end());
  return out;
}

describe("ContentLineReader", () => {
  const text = "\uFEFFBEGIN:VCARD\r\nNOTE:a long\r\n  line\r\n\tmore\r\n\r\nFN:Zoë\nEND:VCARD";

  it("unfolds, drops the BOM and blank lines, and numbers physical lines", () => {
    const lines = read(text, 1 << 20);
    expect(lines).toEqual([
      { text: "BEGIN:VCARD", line: 1 },
      { text: "NOTE:a long linemore", line: 2 },
      { text: Buffer.from("FN:Zoë").toString("latin1"), line: 6 },
      { text: "END:VCARD", line: 7 },
    ]);
  });

  it("gives the same lines for 1-byte chunks", () => {
    expect(read(text, 1)).toEqual(read(text, 1 << 20));
  });

  it("joins quoted-printable soft line breaks, whatever the next line starts with", () => {
    const qp = "NOTE;ENCODING=QUOTED-PRINTABLE:first=\r\nsecond=\r\n third\r\nFN:x\r\n";
    expect(read(qp, 3).map((l) => l.text)).toEqual([
      "NOTE;ENCODING=QUOTED-PRINTABLE:firstsecond third",
      "FN:x",
    ]);
    // Without the option (iCalendar) a trailing = is just a character.
    expect(read(qp, 3, false).map((l) => l.text)).toEqual([
      "NOTE;ENCODING=QUOTED-PRINTABLE:first=",
      "second=third",
      "FN:x",
    ]);
  });

  it("does not treat a trailing = as a soft break outside quoted-printable values", () => {
    expect(read("URL:http://x.example/?a=\r\nFN:y\r\n", 5).map((l) => l.text)).toEqual([
      "URL:http://x.example/?a=",
      "FN:y",
    ]);
  });

  it("keeps a lone BOM prefix byte that is not a BOM", () => {
    expect(read(Buffer.from([0xef, 0x41, 0x0a]), 1).map((l) => l.text)).toEqual(["\xEFA"]);
  });
});
