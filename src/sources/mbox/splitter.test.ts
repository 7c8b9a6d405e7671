import { describe, expect, it } from "vitest";
import { isHeaderLine, isSeparatorLine, MboxFormatError, MboxSplitter } from "./splitter.js";

function split(input: string | Buffer, size = Number.MAX_SAFE_INTEGER, keepBytes = Infinity) {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const splitter = new MboxSplitter({ keepBytes });
  const out = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...splitter.push(bytes.subarray(i, i + size)));
  out.push(...splitter.end());
  return out;
}

const texts = (input: string | Buffer, size?: number) =>
  split(input, size).map((m) => m.bytes.toString("utf8"));

const TWO = [
  "From ada@quill.example Mon Mar  3 09:12:00 2025",
  "From: Ada <ada@quill.example>",
  "Subject: one",
  "",
  "first body",
  "",
  "From sam@rivera.example Mon Mar  3 11:40:00 2025",
  "From: Sam <sam@rivera.example>",
  "",
  "second body",
  "",
].join("\n");

describe("MboxSplitter", () => {
  it("splits at From lines, with MimeKit's offsets", () => {
    const [a, b, ...rest] = split(TWO);
    expect(rest).toHaveLength(0);
    expect(a?.bytes.toString()).toBe("From: Ada <ada@quill.example>\nSubject: one\n\nfirst body\n");
    expect(b?.bytes.toString()).toBe("From: Sam <sam@rivera.example>\n\nsecond body\n");
    expect(a).toMatchObject({ ordinal: 1, markerOffset: 0, line: 1, start: 48 });
    expect(a?.separator).toBe("From ada@quill.example Mon Mar  3 09:12:00 2025");
    const second = TWO.indexOf("From sam");
    expect(a?.end).toBe(second - 1);
    expect(b).toMatchObject({ ordinal: 2, markerOffset: second, line: 7, end: TWO.length });
  });

  it("gives the same messages for every chunk size", () => {
    const whole = split(TWO);
    for (const size of [1, 2, 3, 5, 64]) expect(split(TWO, size)).toEqual(whole);
  });

  it("skips a leading BOM and counts its bytes in offsets", () => {
    const [m] = split(`\ufeff${TWO}`, 1);
    expect(m).toMatchObject({ markerOffset: 3, line: 1 });
    expect(m?.bytes.toString().startsWith("From: Ada")).toBe(true);
  });

  it("reads CRLF files", () => {
    const crlf = TWO.replace(/\n/g, "\r\n");
    expect(texts(crlf, 1)).toEqual([
      "From: Ada <ada@quill.example>\r\nSubject: one\r\n\r\nfirst body\r\n",
      "From: Sam <sam@rivera.example>\r\n\r\nsecond body\r\n",
    ]);
  });

  it("keeps unescaped From lines that are not separators in the body", () => {
    const mbox = [
      "From -",
      "From: Ada <ada@quill.example>",
      "",
      "My favourite film:",
      "",
      "From Russia with love",
      "Year: 1963",
      "",
      "From here on, nothing.",
      "",
    ].join("\n");
    const [m, ...rest] = split(mbox);
    expect(rest).toHaveLength(0);
    expect(m?.bytes.toString()).toContain("From Russia with love\nYear: 1963\n");
  });

  it("does not split at a dated From line that no header follows", () => {
    const mbox = "From -\nFrom: a@b.example\n\nFrom x Mon Mar  3 09:12:00 2025\nnot a header\n";
    expect(split(mbox)).toHaveLength(1);
  });

  it("splits at a separator without a blank line before it", () => {
    expect(texts("From -\nFrom: a@b.example\n\nbody\nFrom -\nFrom: c@d.example\n\nx\n")).toEqual([
      "From: a@b.example\n\nbody",
      "From: c@d.example\n\nx\n",
    ]);
  });

  it("removes one > from mboxrd-escaped From lines in bodies only", () => {
    const [m] = split("From -\nFrom: a@b.example\n\n>From here\n>>From there\n> From not\n");
    expect(m?.bytes.toString()).toBe("From: a@b.example\n\nFrom here\n>From there\n> From not\n");
  });

  it("honours a consistent Content-Length over a separator-like body line", () => {
    const body = "x\nFrom ghost@x.example Mon Mar  3 09:12:00 2025\nSubject: fake\n\ny\n";
    const mbox = `From -\nFrom: a@b.example\nContent-Length: ${body.length}\n\n${body}\nFrom -\nFrom: c@d.example\n\nz\n`;
    for (const size of [1, 1000]) {
      const ms = split(mbox, size);
      expect(ms).toHaveLength(2);
      expect(ms[0]?.bytes.toString()).toContain("Subject: fake");
      expect(ms[1]?.bytes.toString()).toBe("From: c@d.example\n\nz\n");
    }
  });

  it("accepts a Content-Length that excludes the last line ending", () => {
    const body = "x\nFrom ghost@x.example Mon Mar  3 09:12:00 2025\nSubject: fake\n\ny";
    const mbox = `From -\nFrom: a@b.example\nContent-Length: ${body.length}\n\n${body}\nFrom -\nFrom: c@d.example\n\nz\n`;
    expect(split(mbox)).toHaveLength(2);
    expect(split(mbox.slice(0, mbox.indexOf("\nFrom -\nFrom: c")))).toHaveLength(1);
  });

  it("ignores an inconsistent Content-Length", () => {
    const body = "x\n";
    const second = "From -\nFrom: c@d.example\n\nz\n";
    for (const length of [body.length + 10, 1, 500]) {
      const mbox = `From -\nFrom: a@b.example\nContent-Length: ${length}\n\n${body}\n${second}`;
      for (const size of [1, 1000]) {
        expect(texts(mbox, size)).toEqual([
          `From: a@b.example\nContent-Length: ${length}\n\n${body}`,
          "From: c@d.example\n\nz\n",
        ]);
      }
    }
  });

  it("keeps at most keepBytes of a message but reports its true end", () => {
    const big = `From -\nFrom: a@b.example\n\n${"y".repeat(5000)}\n`;
    const [m] = split(big + big, 100, 1000);
    expect(m?.bytes.length).toBe(1000);
    expect(m?.truncated).toBe(true);
    expect(m?.end).toBe(big.length - 1);
  });

  it("rejects a file that does not start with a From line, naming the line", () => {
    expect(() => split("\nHello\nFrom -\n")).toThrow(MboxFormatError);
    try {
      split("\nHello\n");
    } catch (error) {
      expect((error as MboxFormatError).line).toBe(2);
    }
  });

  it("gives nothing for an empty file", () => {
    expect(split("")).toEqual([]);
  });
});

