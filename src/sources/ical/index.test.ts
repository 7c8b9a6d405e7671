import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type { EventRecord, SkipRecord, SourceRecord } from "../records.js";
import { MAX_OCCURRENCES } from "./calendar.js";
import { icalImporter } from "./index.js";

const TEAM = readFileSync(new URL("./fixtures/team.ics", import.meta.url));
const END_OF_2024 = Date.UTC(2024, 11, 31);

async function recordsOf(input: string | Buffer, now = END_OF_2024, size = 1 << 20) {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const out: SourceRecord[] = [];
  const parse = icalImporter.parse({
    path: "t.ics",
    chunks: chunked(bytes, size),
    options: { now },
  });
  for await (const batch of parse) out.push(...batch);
  return out;
}

const events = (rs: SourceRecord[]) => rs.filter((r): r is EventRecord => r.type === "event");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const calendar = (...lines: string[]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", ...lines, "END:VCALENDAR", ""].join("\r\n");

describe("icalImporter on a team calendar", () => {
  it("reads a meeting: time in its VTIMEZONE, place, link and who was invited", async () => {
    const [coffee] = events(await recordsOf(TEAM));
    expect(coffee).toEqual({
      type: "event",
      key: "ical:coffee-1@irl.test",
      title: "Coffee with Inês",
      // 09:30 in Lisbon in July is summer time, UTC+1.
      start: Date.UTC(2024, 6, 2, 8, 30),
      end: Date.UTC(2024, 6, 2, 9, 30),
      location: "Café A Brasileira, Chiado",
      url: "https://events.example/coffee",
      attendees: [
        // The organizer is listed as an attendee too: once, with that PARTSTAT.
        {
          party: {
            name: "Mara Quist",
            identities: [{ kind: "email", value: "mara@quist.example" }],
          },
          role: "organizer",
          status: "accepted",
        },
        {
          party: {
            name: "Inês Duarte",
            identities: [{ kind: "email", value: "ines@duarte.example" }],
          },
          role: "attendee",
          status: "accepted",
        },
        {
          party: { name: "Otto Berg", identities: [{ kind: "email", value: "otto@berg.example" }] },
          role: "optional",
          status: "declined",
        },
        // The room is not a person; nor is the VALARM's ATTENDEE.
        {
          party: { name: "Lund, Pia", identities: [{ kind: "email", value: "pia@lund.example" }] },
          role: "attendee",
          status: "tentative",
        },
        {
          party: {
            name: "Noor Haddad",
            identities: [{ kind: "email", value: "noor@haddad.example" }],
          },
          role: "optional",
          status: "needs-action",
        },
      ],
      place: { line: 19, record: 'event "Coffee with Inês"' },
    });
  });

  it("expands a weekly series up to now, minus EXDATE, with moved and cancelled occurrences", async () => {
    const rs = await recordsOf(TEAM);
    const standup = events(rs).filter((e) => e.key.startsWith("ical:standup@irl.test:"));
    expect(standup.map((e) => [e.key, iso(e.start), iso(e.end), e.title])).toEqual([
      [
        "ical:standup@irl.test:2024-03-04T09:00:00Z",
        "2024-03-04T09:00:00.000Z",
        "2024-03-04T09:15:00.000Z",
        "Weekly standup",
      ],
      [
        "ical:standup@irl.test:2024-03-11T09:00:00Z",
        "2024-03-11T09:00:00.000Z",
        "2024-03-11T09:15:00.000Z",
        "Weekly standup",
      ],
      // After the switch to summer time 09:00 in Lisbon is 08:00 UTC.
      [
        "ical:standup@irl.test:2024-04-08T08:00:00Z",
        "2024-04-08T08:00:00.000Z",
        "2024-04-08T08:15:00.000Z",
        "Weekly standup",
      ],
      // The override keeps the key of the occurrence it replaces, and the series' attendees.
      [
        "ical:standup@irl.test:2024-03-25T09:00:00Z",
        "2024-03-26T10:00:00.000Z",
        "2024-03-26T10:15:00.000Z",
        "Weekly standup (moved)",
      ],
    ]);
    expect(standup[3]?.attendees.map((a) => a.party.identities[0]?.value)).toEqual([
      "mara@quist.example",
      "ines@duarte.example",
    ]);
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([
      ["cancelled", 75],
      ["not an event", 82],
      ["cancelled", 60],
    ]);
  });

  it("stops a series at now", async () => {
    const rs = await recordsOf(TEAM, Date.UTC(2024, 2, 15));
    expect(
      events(rs)
        .map((e) => e.key)
        .filter((k) => k.startsWith("ical:standup")),
    ).toEqual([
      "ical:standup@irl.test:2024-03-04T09:00:00Z",
      "ical:standup@irl.test:2024-03-11T09:00:00Z",
      "ical:standup@irl.test:2024-03-25T09:00:00Z",
    ]);
  });

  it("reads an all-day event as midnight UTC of its dates", async () => {
    const offsite = events(await recordsOf(TEAM)).find((e) => e.key === "ical:offsite@irl.test");
    expect([iso(offsite?.start), iso(offsite?.end)]).toEqual([
      "2024-09-10T00:00:00.000Z",
      "2024-09-12T00:00:00.000Z",
    ]);
    expect(offsite?.attendees).toEqual([]);
  });

  it("gives the same records for 1-byte chunks, and unique keys", async () => {
    const whole = await recordsOf(TEAM);
    expect(await recordsOf(TEAM, END_OF_2024, 1)).toEqual(whole);
    const keys = events(whole).map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(6);
  });

  it(`caps a series at ${MAX_OCCURRENCES} occurrences and counts the cut`, async () => {
    const text = calendar(
      "BEGIN:VEVENT",
      "UID:daily@irl.test",
      "DTSTART:20000101T120000Z",
      "RRULE:FREQ=DAILY",
      "SUMMARY:Daily",
      "END:VEVENT",
    );
    const rs = await recordsOf(text, Date.UTC(2026, 0, 1));
    expect(events(rs)).toHaveLength(MAX_OCCURRENCES);
    expect(iso(events(rs).at(-1)?.start)).toBe("2002-09-26T12:00:00.000Z");
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([["recurrence capped", 3]]);
  });

  it("keys events without UID by a hash, and tells apart two plain events sharing a UID", async () => {
    const text = calendar(
      "BEGIN:VEVENT",
      "SUMMARY:No uid",
      "DTSTART:20240101T100000Z",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:same",
      "DTSTART:20240102T100000Z",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:same",
      "DTSTART:20240103T100000Z",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:same",
      "DTSTART:20240103T100000Z",
      "END:VEVENT",
    );
    const rs = await recordsOf(text);
    expect(events(rs).map((e) => e.key)).toEqual([
      expect.stringMatching(/^ical:nouid:[0-9a-f]{20}$/),
      "ical:same",
      "ical:same:2024-01-03T10:00:00Z",
    ]);
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([["duplicate", 15]]);
    expect((await recordsOf(text)).map((r) => (r as EventRecord).key)).toEqual(
      rs.map((r) => (r as EventRecord).key),
    );
  });
});

describe("icalImporter on broken input", () => {
  it("skips an event with a line ical.js cannot read, naming that line, and goes on", async () => {
    const text = calendar(
      "BEGIN:VEVENT",
      "UID:a",
      "DTSTART:20240101T100000Z",
      "this line is garbage",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:b",
      "DTSTART:20240102T100000Z",
      "END:VEVENT",
    );
    const rs = await recordsOf(text);
    expect(events(rs).map((e) => e.key)).toEqual(["ical:b"]);
    const [bad] = skips(rs);
    expect(bad).toMatchObject({ reason: "bad event", place: { line: 6 } });
    expect(bad?.message).toMatch(/^the event that begins on line 3 cannot be read \(line 6: /);
  });

  it("skips an event cut off by the end of its calendar or of the file", async () => {
    const cut = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n";
    expect(skips(await recordsOf(cut)).map((s) => [s.reason, s.place.line])).toEqual([
      ["truncated", 2],
    ]);
    const eof = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240101T100000Z";
    expect(skips(await recordsOf(eof)).map((s) => [s.reason, s.place.line])).toEqual([
      ["truncated", 2],
      ["truncated calendar", 1],
    ]);
  });

  it("skips a VTIMEZONE without TZID and reads its times in the named zone instead", async () => {
    const text = calendar(
      "BEGIN:VTIMEZONE",
      "X-BROKEN:TRUE",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:a",
      "DTSTART;TZID=America/New_York:20240115T090000",
      "END:VEVENT",
    );
    const rs = await recordsOf(text);
    expect(skips(rs).map((s) => s.reason)).toEqual(["bad timezone"]);
    expect(iso(events(rs)[0]?.start)).toBe("2024-01-15T14:00:00.000Z");
  });

  it("throws an input error naming the file and line when the file is not iCalendar", async () => {
    const error = await recordsOf("\n\nSubject,Start Date\n").catch((e) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({ code: "input", file: "t.ics", place: "line 3" });
  });
});

describe("icalImporter.detect", () => {
  it("accepts calendars and bare events", () => {
    expect(icalImporter.detect(TEAM.toString("utf8"))).toBe(true);
    expect(icalImporter.detect("\uFEFF\r\nbegin:vcalendar\r\n")).toBe(true);
    expect(icalImporter.detect("BEGIN:VEVENT\nSUMMARY:x\n")).toBe(true);
  });

  it("rejects other formats' heads", () => {
    expect(icalImporter.detect("BEGIN:VCARD\r\nVERSION:3.0\r\n")).toBe(false);
    expect(
      icalImporter.detect(
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">',
      ),
    ).toBe(false);
    expect(icalImporter.detect("Subject,Start Date,Start Time\nLunch,2024-01-01,12:00\n")).toBe(
      false,
    );
    expect(icalImporter.detect("X-WR-CALNAME:oops\nBEGIN:VCALENDAR\n")).toBe(false);
  });
});
