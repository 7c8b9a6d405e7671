/**
 * Writes the owner's calendar as one iCalendar file: 1:1 meetings and small group meetings with
 * the IRL circle over the years, a few with growing ties, one weekly recurring meeting (RRULE
 * with a COUNT, ended before the reference date, so its occurrences are known), two past
 * conferences with many attendees, and one cancelled meeting. ORGANIZER and ATTENDEE are
 * `mailto:` with CN and PARTSTAT; the owner is always their primary (personal) address.
 * Streams event by event, times in UTC.
 *
 * @example
 * const { counts } = writeIcal(buildWorld({ people: 200 }), "/tmp/calendar.ics");
 * counts.events + counts.occurrences; // event records the iCal importer should yield
 */
import { mailAddress } from "./channels.js";
import { ChunkedFile } from "./output.js";
import { createRng, type Rng } from "./random.js";
import { CLUSTERS } from "./vocabulary.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface IcalCounts {
  /** Single (non-recurring, not cancelled) events: one record each. */
  events: number;
  /** Recurring series and their expanded occurrences (one record each). */
  recurring: number;
  occurrences: number;
  /** Cancelled events, skipped. */
  cancelled: number;
  /** Events with more than ten attendees. */
  conferences: number;
}

export interface IcalResult {
  path: string;
  bytes: number;
  counts: IcalCounts;
  /** Meetings (single events and occurrences) per person id. */
  meetings: Record<string, number>;
}

interface Party {
  name: string;
  email: string;
}

interface Vevent {
  uid: string;
  start: number;
  minutes: number;
  summary: string;
  location?: string;
  organizer: Party;
  attendees: Party[];
  rrule?: string;
  cancelled?: boolean;
}

export const WEEKLY_COUNT = 26;

