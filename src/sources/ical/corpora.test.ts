/**
 * The importer against real iCalendar files from other projects, read from
 * ../shared/corpora/ics (never copied into this repository). Where the corpus holds ical.js'
 * expected jCal (RFC 7265) for a file, the fields irl keeps are compared with it. Every other
 * file is compared with ical.js' parse of the whole document at once (an oracle independent of
 * our splitting, streaming, zone fallbacks and recurrence handling), and the notable files have
 * expectations read from the file itself (the comments say which).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { chunked } from "../../testing/chunks.js";
import type { EventRecord, SkipRecord, SourceRecord } from "../records.js";
import { icalImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/ics");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "iCalendar corpora" : `iCalendar corpora (skipped: ${CORPUS} is missing)`;
const NOW = Date.UTC(2026, 5, 1);

function icsFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(CORPUS, d.name))
        .filter((f) => f.endsWith(".ics"))
        .map((f) => `${d.name}/${f}`),
    );
}

async function importBytes(bytes: Buffer, chunkSize = 4096): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const input = { path: "corpus.ics", chunks: chunked(bytes, chunkSize), options: { now: NOW } };
  for await (const batch of icalImporter.parse(input)) records.push(...batch);
  return records;
}

const read = (name: string) => readFileSync(path.join(CORPUS, name));
const importFile = (name: string, chunkSize?: number) => importBytes(read(name), chunkSize);
const events = (rs: SourceRecord[]) => rs.filter((r): r is EventRecord => r.type === "event");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const emails = (e: EventRecord | undefined) =>
  e?.attendees.map((a) => a.party.identities[0]?.value) ?? [];
const byKey = (rs: SourceRecord[], key: string) => events(rs).find((e) => e.key === key);
const DOTTED = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;

/** Who ical.js says an event names: organizer first, then attendees, each address once. */
function oracleAttendees(event: IcalComponent): { email?: string; name?: string }[] {
  const out: { email?: string; name?: string }[] = [];
  const props = [event.getFirstProperty("organizer"), ...event.getAllProperties("attendee")];
  for (const prop of props) {
    if (!prop) continue;
    if (["ROOM", "RESOURCE"].includes(String(prop.getFirstParameter("cutype")).toUpperCase()))
      continue;
    const raw = String(prop.getFirstValue()).replace(/^"|"$/g, "");
    const address =
      (prop.getFirstParameter("email") as string | null) ?? raw.replace(/^mailto:/i, "");
    const email = DOTTED.test(address) ? address : undefined;
    const cn = (prop.getFirstParameter("cn") as string | null)?.replace(/\s+/g, " ").trim();
    const name = cn && cn.toLowerCase() !== email?.toLowerCase() ? cn : undefined;
    const known = email && out.find((p) => p.email?.toLowerCase() === email.toLowerCase());
    if (known) {
      known.name ??= name; // the organizer listed again as an attendee lends it a missing name
      continue;
    }
    out.push({ email, name });
  }
  return out;
}

