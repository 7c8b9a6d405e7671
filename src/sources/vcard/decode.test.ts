import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes, decodeQuotedPrintable, decodeValue } from "./decode.js";

const binary = (b: Buffer) => b.toString("latin1");

describe("decodeValue", () => {
  it("undoes quoted-printable in UTF-8", () => {
    expect(
      decodeValue("Bj=C3=B6rn L=C3=B6vgren", { quotedPrintable: true, charset: "UTF-8" }),
    ).toBe("Björn Lövgren");
  });

  it("reads windows-1252 bytes, € and curly quotes included (Node 20's TextDecoder cannot)", () => {
    const bytes = iconv.encode("Zoë’s café costs 5 €", "windows-1252");
    expect(bytes.includes(0x80)).toBe(true);
    expect(decodeValue(binary(bytes), { charset: "windows-1252" })).toBe("Zoë’s café costs 5 €");
    // The same bytes quoted-printable, labelled ISO-8859-1 as old exports do.
    const qp = [...bytes]
      .map((b) => (b < 0x80 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase()}`))
      .join("");
    expect(decodeValue(qp, { quotedPrintable: true, charset: "ISO-8859-1" })).toBe(
      "Zoë’s café costs 5 €",
    );
  });

  it("reads bytes that are not UTF-8 and name no charset as windows-1252", () => {
    expect(decodeBytes(iconv.encode("Müller", "windows-1252"))).toBe("Müller");
  });

  it("trusts valid UTF-8 over a single-byte CHARSET label", () => {
    expect(decodeBytes(Buffer.from("Müller"), "ISO-8859-1")).toBe("Müller");
  });

  it("decodes other charsets iconv-lite knows, and falls back on unknown labels", () => {
    expect(decodeBytes(iconv.encode("Ελένη", "iso-8859-7"), "ISO-8859-7")).toBe("Ελένη");
    expect(decodeBytes(Buffer.from("Ελένη"), "x-made-up")).toBe("Ελένη");
  });

  it("keeps an = that is not followed by two hex digits", () => {
    expect(decodeQuotedPrintable("a=b=3D=").toString()).toBe("a=b=");
  });
});
