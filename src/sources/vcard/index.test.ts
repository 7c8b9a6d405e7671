import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type { ContactRecord, SkipRecord, SourceRecord } from "../records.js";
import { vcardImporter } from "./index.js";

const BOOK = readFileSync(new URL("./fixtures/address-book.vcf", import.meta.url));

async function recordsOf(input: string | Buffer, size = 1 << 20): Promise<SourceRecord[]> {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const out: SourceRecord[] = [];
  for await (const batch of vcardImporter.parse({ path: "t.vcf", chunks: chunked(bytes, size) })) {
    out.push(...batch);
  }
  return out;
}

const contacts = (rs: SourceRecord[]) => rs.filter((r): r is ContactRecord => r.type === "contact");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const card = (...lines: string[]) => ["BEGIN:VCARD", ...lines, "END:VCARD", ""].join("\r\n");

describe("vcardImporter on a mixed 2.1/3.0/4.0 address book", () => {
  it("emits one card contact per card with names, identities and details", async () => {
    const rs = await recordsOf(BOOK);
    expect(skips(rs)).toEqual([]);
    const cs = contacts(rs);
    expect(cs.map((c) => [c.channel, c.kind])).toEqual(Array(4).fill(["vcard", "card"]));
    const [nneka, tomas, bjorn, wren] = cs;
    expect(nneka).toMatchObject({
      key: "vcard:7d0f5a3e-0c7e-4f7a-9c36-2b9d8a1f0001",
      place: { line: 1, record: 'card "Nneka Okafor"' },
      party: {
        name: "Nneka Okafor",
        identities: [
          { kind: "email", value: "nneka@lagoon-robotics.example" },
          { kind: "phone", value: "+234 801 555 0101" },
          {
            kind: "profile",
            value: "https://www.linkedin.com/in/nneka-okafor",
            platform: "linkedin",
          },
          { kind: "url", value: "https://nneka.example/blog" },
          { kind: "handle", value: "nnekabuilds", platform: "twitter" },
          { kind: "handle", value: "nneka.okafor", platform: "skype" },
        ],
        details: {
          organization: "Lagoon Robotics",
          title: "Head of Research",
          location: "Lagos, Nigeria",
          bio: "Met at the robotics meetup, asked about\nsensor fusion.",
        },
      },
    });
    expect(tomas?.party).toEqual({
      name: "Tomás Quintero",
      identities: [
        { kind: "email", value: "tomas@quintero.example" },
        { kind: "phone", value: "+34-600-555-010" },
        { kind: "handle", value: "tquintero", platform: "twitter" },
        { kind: "handle", value: "tquintero", platform: "github" },
      ],
      details: { location: "Madrid, Spain" },
    });
    expect(bjorn?.party).toEqual({
      name: "Björn Lövgren",
      identities: [{ kind: "phone", value: "+46 70 555 01 23" }],
      details: { bio: "Språkkonsult i Göteborg, träffades på mässan." },
    });
    expect(wren?.party.name).toBe("Wren Hollis");
    expect(new Set(cs.map((c) => c.key)).size).toBe(4);
  });

  it("gives the same records for 1-byte chunks, and the same keys on a second import", async () => {
    const whole = await recordsOf(BOOK);
    expect(await recordsOf(BOOK, 1)).toEqual(whole);
    expect((await recordsOf(BOOK, 7)).map((r) => (r as ContactRecord).key)).toEqual(
      whole.map((r) => (r as ContactRecord).key),
    );
  });

  it("decodes a windows-1252 quoted-printable 2.1 card with accents and €", async () => {
    const bytes = Buffer.concat([
      Buffer.from("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1252:"),
      iconv.encode("Müller;Renée", "windows-1252"),
      Buffer.from("\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Ren=E9e M=FCller\r\n"),
      Buffer.from("NOTE;QUOTED-PRINTABLE;CHARSET=windows-1252:Pays 20 =80 for =93coffee=94=\r\n"),
      Buffer.from(" in S=E3o Paulo\r\nEMAIL;INTERNET:renee@muller.example\r\nEND:VCARD\r\n"),
    ]);
    const [c] = contacts(await recordsOf(bytes, 1));
    expect(c?.party.name).toBe("Renée Müller");
    expect(c?.party.details?.bio).toBe("Pays 20 € for “coffee” in São Paulo");
  });

  it("keys by UID, else by a hash; a repeated UID with other content gets a longer key", async () => {
    const text =
      card("VERSION:3.0", "UID:abc", "FN:One", "EMAIL:one@x.example") +
      card("VERSION:3.0", "UID:abc", "FN:Two", "EMAIL:two@x.example") +
      card("VERSION:3.0", "FN:Three", "EMAIL:three@x.example") +
      card("VERSION:3.0", "FN:Three", "EMAIL:three@x.example");
    const rs = await recordsOf(text);
    const keys = contacts(rs).map((c) => c.key);
    expect(keys[0]).toBe("vcard:abc");
    expect(keys[1]).toMatch(/^vcard:abc:[0-9a-f]{20}$/);
    expect(keys[2]).toMatch(/^vcard:[0-9a-f]{20}$/);
    expect(keys).toHaveLength(3);
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([["duplicate", 18]]);
  });
});

