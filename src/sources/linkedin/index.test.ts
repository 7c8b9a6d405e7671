import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import { csvContactsImporter } from "../csv/index.js";
import type { ContactRecord, InteractionRecord, SkipRecord, SourceRecord } from "../records.js";
import { wxrImporter } from "../wxr/index.js";
import { linkedinImporter } from "./index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const CONNECTIONS = fixture("connections.csv");
const MESSAGES = fixture("messages.csv");
const INVITATIONS = fixture("invitations.csv");

async function recordsOf(data: string | Buffer, size = Number.MAX_SAFE_INTEGER) {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  const out: SourceRecord[] = [];
  const chunks = chunked(bytes, size);
  for await (const batch of linkedinImporter.parse({ path: "t.csv", chunks })) out.push(...batch);
  return out;
}

async function failureOf(data: string): Promise<IrlError> {
  try {
    await recordsOf(data);
  } catch (error) {
    return error as IrlError;
  }
  throw new Error("expected the import to fail");
}

const contacts = (rs: SourceRecord[]) => rs.filter((r): r is ContactRecord => r.type === "contact");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");
const profiles = (p: { identities: { kind: string; value: string }[] }) =>
  p.identities.filter((i) => i.kind === "profile").map((i) => i.value);

const CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

describe("linkedinImporter.detect", () => {
  it("accepts the three files it imports, with or without the Notes preamble", () => {
    expect(linkedinImporter.format).toBe("linkedin");
    expect(linkedinImporter.detect(CONNECTIONS.toString("utf8"))).toBe(true);
    expect(linkedinImporter.detect(`\uFEFF${CONNECTIONS_HEADER}\r\n`)).toBe(true);
    expect(
      linkedinImporter.detect("First Name,Last Name,Email Address,Company,Position,Connected On"),
    ).toBe(true);
    expect(linkedinImporter.detect(MESSAGES.toString("utf8", 0, 300))).toBe(true);
    expect(linkedinImporter.detect(INVITATIONS.toString("utf8", 0, 200))).toBe(true);
  });

  it("rejects other LinkedIn files, contact CSVs, WXR and text with a Notes line", () => {
    expect(
      linkedinImporter.detect("First Name,Last Name,Maiden Name,Address,Birth Date,Headline"),
    ).toBe(false);
    expect(
      linkedinImporter.detect("First Name,Last Name,Email,Company,Job Title\nAda,B,a@b.example,,"),
    ).toBe(false);
    expect(linkedinImporter.detect("Notes:\nbuy milk\n")).toBe(false);
    expect(linkedinImporter.detect('<rss xmlns:wp="http://wordpress.org/export/1.2/">')).toBe(
      false,
    );
    expect(linkedinImporter.detect("")).toBe(false);
  });

  it("wins over the generic CSV importer, and no other importer claims its files", () => {
    for (const head of [CONNECTIONS, MESSAGES, INVITATIONS].map((b) => b.toString("utf8"))) {
      expect(csvContactsImporter.detect(head)).toBe(false);
      expect(wxrImporter.detect(head)).toBe(false);
    }
    expect(csvContactsImporter.detect(CONNECTIONS_HEADER)).toBe(false);
    expect(
      csvContactsImporter.detect("First Name,Last Name,Maiden Name,Address,Birth Date,Headline"),
    ).toBe(false);
  });
});