describeCorpus(title, () => {
  it("detects every corpus calendar from its head", () => {
    const files = icsFiles();
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const file of files) {
      const head = read(file).subarray(0, 65536).toString("utf8");
      expect(icalImporter.detect(head), file).toBe(true);
    }
  });

  it("imports every file without a crash, the same in 1-byte chunks and twice, keys unique", async () => {
    for (const file of icsFiles()) {
      const records = await importFile(file);
      expect(await importFile(file, 1), file).toEqual(records);
      expect(await importFile(file, 4096), file).toEqual(records);
      const keys = events(records).map((e) => e.key);
      expect(new Set(keys).size, file).toBe(keys.length);
    }
  });

  it("ical.js/rfc.ics matches ical.js' jCal: UID, SUMMARY and the all-day DTSTART", async () => {
    const jcal = JSON.parse(read("ical.js/rfc.json").toString("utf8"));
    const vevent = new ICAL.Component(jcal).getFirstSubcomponent("vevent") as IcalComponent;
    const rs = await importFile("ical.js/rfc.ics");
    expect(events(rs)).toHaveLength(1);
    const [e] = events(rs);
    expect(e?.key).toBe(`ical:${vevent.getFirstPropertyValue("uid")}`);
    expect(e?.title).toBe(vevent.getFirstPropertyValue("summary"));
    expect(iso(e?.start)?.slice(0, 10)).toBe(jcal[2][0][1][1][3]);
    expect(e?.attendees).toEqual([]);
  });

  it("ical.js/property_params.ics: attendee names and addresses match ical.js' jCal", async () => {
    // The file's ATTENDEEs sit directly in VCALENDAR (no VEVENT): imported as is, nothing comes
    // out; wrapped in an event (in memory), every tricky parameter must read as ical.js reads it.
    expect(events(await importFile("ical.js/property_params.ics"))).toEqual([]);
    const text = read("ical.js/property_params.ics").toString("utf8");
    const attendeeLines = text
      .replace(/\r?\n[ \t]/g, "")
      .split(/\r?\n/)
      .filter((l) => l.startsWith("ATTENDEE"));
    const wrapped = ["BEGIN:VEVENT", "UID:wrapped", ...attendeeLines, "END:VEVENT"].join("\r\n");
    const [e] = events(await importBytes(Buffer.from(wrapped)));
    const jcal = JSON.parse(read("ical.js/property_params.json").toString("utf8")) as [
      string,
      [string, Record<string, string>, string, string][],
    ];
    const expected = jcal[1]
      .filter((p) => p[0] === "attendee")
      .map(([, params, , value]) => {
        const address = value.replace(/^mailto:/, "");
        const cn = params.cn?.replace(/\s+/g, " ").trim();
        return {
          email: DOTTED.test(address) ? address : undefined,
          name: cn || undefined,
          // Every ROLE here is absent or "REQ-PARTICIPANT;foo", not a role: the default.
          role: "attendee",
          status: params.partstat?.toLowerCase(),
        };
      });
    expect(expected).toHaveLength(10);
    expect(
      e?.attendees.map((a) => ({
        email: a.party.identities[0]?.value,
        name: a.party.name,
        role: a.role,
        status: a.status,
      })),
    ).toEqual(expected);
    // Spot checks read from the file: a quoted CN with ';', and RFC 6868 ^-escapes.
    expect(e?.attendees[1]?.party.name).toBe("Foo; Bar");
    expect(e?.attendees[6]?.party.name).toBe(`^Ж 4 <>\\'" :`);
  });

  it("every VEVENT ical.js reads from a whole file is imported with its summary, start and people", async () => {
    let compared = 0;
    for (const file of icsFiles()) {
      let root: IcalComponent;
      try {
        root = new ICAL.Component(ICAL.parse(read(file).toString("utf8")));
      } catch {
        continue; // ms_timezones.ics: ical.js rejects the whole file (see its own test).
      }
      const rs = await importFile(file);
      const zones = new Set(
        root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
      );
      const vevents = root.name === "vevent" ? [root] : root.getAllSubcomponents("vevent");
      for (const vevent of vevents) {
        compared++;
        const uid = vevent.getFirstPropertyValue("uid") as string | null;
        const summary = String(vevent.getFirstPropertyValue("summary") ?? "").trim();
        const where = `${file} ${uid} ${summary}`;
        if (String(vevent.getFirstPropertyValue("status")).toUpperCase() === "CANCELLED") {
          expect(
            skips(rs).some((s) => s.reason === "cancelled" && s.message.includes(summary)),
            where,
          ).toBe(true);
          continue;
        }
        const mine = events(rs).filter((e) =>
          uid
            ? e.key === `ical:${uid}` || e.key.startsWith(`ical:${uid}:`)
            : e.key.startsWith("ical:nouid:"),
        );
        const match = mine.filter((e) => e.title === summary);
        expect(match.length, where).toBeGreaterThan(0);
        const dtstart = vevent.getFirstProperty("dtstart");
        const start = dtstart?.getFirstValue() as IcalTime | undefined;
        const tzid = dtstart?.getFirstParameter("tzid") as string | undefined;
        const recurring = vevent.hasProperty("rrule") || vevent.hasProperty("rdate");
        // Times ical.js can place on its own: UTC, dates, or a TZID the file defines.
        if (
          start &&
          !recurring &&
          (start.isDate || start.zone?.tzid === "UTC" || (tzid && zones.has(tzid)))
        ) {
          const at = start.isDate
            ? Date.UTC(start.year, start.month - 1, start.day)
            : start.toUnixTime() * 1000;
          expect(
            match.map((e) => e.start),
            where,
          ).toContain(at);
        }
        for (const e of match) {
          const people = e.attendees.map((a) => ({
            email: a.party.identities[0]?.value,
            name: a.party.name,
          }));
          const expected = oracleAttendees(vevent);
          // An override that names nobody takes the series' people: it has at least its own.
          if (vevent.hasProperty("recurrence-id") && !vevent.hasProperty("attendee")) {
            expect(people.slice(0, expected.length), where).toEqual(expected);
          } else if (!recurring || e.key.startsWith(`ical:${uid}:`)) {
            expect(people, where).toEqual(expected);
          }
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(80);
  });

  it("ical.js/recur_instances.ics: monthly series with RDATEs, EXDATEs and two overrides (Zimbra)", async () => {
    const rs = await importFile("ical.js/recur_instances.ics");
    const uid = "ical:623c13c0-6c2b-45d6-a12b-c33ad61c4868";
    const series = events(rs).filter((e) => e.key.startsWith(`${uid}:`));
    // Read from the file: the first Tuesday of every month from October 2012 up to NOW
    // (164 months), less 3 EXDATEs, plus 5 RDATEs (one a PERIOD).
    expect(series).toHaveLength(164 - 3 + 5);
    expect(series.map((e) => iso(e.start))).not.toContain("2012-12-04T18:00:00.000Z");
    expect(byKey(rs, `${uid}:2023-11-25T09:00:00Z`)?.end).toBe(Date.UTC(2023, 10, 25, 9, 30));
    // The override of the first occurrence (10:00 Los Angeles) moves it to 15:00 the same day.
    const moved = byKey(rs, `${uid}:2012-10-02T17:00:00Z`);
    expect([iso(moved?.start), iso(moved?.end)]).toEqual([
      "2012-10-02T22:00:00.000Z",
      "2012-10-02T22:30:00.000Z",
    ]);
    // The RECURRENCE-ID in UTC replaces the RDATE 2012-11-05 10:00 Los Angeles.
    expect(iso(byKey(rs, `${uid}:2012-11-05T18:00:00Z`)?.start)).toBe("2012-11-07T04:00:00.000Z");
    expect(emails(byKey(rs, `${uid}:2013-01-01T18:00:00Z`))).toEqual([
      "jlal@mozilla.com",
      "calmozilla1@gmail.com",
      "james@lightsofapollo.com",
      "iam.revelation@gmail.com",
    ]);
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([
      ["bad timezone", 21],
      ["not an event", 98],
    ]);
  });

  it("ical.js/google_birthday.ics: Google's birthdays; the …@virtual address is not an e-mail", async () => {
    const rs = await importFile("ical.js/google_birthday.ics");
    // Read from the file: a series (COUNT=1 plus two RDATEs) and three overrides of another UID
    // whose series is absent.
    expect(events(rs).map((e) => e.key)).toEqual([
      "ical:2014_BIRTHDAY_79d389868f96182e@google.com:2012-12-10",
      "ical:2014_BIRTHDAY_79d389868f96182e@google.com:2013-12-10",
      "ical:2014_BIRTHDAY_79d389868f96182e@google.com:2014-12-10",
      "ical:BIRTHDAY_79d389868f96182e@google.com:2012-12-10",
      "ical:BIRTHDAY_79d389868f96182e@google.com:2013-12-10",
      "ical:BIRTHDAY_79d389868f96182e@google.com:2014-12-10",
    ]);
    for (const e of events(rs)) {
      expect(e.attendees).toEqual([
        { party: { name: "Contacts", identities: [] }, role: "attendee", status: "accepted" },
      ]);
    }
  });

  it("node-ical/tentative-apple-calendar.ics: Apple's EMAIL= parameter, statuses, a cancelled event", async () => {
    const rs = await importFile("node-ical/tentative-apple-calendar.ics");
    expect(events(rs).map((e) => e.title)).toEqual(["Tentative", "Confirmed", "No Status"]);
    expect(skips(rs).map((s) => [s.reason, s.place.line])).toEqual([["cancelled", 44]]);
    expect(events(rs)[0]?.attendees).toEqual([
      {
        party: { identities: [{ kind: "email", value: "tentative@example.com" }] },
        role: "organizer",
        status: "tentative",
      },
    ]);
    // PARTSTAT=CONFIRMED is not a participation status: left out. 09:00 Vancouver in July.
    expect(events(rs)[1]?.attendees[0]?.status).toBeUndefined();
    expect(iso(events(rs)[1]?.start)).toBe("2022-07-05T16:00:00.000Z");
  });

  it("node-ical/exchange_whole_day_moved_recurrence.ics: an all-day occurrence moved by Exchange", async () => {
    const rs = await importFile("node-ical/exchange_whole_day_moved_recurrence.ics");
    const keys = events(rs).map((e) => e.key);
    // Read from the file: Tuesdays and Thursdays from 2026-02-19 to NOW (2026-06-01).
    expect(keys.slice(0, 3)).toEqual([
      "ical:exchange-moved-recurrence:2026-02-19",
      "ical:exchange-moved-recurrence:2026-02-24",
      "ical:exchange-moved-recurrence:2026-03-03",
    ]);
    expect(keys).toHaveLength(29);
    // RECURRENCE-ID 2026-02-26T00:00 (W. Europe) names the all-day occurrence of 26 February.
    const moved = byKey(rs, "ical:exchange-moved-recurrence:2026-02-26");
    expect([iso(moved?.start), iso(moved?.end)]).toEqual([
      "2026-02-27T00:00:00.000Z",
      "2026-02-28T00:00:00.000Z",
    ]);
  });

  it("node-ical/google-calendar-kiev-tz.ics: an override that comes before its series", async () => {
    const rs = await importFile("node-ical/google-calendar-kiev-tz.ics");
    expect(events(rs).map((e) => [e.key.slice(-20), e.title, iso(e.start)])).toEqual([
      ["2016-08-25T11:00:00Z", "repeated", "2016-08-25T11:00:00.000Z"],
      ["2016-08-27T11:00:00Z", "repeated", "2016-08-27T11:00:00.000Z"],
      ["2016-08-28T11:00:00Z", "repeated", "2016-08-28T11:00:00.000Z"],
      ["2016-08-26T11:00:00Z", "bla bla", "2016-08-26T11:00:00.000Z"],
    ]);
  });

  it("node-ical/Office-2012-owa.ics and ms_timezones.ics: Windows zone names, and a broken line", async () => {
    const owa = events(await importFile("node-ical/Office-2012-owa.ics"));
    // No VTIMEZONE in the file: the display names are mapped (Sydney is on UTC+11 in October).
    expect(owa.slice(0, 3).map((e) => [e.title, iso(e.start)])).toEqual([
      ["TEST Syd", "2020-10-28T02:30:00.000Z"],
      ["TEST", "2020-10-28T17:30:00.000Z"],
      ["TEST 3", "2020-11-02T18:30:00.000Z"],
    ]);
    const ms = await importFile("node-ical/ms_timezones.ics");
    expect(iso(events(ms).find((e) => e.title === "test")?.start)).toBe("2020-09-10T07:00:00.000Z");
    // Line 152 quotes the TZID and the time together: that event is skipped, naming the line.
    expect(skips(ms).map((s) => [s.reason, s.place.line])).toEqual([["bad event", 152]]);
    expect(events(ms).filter((e) => e.title === "Log Yesterday's Jira time")).toEqual([]);
  });

  it("node-ical/meetup-timed-tz.ics: a Meetup event with its place, link and local time", async () => {
    const [e] = events(await importFile("node-ical/meetup-timed-tz.ics"));
    expect(e).toMatchObject({
      key: "ical:event_nsmxnyppbfc@meetup.com",
      title: "Phoenix Drupal User Group Monthly Meetup",
      location: "Open Source Project Tempe (1415 E University Dr. #103A, Tempe, AZ 85281)",
      url: "http://www.meetup.com/Phoenix-Drupal-User-Group/events/33627272/",
      attendees: [],
    });
    expect(iso(e?.start)).toBe("2011-11-10T02:00:00.000Z");
  });

  it("node-ical/tripit-location-escaping.ics: 47 trips and flights with escaped locations", async () => {
    const rs = await importFile("node-ical/tripit-location-escaping.ics");
    expect(events(rs)).toHaveLength(47);
    expect(skips(rs)).toEqual([]);
    expect(events(rs)[0]).toMatchObject({
      title: "South San Francisco, CA, October 2011;",
      location: "South San Francisco, CA",
    });
  });

  it("files with no VEVENT give counted skips and no events", async () => {
    for (const [file, count] of [
      ["node-ical/utf8-french-calendar.ics", 2],
      ["node-ical/vfreebusy-zimbra.ics", 1],
      ["icalendar-py/issue_27_multiple_periods_in_freebusy_multiple_freebusies.ics", 1],
    ] as const) {
      const rs = await importFile(file);
      expect(events(rs), file).toEqual([]);
      expect(
        skips(rs).filter((s) => s.reason === "not an event"),
        file,
      ).toHaveLength(count);
    }
  });

  it("icalendar-py: umlauts in a quoted CN, a bare VEVENT file, RFC 6868 in CN", async () => {
    const [umlaut] = events(
      await importFile("icalendar-py/issue_101_icalendar_chokes_on_umlauts_in_organizer.ics"),
    );
    expect(umlaut).toMatchObject({
      location: "im büro",
      attendees: [
        {
          party: {
            name: "acme, ädmin",
            identities: [{ kind: "email", value: "adm-acme@mydomain.de" }],
          },
          role: "organizer",
        },
      ],
    });
    const [babe] = events(await importFile("icalendar-py/rfc_6868.ics"));
    expect(babe?.attendees[0]?.party.name).toBe('George Herman "Babe" Ruth');
    expect(babe?.start).toBeUndefined();
  });
});