describe("vcardImporter on broken input", () => {
  it("skips a card with no END:VCARD at the end of the file, naming its line", async () => {
    const rs = await recordsOf(
      `${card("VERSION:3.0", "FN:Kept")}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut`,
    );
    expect(contacts(rs).map((c) => c.party.name)).toEqual(["Kept"]);
    expect(skips(rs)).toEqual([
      {
        type: "skip",
        reason: "truncated card",
        message: "the card that begins on line 5 has no END:VCARD and was not imported",
        place: { line: 5 },
      },
    ]);
  });

  it("skips a card cut off by the next BEGIN:VCARD, but reads a 2.1 AGENT's embedded card", async () => {
    const text =
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut\r\n" +
      card(
        "VERSION:2.1",
        "FN:Boss",
        "AGENT:",
        "BEGIN:VCARD",
        "FN:Assistant",
        "END:VCARD",
        "EMAIL:boss@x.example",
      );
    const rs = await recordsOf(text);
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([["truncated card", 1]]);
    expect(contacts(rs).map((c) => c.party)).toEqual([
      { name: "Boss", identities: [{ kind: "email", value: "boss@x.example" }] },
    ]);
  });

  it("drops a garbage line as a counted skip and keeps the rest of the card", async () => {
    const rs = await recordsOf(
      card("VERSION:3.0", "FN:Ada", "this is not a property", "EMAIL:ada@x.example"),
    );
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([["bad line", 4]]);
    expect(contacts(rs)[0]?.party.identities).toEqual([{ kind: "email", value: "ada@x.example" }]);
  });

  it("counts stray lines between cards once per run, and empty cards", async () => {
    const rs = await recordsOf(
      `${card("VERSION:3.0", "FN:A")}junk\r\nmore junk\r\n${card("VERSION:4.0", "NOTE:nobody")}`,
    );
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([
      ["stray line", 5],
      ["empty card", 7],
    ]);
  });

  it("throws an input error naming the file and line when the file is not a vCard", async () => {
    const error = await recordsOf("\r\nName,Email\r\nAda,ada@x.example\r\n").catch((e) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({ code: "input", file: "t.vcf", place: "line 2" });
    expect(error.message).toBe(
      't.vcf: line 2: not a vCard file (expected BEGIN:VCARD, found "Name,Email")',
    );
  });

  it("yields nothing for an empty file", async () => {
    expect(await recordsOf("")).toEqual([]);
  });
});

describe("vcardImporter.detect", () => {
  it("accepts vCard heads of every version, with BOM, blank lines or lower case", () => {
    expect(vcardImporter.detect("BEGIN:VCARD\r\nVERSION:2.1\r\n")).toBe(true);
    expect(vcardImporter.detect("\uFEFF\r\n\r\nbegin:vcard\nVERSION:4.0\n")).toBe(true);
    expect(vcardImporter.detect(BOOK.toString("utf8"))).toBe(true);
  });

  it("rejects other formats' heads", () => {
    expect(
      vcardImporter.detect(
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">',
      ),
    ).toBe(false);
    expect(vcardImporter.detect("First Name,Last Name,Primary Email\nAda,L,a@x.example\n")).toBe(
      false,
    );
    expect(vcardImporter.detect("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(false);
    expect(vcardImporter.detect("From someone@example.com Sat Jan  3 01:05:34 1996\n")).toBe(false);
    expect(vcardImporter.detect("Name,Note\nAda,BEGIN:VCARD\n")).toBe(false);
    expect(vcardImporter.detect("")).toBe(false);
  });
});
