import { describe, expect, it } from "vitest";
import { firstTextPart } from "./first-text.js";

const cut = (s: string) => firstTextPart(Buffer.from(s)).toString();

describe("firstTextPart", () => {
  const head = 'From: a@b.example\nContent-Type: multipart/mixed; boundary="m"\n\n';
  it("ends after the first text/plain part", () => {
    const alt =
      'From: a@b.example\nContent-Type: multipart/alternative;\n boundary="a"\n\n--a\nContent-Type: text/plain\n\nhello\n--a\nContent-Type: text/html\n\n<p>hello</p>\n--a--\n';
    expect(cut(alt)).toBe(alt.slice(0, alt.indexOf("--a\nContent-Type: text/html")));
  });
  it("cuts before an attachment that follows the text, inside nested multiparts", () => {
    const msg = `${head}--m\nContent-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/html\n\n<p>hi</p>\n--a--\n--m\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nAAAA\n--m--\n`;
    expect(cut(msg)).toBe(msg.slice(0, msg.indexOf("--m\nContent-Type: application/pdf")));
  });
  it("keeps an attachment that comes before any text, and single-part messages", () => {
    const msg = `${head}--m\nContent-Type: image/png\n\nAAAA\n--m\nContent-Type: text/html\n\n<p>x</p>\n--m--\n`;
    expect(cut(msg)).toBe(msg);
    const plain = "From: a@b.example\n\n--m\nnot a part\n";
    expect(cut(plain)).toBe(plain);
  });
});