export function writeIcal(world: World, filePath: string): IcalResult {
  const out = new ChunkedFile(filePath);
  const counts: IcalCounts = {
    events: 0,
    recurring: 0,
    occurrences: 0,
    cancelled: 0,
    conferences: 0,
  };
  const meetings: Record<string, number> = {};
  const owner: Party = { name: world.owner.name, email: world.owner.emails.personal };
  const party = (p: Person): Party => ({ name: p.fullName, email: mailAddress(p) });
  let seq = 0;
  const emit = (e: Omit<Vevent, "uid">, people: readonly Person[], times = 1) => {
    const uid = `s${world.seed}-${++seq}@calendar.robinhale.example`;
    out.write(vevent({ ...e, uid }, world.referenceDate));
    if (e.cancelled) counts.cancelled++;
    else if (e.rrule) {
      counts.recurring++;
      counts.occurrences += times;
    } else counts.events++;
    if (e.attendees.length > 10) counts.conferences++;
    if (!e.cancelled) for (const p of people) meetings[p.id] = (meetings[p.id] ?? 0) + times;
  };
  out.write(
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//irl sample//calendar//EN\r\nCALSCALE:GREGORIAN\r\n",
  );
  try {
    const rng = createRng("ical", world.seed);
    const irl = world.people.filter((p) => p.role === "irl" && mailAddress(p));
    const growing = world.people.filter((p) => p.role === "growing" && mailAddress(p));
    const limit = world.referenceDate - 2 * HOUR;
    const when = (r: Rng, from: number, until: number) =>
      Math.min(limit, Math.floor(r.float(from, until) / HOUR) * HOUR + 0);
    for (const p of [...irl, ...growing]) {
      const r = createRng("ical", world.seed, p.index);
      const c = p.contact;
      if (!c) continue;
      const n = p.role === "irl" ? r.int(3, 8) : r.int(1, 2);
      for (let k = 0; k < n; k++) {
        const topic = r.pick(p.interests.length > 0 ? p.interests : world.owner.interests);
        const theirs = r.chance(0.3);
        emit(
          {
            start: when(r, c.from, c.until),
            minutes: r.pick([30, 45, 60, 90]),
            summary: `${world.owner.firstName} / ${p.firstName}: ${r.pick(CLUSTERS[topic].terms)}`,
            location: r.pick(["Coffee at Federal", "Video call", "Lunch", "Their office"]),
            organizer: theirs ? party(p) : owner,
            attendees: theirs ? [owner] : [party(p)],
          },
          [p],
        );
      }
    }
    // Small groups of the IRL circle.
    for (let k = 0; k < Math.max(3, Math.round(irl.length / 2)); k++) {
      const group = rng.sample(irl, rng.int(2, 3));
      if (group.length < 2) break;
      emit(
        {
          start: when(rng, world.referenceDate - 3 * 365 * DAY, limit),
          minutes: 90,
          summary: `Dinner club: ${group.map((p) => p.firstName).join(", ")} & ${world.owner.firstName}`,
          location: "Cinder & Salt",
          organizer: owner,
          attendees: group.map(party),
        },
        group,
      );
    }
    // A weekly meeting that ran for half a year and ended before the reference date.
    const weekly = irl[0];
    if (weekly) {
      const start =
        Math.floor((world.referenceDate - 400 * DAY) / DAY) * DAY + 9 * HOUR + 30 * 60_000;
      emit(
        {
          start,
          minutes: 30,
          summary: `Weekly content sync with ${weekly.firstName}`,
          location: "Video call",
          organizer: owner,
          attendees: [party(weekly)],
          rrule: `FREQ=WEEKLY;COUNT=${WEEKLY_COUNT}`,
        },
        [weekly],
        WEEKLY_COUNT,
      );
    }
    // Past conferences with many attendees.
    const crowd = world.people.filter(
      (p) => mailAddress(p) && ["acquaintance", "cardOnly", "irl", "growing"].includes(p.role),
    );
    for (const [k, name] of ["Content Marketing Forum", "Measure Camp North"].entries()) {
      const people = rng.sample(crowd, Math.min(crowd.length, 25 + k * 10));
      emit(
        {
          start: Math.floor((world.referenceDate - (500 - k * 200) * DAY) / DAY) * DAY + 8 * HOUR,
          minutes: 8 * 60,
          summary: name,
          location: k === 0 ? "Manchester Central" : "Leeds Dock",
          organizer: { name: "Emberlight Events", email: "hello@emberlight-events.example" },
          attendees: [owner, ...people.map(party)],
        },
        people,
      );
    }
    // One meeting called off.
    const off = irl[1] ?? irl[0];
    if (off) {
      emit(
        {
          start: when(rng, world.referenceDate - 60 * DAY, limit),
          minutes: 60,
          summary: `Lunch with ${off.firstName} (called off)`,
          organizer: owner,
          attendees: [party(off)],
          cancelled: true,
        },
        [off],
      );
    }
  } finally {
    out.write("END:VCALENDAR\r\n");
    out.close();
  }
  return { path: filePath, bytes: out.bytes, counts, meetings };
}

function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

function text(value: string): string {
  return value.replace(/[\\,;]/g, "\\$&").replace(/\n/g, "\\n");
}

function cn(name: string): string {
  return `"${name.replace(/"/g, "'")}"`;
}

/** Folds a content line at 75 octets, as RFC 5545 asks. */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function vevent(e: Vevent, dtstamp: number): string {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `DTSTAMP:${stamp(dtstamp - 30 * DAY)}`,
    `DTSTART:${stamp(e.start)}`,
    `DTEND:${stamp(e.start + e.minutes * 60_000)}`,
    `SUMMARY:${text(e.summary)}`,
  ];
  if (e.location) lines.push(`LOCATION:${text(e.location)}`);
  if (e.rrule) lines.push(`RRULE:${e.rrule}`);
  lines.push(`ORGANIZER;CN=${cn(e.organizer.name)}:mailto:${e.organizer.email}`);
  for (const a of e.attendees) {
    lines.push(
      `ATTENDEE;CN=${cn(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:${a.email}`,
    );
  }
  lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