describe("Connections.csv", async () => {
  const records = await recordsOf(CONNECTIONS);
  const byName = (name: string) => {
    const found = contacts(records).find((c) => c.party.name === name);
    if (!found) throw new Error(`no connection ${name}`);
    return found;
  };

  it("finds the header past the preamble and numbers lines as an editor does", () => {
    const marta = byName("Marta Quintal");
    expect(marta.place.line).toBe(5);
    expect(marta).toMatchObject({
      type: "contact",
      channel: "linkedin",
      kind: "connection",
      key: "linkedin:connection:linkedin.com/in/marta-quintal",
      at: Date.UTC(2025, 10, 21),
    });
    expect(marta.party.identities).toEqual([
      { kind: "profile", value: "https://www.linkedin.com/in/marta-quintal", platform: "linkedin" },
      { kind: "email", value: "marta@quintal.example" },
    ]);
    expect(marta.party.details).toEqual({ organization: "Harbour Analytics", title: "Data Lead" });
  });

  it("reads quoted commas, US dates, and normalises profile URLs in keys only", () => {
    const idris = byName("Idris Okafor");
    expect(idris.party.details?.organization).toBe("Okafor & Sons, Ltd");
    expect(idris.at).toBe(Date.UTC(2025, 10, 2));
    expect(idris.party.identities).toHaveLength(1);
    const noor = byName("Noor Haddad");
    expect(noor.key).toBe("linkedin:connection:linkedin.com/in/noor-haddad");
    expect(profiles(noor.party)).toEqual(["https://uk.linkedin.com/in/Noor-Haddad"]);
    expect(noor.party.details).toBeUndefined();
  });

  it("keeps a connection whose date is unreadable, undated, keyed by name and the date text", () => {
    const lena = byName("Lena Brandt");
    expect(lena.at).toBeUndefined();
    expect(lena.party.identities).toEqual([]);
    expect(lena.party.nameScope).toBe("linkedin");
    expect(lena.key).toBe("linkedin:connection:name:lena brandt:not a date");
  });

  it("counts and skips empty rows, repeated profiles and ragged rows, with their lines", () => {
    expect(skips(records).map((s) => [s.reason, s.place.line])).toEqual([
      ["empty row", 7],
      ["duplicate", 10],
      ["bad row", 11],
    ]);
    expect(skips(records)[1]?.message).toContain("line 5");
    expect(contacts(records)).toHaveLength(4);
  });
});

describe("messages.csv", async () => {
  const records = await recordsOf(MESSAGES);
  const messages = interactions(records);
  const byText = (start: string) => {
    const found = messages.find((m) => m.text?.startsWith(start));
    if (!found) throw new Error(`no message "${start}"`);
    return found;
  };

  it("turns a message into an interaction in its conversation, HTML stripped", () => {
    const hi = byText("Hi Pia");
    expect(hi).toMatchObject({
      channel: "linkedin",
      kind: "message",
      at: Date.UTC(2025, 2, 4, 9, 15, 2),
      thread: "linkedin:conversation:2-abc",
      text: "Hi Pia, thanks for the intro & the coffee!",
    });
    expect(hi.from.name).toBe("Idris Okafor");
    expect(hi.from.isOwner).toBeUndefined();
    expect(hi.to.map((p) => p.name)).toEqual(["Pia Lindqvist"]);
    expect(hi.direction).toBeUndefined();
  });

  it("marks the sender of a SENT message as the owner, and only that party", () => {
    const reply = byText("Any time.");
    expect(reply.from).toMatchObject({ name: "Pia Lindqvist", isOwner: true });
    expect(reply.to[0]?.isOwner).toBeUndefined();
    expect(reply.place.line).toBe(3);
    const owners = messages.filter((m) => m.from.isOwner).map((m) => m.place.line);
    expect(owners).toEqual([3, 5]);
  });

  it("makes a group message one record with a party per recipient, names paired with URLs", () => {
    const group = byText("Who is in");
    expect(group.to.map((p) => [p.name, profiles(p)[0]])).toEqual([
      ["Idris Okafor", "https://www.linkedin.com/in/idrisokafor"],
      ["Marta Quintal", "https://www.linkedin.com/in/marta-quintal"],
    ]);
    expect(group.context).toEqual({ title: "Lisbon meetup crew" });
    const quoted = byText("Count me in");
    expect(quoted.to.map((p) => [p.name, profiles(p)[0]])).toEqual([
      ["Pia Lindqvist", "https://www.linkedin.com/in/pia-lindqvist"],
      ["Idris Okafor", "https://www.linkedin.com/in/idrisokafor"],
    ]);
  });

  it("keeps a recipient name with a comma whole when there is one profile URL", () => {
    const inmail = byText("We are hiring");
    expect(inmail.to.map((p) => p.name)).toEqual(["Pia Lindqvist, PhD"]);
    expect(inmail.context).toEqual({ title: "A role at Harbour" });
  });

  it("skips drafts, unreadable dates, ragged rows and verbatim repeats, with their lines", () => {
    expect(skips(records).map((s) => [s.reason, s.place.line])).toEqual([
      ["draft", 7],
      ["bad date", 8],
      ["bad row", 10],
      ["duplicate", 11],
    ]);
    expect(messages).toHaveLength(5);
  });
});