describe("separator and header lines", () => {
  const sep = (s: string) => isSeparatorLine(Buffer.from(`${s}\n`));
  it("accepts real separators", () => {
    expect(sep("From -")).toBe(true);
    expect(sep("From - ")).toBe(true);
    expect(sep("From - Mon Jun  3 12:50:27 1996")).toBe(true);
    expect(sep("From 1844347792267117879@xxx")).toBe(true);
    expect(sep("From 1844347792267117879@xxx Fri Sep 26 17:18:40 +0000 2025")).toBe(true);
    expect(sep("From MAILER-DAEMON Fri Jul  8 12:08:34 2011")).toBe(true);
  });
  it("rejects prose", () => {
    expect(sep("From Russia with love")).toBe(false);
    expect(sep("From the three of us, that makes a quorum.")).toBe(false);
    expect(sep(">From -")).toBe(false);
    expect(sep("Fromage")).toBe(false);
  });
  it("recognises header lines", () => {
    expect(isHeaderLine(Buffer.from("Subject: x\n"))).toBe(true);
    expect(isHeaderLine(Buffer.from("X-Mozilla-Status: 0001\n"))).toBe(true);
    expect(isHeaderLine(Buffer.from(" folded\n"))).toBe(false);
    expect(isHeaderLine(Buffer.from("two words: x\n"))).toBe(false);
  });
});
