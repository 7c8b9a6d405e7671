import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import { linkedinImporter } from "../linkedin/index.js";
import type { ContactRecord, SkipRecord, SourceRecord } from "../records.js";
import { wxrImporter } from "../wxr/index.js";
import { csvContactsImporter } from "./index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const GOOGLE = fixture("google.csv");
const ATTENDEES = fixture("attendees.csv");

async function recordsOf(
  data: string | Buffer,
  opts: { size?: number; path?: string; map?: Record<string, string> } = {},
): Promise<SourceRecord[]> {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  const out: SourceRecord[] = [];
  const input = {
    path: opts.path ?? "people.csv",
    chunks: chunked(bytes, opts.size ?? Number.MAX_SAFE_INTEGER),
    ...(opts.map ? { options: { map: opts.map } } : {}),
  };
  for await (const batch of csvContactsImporter.parse(input)) out.push(...batch);
  return out;
}

async function failureOf(data: string, map?: Record<string, string>): Promise<IrlError> {
  try {
    await recordsOf(data, map ? { map } : {});
  } catch (error) {
    return error as IrlError;
  }
  throw new Error("expected the import to fail");
}

const contacts = (rs: SourceRecord[]) => rs.filter((r): r is ContactRecord => r.type === "contact");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const named = (rs: SourceRecord[], name: string) => {
  const found = contacts(rs).find((c) => c.party.name === name);
  if (!found) throw new Error(`no contact ${name}`);
  return found;
};

describe("csvContactsImporter.detect", () => {
  it("accepts address books and attendee lists by their header row", () => {
    expect(csvContactsImporter.format).toBe("csv");
    const accept = [
      GOOGLE.toString("utf8"),
      ATTENDEES.toString("utf8"),
      "\uFEFFFirst Name,Last Name,E-mail Address,Business Phone\r\n",
      "Display Name;First Name;Last Name;Primary Email\n",
      '"Name","Attendee email","Organization","Title"\n',
      "\n\nEmail\nada@example.org\n",
      // UTF-16LE with BOM, as it reaches detection: decoded as UTF-8.
      iconv.encode("Name\tE-mail Address\r\n", "utf16le", { addBOM: true }).toString("utf8"),
    ];
    for (const head of accept) expect(csvContactsImporter.detect(head), head).toBe(true);
  });

  it("rejects LinkedIn exports, other formats and CSVs of other things", () => {
    const reject = [
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
      'Notes:\n"A note, with commas"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n',
      "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n",
      "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary\n",
      '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">',
      "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEMAIL:ada@example.org\nEND:VCARD\n",
      "From ada@example.org Mon Jan  1 00:00:00 2024\nFrom: Ada <ada@example.org>\n",
      "Date,Description,Amount,Balance\n2024-01-01,Coffee,-3.50,100\n",
      "ada@example.org,Ada\n",
      "",
    ];
    for (const head of reject) expect(csvContactsImporter.detect(head), head).toBe(false);
  });

  it("leaves its files to itself: neither LinkedIn nor WXR claims them", () => {
    for (const head of [GOOGLE, ATTENDEES].map((b) => b.toString("utf8"))) {
      expect(linkedinImporter.detect(head)).toBe(false);
      expect(wxrImporter.detect(head)).toBe(false);
    }
  });
});

describe("a Google Contacts export", async () => {
  const records = await recordsOf(GOOGLE);

  it("reads every identity column, split values and the details", () => {
    const marta = named(records, "Marta Quintal");
    expect(marta).toMatchObject({
      type: "contact",
      channel: "csv",
      kind: "card",
      place: { line: 2 },
    });
    expect(marta.party.identities).toEqual([
      { kind: "email", value: "marta@quintal.example" },
      { kind: "email", value: "m.quintal@harbour.example" },
      { kind: "phone", value: "+351 912 345 678" },
      { kind: "url", value: "https://quintal.example/blog/" },
    ]);
    expect(marta.party.details).toEqual({
      organization: "Harbour Analytics",
      title: "Data Lead",
      location: "Lisbon, Portugal",
      bio: "Met at the data meetup.\nLikes sailing.",
    });
  });

  it("composes a name from given and family names, and counts lines across quoted newlines", () => {
    const idris = named(records, "Idris Okafor");
    expect(idris.place.line).toBe(4);
    expect(idris.party.identities).toEqual([{ kind: "email", value: "IDRIS@OKAFOR.EXAMPLE" }]);
    expect(idris.party.details).toEqual({ organization: "Okafor & Sons, Ltd" });
    expect(named(records, "Sam Ortiz").party.identities).toEqual([
      { kind: "phone", value: "(555) 010-4477" },
    ]);
  });

  it("skips a row with nothing in it, with its line", () => {
    expect(skips(records).map((s) => [s.reason, s.place.line])).toEqual([["empty row", 6]]);
    expect(contacts(records)).toHaveLength(3);
  });
});