describe("Invitations.csv", async () => {
  const records = await recordsOf(INVITATIONS);

  it("makes a contact for the other person, by direction", () => {
    expect(contacts(records).map((c) => [c.kind, c.party.name, c.at])).toEqual([
      ["invitation_sent", "Tomas Reyes", Date.UTC(2024, 11, 15, 7, 47)],
      ["invitation_received", "Noor Haddad", Date.UTC(2025, 0, 3, 21, 5)],
      ["invitation_received", "Lena Brandt", Date.UTC(2025, 1, 1, 10, 0)],
    ]);
    expect(contacts(records).every((c) => c.channel === "linkedin" && !c.party.isOwner)).toBe(true);
  });

  it("makes an invitation's message an interaction, the owner's side marked", () => {
    const [sent, received] = interactions(records);
    expect(sent).toMatchObject({ kind: "invitation", text: "Great talk at the meetup yesterday!" });
    expect(sent?.from).toMatchObject({ name: "Pia Lindqvist", isOwner: true });
    expect(sent?.to[0]?.name).toBe("Tomas Reyes");
    expect(received?.from.name).toBe("Lena Brandt");
    expect(received?.to[0]).toMatchObject({ name: "Pia Lindqvist", isOwner: true });
    expect(interactions(records)).toHaveLength(2);
  });

  it("skips an invitation whose direction is unknown", () => {
    expect(skips(records).map((s) => [s.reason, s.place.line])).toEqual([["bad row", 5]]);
  });
});

describe("the whole importer", () => {
  it("gives the same records from 1-byte chunks as from one chunk", async () => {
    for (const bytes of [CONNECTIONS, MESSAGES, INVITATIONS]) {
      expect(await recordsOf(bytes, 1)).toEqual(await recordsOf(bytes));
    }
  });

  it("gives keys that are unique across its files and stable across imports", async () => {
    const all = [
      ...(await recordsOf(CONNECTIONS)),
      ...(await recordsOf(MESSAGES)),
      ...(await recordsOf(INVITATIONS)),
    ];
    const keys = all.flatMap((r) => ("key" in r ? [r.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith("linkedin:"))).toBe(true);
    const again = (await recordsOf(MESSAGES, 7)).flatMap((r) => ("key" in r ? [r.key] : []));
    expect(again).toEqual(interactions(await recordsOf(MESSAGES)).map((m) => m.key));
  });

  it("reads the header with a UTF-8 BOM and CRLF line ends", async () => {
    const text = `\uFEFF${CONNECTIONS_HEADER}\r\nAda,Byron,https://www.linkedin.com/in/ada,,,,01 Jan 2020\r\n`;
    const [ada] = contacts(await recordsOf(text));
    expect(ada?.party.name).toBe("Ada Byron");
    expect(ada?.place.line).toBe(2);
  });

  it("refuses a file that is not one of its three, naming file and line", async () => {
    const other = await failureOf("First Name,Last Name,Maiden Name,Address,Birth Date,Headline\n");
    expect(other).toBeInstanceOf(IrlError);
    expect(other.code).toBe("input");
    expect(other.message).toBe(
      't.csv: line 1: a LinkedIn file irl does not import (header "First Name,Last Name,Maiden Name,Address,Birth Date,Headline")',
    );
    const stranger = await failureOf("Date,Amount\n1,2\n");
    expect(stranger.message).toMatch(
      /^t\.csv: line 1: not a LinkedIn Connections, messages or Invitations file/,
    );
    const preamble = await failureOf("Notes:\nsomething\n\nnothing here\n");
    expect(preamble.message).toContain(
      'no LinkedIn header within 20 lines of its "Notes:" preamble',
    );
    expect((await failureOf("")).message).toBe("t.csv: not a LinkedIn export file (it is empty)");
  });

  it("reports a quote that is never closed at the line its record starts", async () => {
    const error = await failureOf(
      `${CONNECTIONS_HEADER}\nAda,Byron,,,,,01 Jan 2020\n"Open,quote,,,,,\n`,
    );
    expect(error.message).toBe(
      "t.csv: line 3: a quoted value in the record starting here is never closed",
    );
    expect(error.place).toBe("line 3");
  });
});
