/**
 * Reading attendee lists: the format from the content (CSV, iCalendar, plain text), people
 * with what the list says of them, and bad or repeated lines counted as skips with their line.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { tempDir } from "../../testing/stores.js";
import { detectListFormat, parseTextLine, readAttendeeList } from "./attendee-list.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, "../../sources");
const dir = tempDir("irl-attendees-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("attendee lists", () => {
  it("tells the formats apart by their content", () => {
    expect(detectListFormat("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe("ical");
    expect(detectListFormat("First Name,Last Name,Email\nAda,Lovelace,ada@x.example\n")).toBe(
      "csv",
    );
    expect(detectListFormat("Ada Lovelace\nada@x.example\n")).toBe("text");
    expect(detectListFormat("Lovelace, Ada\nHopper, Grace\n")).toBe("text");
  });

  it("reads an event site's CSV with company and title, counting bad and repeated rows", async () => {
    const list = await readAttendeeList(path.join(fixtures, "csv/fixtures/attendees.csv"));
    expect(list.format).toBe("csv");
    const pia = list.attendees.find((a) => a.name === "Pia Lindqvist");
    expect(pia?.organization).toBe("Nordlys");
    expect(pia?.title).toBe("Founder");
    expect(pia?.identities.map((i) => i.kind)).toEqual(
      expect.arrayContaining(["email", "handle", "profile", "url"]),
    );
    const reasons = list.skipped.map((s) => s.reason).sort();
    expect(reasons).toContain("duplicate");
    expect(reasons).toContain("bad row");
    expect(list.attendees.length + list.skipped.length).toBe(6);
    for (const s of list.skipped) expect(s.place).toMatch(/^line \d+$/);
  });

  it("takes the attendees of a calendar's events, leaving out those who declined", async () => {
    const list = await readAttendeeList(path.join(fixtures, "ical/fixtures/team.ics"));
    expect(list.format).toBe("ical");
    expect(list.events.length).toBeGreaterThan(0);
    const names = list.attendees.map((a) => a.name);
    expect(names).toContain("Inês Duarte");
    expect(names).not.toContain("Otto Berg");
    expect(list.skipped.some((s) => s.reason === "declined")).toBe(true);
  });

  it("reads a text list: names, e-mails, sites and handles, one person a line", async () => {
    const file = write(
      "night.txt",
      [
        "# speakers first",
        "Ada Lovelace <ada@analytical.example>",
        "Lovelace, Ada",
        "https://grace.example/blog",
        "@grace_h",
        "Bob Smith (Cure Ltd)",
        "bob@",
        "12345",
        "",
        "ADA@analytical.example",
      ].join("\n"),
    );
    const list = await readAttendeeList(file);
    expect(list.format).toBe("text");
    expect(list.attendees.map((a) => a.place)).toEqual([
      "line 2",
      "line 3",
      "line 4",
      "line 5",
      "line 6",
    ]);
    expect(list.attendees[0]?.name).toBe("Ada Lovelace");
    expect(list.attendees[0]?.identities).toEqual([
      { kind: "email", value: "ada@analytical.example" },
    ]);
    expect(list.attendees[1]?.name).toBe("Lovelace, Ada");
    expect(list.attendees[2]?.identities[0]?.kind).toBe("url");
    expect(list.attendees[3]?.identities[0]).toEqual({
      kind: "handle",
      value: "grace_h",
      platform: "twitter",
    });
    expect(list.attendees[4]?.organization).toBe("Cure Ltd");
    expect(list.skipped).toEqual([
      { place: "line 7", reason: "bad line", message: '"bob@" is not an e-mail address' },
      {
        place: "line 8",
        reason: "bad line",
        message: "neither a name, an e-mail, a site nor a @handle",
      },
      { place: "line 10", reason: "duplicate", message: "the same person as line 2" },
    ]);
  });

  it("names the file when it cannot read it", async () => {
    await expect(readAttendeeList(path.join(dir, "missing.csv"))).rejects.toThrow(
      /missing\.csv: no such file/,
    );
    const bad = write("bad.csv", 'Name,Email\n"Ada,ada@x.example\n');
    const error = await readAttendeeList(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect((error as IrlError).message).toContain("bad.csv: line 2");
  });

  it("parses one line at a time", () => {
    expect(parseTextLine("x".repeat(500))).toMatch(/longer than/);
    const a = parseTextLine("Grace Hopper grace@navy.example https://x.com/gracehopper");
    expect(typeof a).toBe("object");
    if (typeof a === "object") {
      expect(a.name).toBe("Grace Hopper");
      expect(a.identities.map((i) => i.kind)).toEqual(["email", "handle"]);
    }
  });
});