describe("an event's attendee list", async () => {
  const records = await recordsOf(ATTENDEES, { path: "exports/Spring Meetup.csv" });

  it("makes attendees, with handles and profiles from URLs or bare names", () => {
    expect(contacts(records).every((c) => c.kind === "attendee")).toBe(true);
    const pia = named(records, "Pia Lindqvist");
    expect(pia.party.identities).toEqual([
      { kind: "email", value: "pia@lindqvist.example" },
      { kind: "url", value: "nordlys.example" },
      { kind: "handle", value: "pialind", platform: "twitter" },
      { kind: "profile", value: "https://www.linkedin.com/in/pia-lindqvist", platform: "linkedin" },
    ]);
    expect(pia.party.details).toEqual({
      organization: "Nordlys",
      title: "Founder",
      location: "Oslo, Norway",
    });
    const tomas = named(records, "Tomas Reyes");
    expect(tomas.party.identities.slice(1)).toEqual([
      { kind: "handle", value: "tomasreyes", platform: "twitter" },
      { kind: "profile", value: "https://www.linkedin.com/in/tomas-reyes", platform: "linkedin" },
    ]);
  });

  it("scopes a name-only attendee to the file", () => {
    const noor = named(records, "Noor Haddad");
    expect(noor.party.identities).toEqual([]);
    expect(noor.party.nameScope).toBe("csv:spring meetup");
  });

  it("skips ragged rows, repeats of a person and rows naming nobody, with their lines", () => {
    expect(skips(records).map((s) => [s.reason, s.place.line])).toEqual([
      ["bad row", 5],
      ["duplicate", 6],
      ["no identity", 7],
    ]);
    expect(skips(records)[0]?.message).toBe("A row has 7 fields where the header has 13.");
    expect(skips(records)[1]?.message).toContain("line 2");
    expect(contacts(records)).toHaveLength(3);
  });
});

describe("keys", () => {
  it("are the same for the same person whatever the column order, and differ between people", async () => {
    const a = contacts(
      await recordsOf(
        "Name,Email,Phone\nAda Byron,ada@example.org,555 0101\nBo Lind,bo@example.org,\n",
      ),
    );
    const b = contacts(
      await recordsOf("E-mail;Full Name;Mobile\r\nADA@example.org;Ada B.;555 0199\r\n"),
    );
    expect(b[0]?.key).toBe(a[0]?.key);
    expect(a[1]?.key).not.toBe(a[0]?.key);
    expect(a.every((c) => /^csv:[0-9a-f]{16}$/.test(c.key))).toBe(true);
  });

  it("tie a card to the person, and an attendee to the person on that list", async () => {
    const text = "Name,Email\nAda Byron,ada@example.org\n";
    const card1 = contacts(await recordsOf(text, { path: "a.csv" }))[0];
    const card2 = contacts(await recordsOf(text, { path: "b.csv" }))[0];
    expect(card2?.key).toBe(card1?.key);
    const list = "Name,Email,Ticket Type\nAda Byron,ada@example.org,General\n";
    const att1 = contacts(await recordsOf(list, { path: "event-a.csv" }))[0];
    const att2 = contacts(await recordsOf(list, { path: "event-b.csv" }))[0];
    expect(att1?.kind).toBe("attendee");
    expect(att2?.key).not.toBe(att1?.key);
    expect(att1?.key).not.toBe(card1?.key);
  });

  it("are stable, and records identical, whatever the chunk size", async () => {
    for (const bytes of [GOOGLE, ATTENDEES]) {
      const whole = await recordsOf(bytes);
      expect(await recordsOf(bytes, { size: 1 })).toEqual(whole);
      expect(await recordsOf(bytes, { size: 5 })).toEqual(whole);
    }
  });
});

describe("encodings and separators", () => {
  it("decodes windows-1252 (the € byte 0x80) when the bytes are not UTF-8, with ; and CRLF", async () => {
    const text =
      "Vorname;Nachname;First Name;Last Name;E-Mail-Adresse;Firma\r\n" +
      ";;Zoë;Müller;zoe@mueller.example;€uro Gmbh\r\n";
    const bytes = iconv.encode(text, "windows1252");
    expect(bytes.includes(0x80)).toBe(true);
    for (const size of [1, 3, bytes.length]) {
      const [zoe] = contacts(await recordsOf(bytes, { size }));
      expect(zoe?.party.name).toBe("Zoë Müller");
      expect(zoe?.party.details?.organization).toBe("€uro Gmbh");
      expect(zoe?.party.identities).toEqual([{ kind: "email", value: "zoe@mueller.example" }]);
    }
  });

  it("reads UTF-8 with a BOM, and UTF-16 with a BOM and tabs (Outlook's Unicode export)", async () => {
    const text = "First Name\tLast Name\tE-mail Address\r\nZoë\tMüller\tzoe@mueller.example\r\n";
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const utf16 = iconv.encode(text, "utf16le", { addBOM: true });
    for (const bytes of [utf8, utf16]) {
      for (const size of [1, bytes.length]) {
        const [zoe] = contacts(await recordsOf(bytes, { size }));
        expect(zoe?.party.name).toBe("Zoë Müller");
        expect(zoe?.place.line).toBe(2);
      }
    }
  });

  it("keeps a value with the separator, quotes and a line break inside quotes", async () => {
    const text =
      'Name;Email;Notes\n"Lind; Bo";bo@example.org;"He said ""hi""\nthen left"\nAda;ada@example.org;\n';
    const records = await recordsOf(text);
    expect(named(records, "Lind; Bo").party.details?.bio).toBe('He said "hi"\nthen left');
    expect(named(records, "Ada").place.line).toBe(4);
  });

  it("takes a quote inside an unquoted value as text, and reports a quote never closed", async () => {
    const [jj] = contacts(await recordsOf('Name,Email\nJo "JJ" Jones,jj@example.org\n'));
    expect(jj?.party.name).toBe('Jo "JJ" Jones');
    const error = await failureOf(
      'Name,Email\nAda,ada@example.org\n"Bo,bo@example.org\nCy,cy@example.org\n',
    );
    expect(error).toBeInstanceOf(IrlError);
    expect(error.message).toBe(
      "people.csv: line 3: a quoted value in the record starting here is never closed",
    );
  });
});

describe("columns irl does not know", () => {
  it("throw an input error listing the headers, the fields accepted and how to map", async () => {
    const error = await failureOf("Who,Reach me at,Since\nAda,ada@example.org,2020\n");
    expect(error.code).toBe("input");
    expect(error.place).toBe("line 1");
    expect(error.message).toBe(
      'people.csv: line 1: no column irl recognises as a name or an e-mail address. Headers found: "Who", "Reach me at", "Since". ' +
        "Fields accepted: name, given, family, email, phone, organization, title, url, twitter, linkedin, location, city, country, note. " +
        'Say which column is which with --map, e.g. --map "Who=name".',
    );
  });

  it("are read through --map, which also overrides the table", async () => {
    const map = { Who: "name", "reach me AT": "email", Since: "organization", Title: "ignore" };
    const [ada] = contacts(
      await recordsOf("Who,Reach me at,Since,Title\nAda,ada@example.org,X,Dr\n", { map }),
    );
    expect(ada?.party).toMatchObject({
      name: "Ada",
      identities: [{ kind: "email", value: "ada@example.org" }],
      details: { organization: "X" },
    });
  });

  it("refuse a map to a field irl does not know", async () => {
    const error = await failureOf("Who,Reach me at\nAda,a@example.org\n", {
      "Reach me at": "mail",
    });
    expect(error.code).toBe("usage");
    expect(error.message).toContain('"mail" is not a field irl knows');
  });

  it("read Outlook's Title as an honorific beside Job Title", async () => {
    const text =
      "Title,First Name,Last Name,Job Title,E-mail Address\nDr.,Ada,Byron,Analyst,ada@example.org\n";
    const [ada] = contacts(await recordsOf(text));
    expect(ada?.party.details).toEqual({ title: "Analyst" });
  });

  it("throws on an empty file", async () => {
    expect((await failureOf("")).message).toBe("people.csv: the file is empty (no header row)");
  });
});
