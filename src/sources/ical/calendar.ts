/**
 * Turns a calendar's blocks into event records, one VEVENT at a time.
 *
 * A plain event (no RRULE/RDATE, no RECURRENCE-ID) is emitted as soon as it is read, keyed
 * `ical:<UID>`. A recurring event and its overrides (VEVENTs with the same UID and a
 * RECURRENCE-ID, which may come before or after it) are held until the calendar ends: then
 * the series is expanded up to `now` (at most 1000 occurrences; the cut is counted as a
 * "recurrence capped" skip), each occurrence keyed `ical:<UID>:<its original start>`, and an
 * occurrence that an override replaces is emitted from the override instead, under the same
 * key (with the series' attendees and location when it names none: an override that only
 * moves an occurrence often leaves them out). An override whose series is absent is emitted
 * on its own under that key.
 *
 * Occurrence ids: `2024-05-07` for all-day series, else the UTC instant `2024-05-07T08:00:00Z`.
 * An override's RECURRENCE-ID is read in its own zone, and as a date when the series is
 * all-day (Exchange writes a midnight date-time for an all-day occurrence).
 *
 * Skipped and counted: CANCELLED events and overrides ("cancelled"; a cancelled override also
 * removes its occurrence), events ical.js cannot parse ("bad event", naming the line), VTIMEZONE
 * without TZID ("bad timezone"), VTODO/VJOURNAL/VFREEBUSY ("not an event"), a second event
 * under a key already used ("duplicate"). Two plain events sharing a UID (some exporters
 * reuse one) are told apart by their start: the second is `ical:<UID>:<start>`. An event with
 * no UID is keyed by a hash of its summary, start, organizer, attendees and location.
 *
 * @example
 * const calendar = new Calendar(Date.now());
 * const records = calendar.block({ type: "event", lines, line: 12 });
 * records.push(...calendar.flush());
 */
import { createHash } from "node:crypto";
import ICAL from "ical.js";
import type { EventRecord, Place, SkipRecord, SourceRecord } from "../records.js";
import { attendeesOf } from "./attendees.js";
import type { Block, Line } from "./blocks.js";
import { Zones } from "./zones.js";

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;

/** At most this many occurrences of one recurring event are imported. */
export const MAX_OCCURRENCES = 1000;

interface Parsed {
  component: IcalComponent;
  uid: string | undefined;
  summary: string;
  line: number;
  start: IcalTime | undefined;
  startZone: string | undefined;
  cancelled: boolean;
}

interface Series {
  master?: Parsed;
  overrides: Parsed[];
}

export class Calendar {
  private readonly zones = new Zones();
  private readonly keys = new Set<string>();
  private series = new Map<string, Series>();

  constructor(private readonly now: number) {}

  /** The records one block completes. */
  block(block: Block): SourceRecord[] {
    switch (block.type) {
      case "calendar-start":
        this.zones.reset();
        return [];
      case "calendar-end":
        return this.flush();
      case "timezone":
        return this.timezone(block.lines, block.line);
      case "event":
        return this.event(block.lines, block.line);
      case "other":
        return [
          skip(
            "not an event",
            `the ${block.name} that begins on line ${block.line} is not an event`,
            {
              line: block.line,
            },
          ),
        ];
      case "problem":
        return [skip(block.reason, block.message, { line: block.line })];
    }
  }

  /** Expands the held recurring events; called at the end of each calendar and of the file. */
  flush(): SourceRecord[] {
    const out: SourceRecord[] = [];
    for (const [uid, series] of this.series) {
      try {
        this.expand(uid, series, out);
      } catch (error) {
        const at = series.master ?? series.overrides[0];
        out.push(
          skip(
            "bad event",
            `the recurring event that begins on line ${at?.line} could not be expanded: ${(error as Error).message}`,
            placeOf(at),
          ),
        );
      }
    }
    this.series = new Map();
    return out;
  }

  private timezone(lines: Line[], line: number): SourceRecord[] {
    try {
      if (this.zones.add(parseBlock(lines))) return [];
    } catch {
      // Reported below.
    }
    return [
      skip("bad timezone", `the VTIMEZONE that begins on line ${line} has no usable TZID`, {
        line,
      }),
    ];
  }

  private event(lines: Line[], line: number): SourceRecord[] {
    let parsed: Parsed;
    try {
      parsed = this.parse(lines, line);
    } catch (error) {
      const bad = badLineOf(lines) ?? { line, text: "" };
      return [
        skip(
          "bad event",
          `the event that begins on line ${line} cannot be read (line ${bad.line}: ${(error as Error).message})`,
          { line: bad.line },
        ),
      ];
    }
    const { component, uid } = parsed;
    const recurring = component.hasProperty("rrule") || component.hasProperty("rdate");
    const isOverride = component.hasProperty("recurrence-id");
    if ((recurring && parsed.start) || (isOverride && uid)) {
      const id = uid ?? `nouid:${fingerprint(parsed)}`;
      let series = this.series.get(id);
      if (!series) {
        series = { overrides: [] };
        this.series.set(id, series);
      }
      if (isOverride) series.overrides.push(parsed);
      else if (!series.master) series.master = parsed;
      else return [duplicate(parsed)];
      return [];
    }
    if (parsed.cancelled) return [cancelled(parsed)];
    const out: SourceRecord[] = [];
    try {
      const record = this.single(parsed);
      out.push(record ?? duplicate(parsed));
    } catch (error) {
      out.push(
        skip(
          "bad event",
          `the event that begins on line ${line} cannot be read: ${(error as Error).message}`,
          placeOf(parsed),
        ),
      );
    }
    return out;
  }

  private parse(lines: Line[], line: number): Parsed {
    const component = this.zones.attach(parseBlock(lines));
    const uid = textOf(component, "uid") || undefined;
    const dtstart = component.getFirstProperty("dtstart");
    const start = (dtstart?.getFirstValue() as IcalTime | null) ?? undefined;
    return {
      component,
      uid,
      summary: textOf(component, "summary"),
      line,
      start,
      startZone: zoneParam(dtstart),
      cancelled: textOf(component, "status").toUpperCase() === "CANCELLED",
    };
  }

  /** A plain event, or undefined when its key is taken. */
  private single(parsed: Parsed): EventRecord | undefined {
    const record = this.record(parsed);
    const base = parsed.uid ? `ical:${parsed.uid}` : `ical:nouid:${fingerprint(parsed)}`;
    let key: string | undefined = base;
    if (this.keys.has(base)) {
      const { start, startZone, uid } = parsed;
      const second = start && uid && `${base}:${this.occurrenceId(start, startZone, start.isDate)}`;
      key = second && !this.keys.has(second) ? second : undefined;
    }
    if (!key) return undefined;
    this.keys.add(key);
    return { ...record, key };
  }

  private expand(uid: string, series: Series, out: SourceRecord[]): void {
    const { master } = series;
    const allDay = master?.start?.isDate ?? false;
    const replaced = new Map<string, Parsed>();
    for (const override of series.overrides) {
      const rid = override.component.getFirstProperty("recurrence-id");
      const time = rid?.getFirstValue() as IcalTime | null;
      if (!time) continue;
      const id = this.occurrenceId(time, zoneParam(rid), allDay || time.isDate);
      replaced.set(id, override);
    }
    if (master) {
      if (master.cancelled) out.push(cancelled(master));
      else this.occurrences(uid, master, replaced, out);
    }
    for (const [id, override] of replaced) {
      if (override.cancelled) {
        out.push(cancelled(override));
        continue;
      }
      const record: EventRecord = { ...this.record(override), key: `ical:${uid}:${id}` };
      if (master) inherit(record, override, this.record(master));
      this.emit(record, override, out);
    }
  }

  private occurrences(
    uid: string,
    master: Parsed,
    replaced: Map<string, Parsed>,
    out: SourceRecord[],
  ): void {
    const start = master.start as IcalTime;
    const base = this.record(master);
    const length =
      base.start !== undefined && base.end !== undefined ? base.end - base.start : undefined;
    const iterator = new ICAL.Event(master.component).iterator();
    let count = 0;
    for (let item = iterator.next(); item; item = iterator.next()) {
      // An RDATE;VALUE=PERIOD occurrence comes as a period: its start is the occurrence.
      const next: IcalTime = item instanceof ICAL.Period ? item.start : item;
      const at = this.zones.epoch(next, master.startZone);
      if (at > this.now) break;
      if (count >= MAX_OCCURRENCES) {
        out.push(
          skip(
            "recurrence capped",
            `the recurring event "${master.summary}" (line ${master.line}) has more than ${MAX_OCCURRENCES} occurrences up to now; the later ones were not imported`,
            placeOf(master),
          ),
        );
        break;
      }
      count++;
      const id = this.occurrenceId(next, master.startZone, start.isDate);
      if (replaced.has(id)) continue;
      const record: EventRecord = {
        ...base,
        key: `ical:${uid}:${id}`,
        start: at,
        place: { ...base.place, record: `${base.place.record} on ${id}` },
      };
      if (length !== undefined) record.end = at + length;
      this.emit(record, master, out);
    }
  }

  private emit(record: EventRecord, parsed: Parsed, out: SourceRecord[]): void {
    if (this.keys.has(record.key)) {
      out.push(duplicate(parsed));
      return;
    }
    this.keys.add(record.key);
    out.push(record);
  }

  /** Everything but the key, for the event as written (its first occurrence). */
  private record(parsed: Parsed): Omit<EventRecord, "key"> {
    const { component } = parsed;
    const record: Omit<EventRecord, "key"> = {
      type: "event",
      title: parsed.summary,
      attendees: attendeesOf(component),
      place: placeOf(parsed),
    };
    if (parsed.start) {
      record.start = this.zones.epoch(parsed.start, parsed.startZone);
      const end = this.endOf(parsed, record.start);
      if (end !== undefined) record.end = end;
    }
    const location = textOf(component, "location");
    if (location) record.location = location;
    const url = textOf(component, "url");
    if (url) record.url = url;
    return record;
  }

  private endOf(parsed: Parsed, start: number): number | undefined {
    const { component } = parsed;
    const dtend = component.getFirstProperty("dtend");
    const end = dtend?.getFirstValue() as IcalTime | null | undefined;
    if (end) return this.zones.epoch(end, zoneParam(dtend));
    const duration = component.getFirstPropertyValue("duration") as InstanceType<
      typeof ICAL.Duration
    > | null;
    if (duration) return start + duration.toSeconds() * 1000;
    return parsed.start?.isDate ? start + 86_400_000 : undefined;
  }

  private occurrenceId(time: IcalTime, zone: string | undefined, asDate: boolean): string {
    if (asDate) return `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}`;
    return new Date(this.zones.epoch(time, zone)).toISOString().replace(/\.000Z$/, "Z");
  }
}

/**
 * An override that only moves an occurrence often leaves out who was invited and where:
 * those come from the series then.
 */
function inherit(record: EventRecord, override: Parsed, master: Omit<EventRecord, "key">): void {
  if (!override.component.hasProperty("attendee")) {
    const organizers = new Set(
      record.attendees.flatMap((a) => a.party.identities.map((i) => i.value.toLowerCase())),
    );
    record.attendees = record.attendees.concat(
      master.attendees.filter(
        (a) => !a.party.identities.some((i) => organizers.has(i.value.toLowerCase())),
      ),
    );
  }
  if (record.location === undefined && master.location !== undefined) {
    record.location = master.location;
  }
  if (record.url === undefined && master.url !== undefined) record.url = master.url;
}

function parseBlock(lines: Line[]): unknown[] {
  const parsed = ICAL.parse(lines.map((l) => l.text).join("\r\n")) as unknown[];
  return (Array.isArray(parsed[0]) ? parsed[0] : parsed) as unknown[];
}

/** The first line ical.js cannot read as a property, to name it in the message. */
function badLineOf(lines: Line[]): Line | undefined {
  for (const line of lines) {
    if (/^(BEGIN|END):/i.test(line.text)) continue;
    try {
      ICAL.parse.property(line.text);
    } catch {
      return line;
    }
  }
  return undefined;
}

function textOf(component: IcalComponent, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? "" : String(value).trim();
}

function zoneParam(
  prop: InstanceType<typeof ICAL.Property> | null | undefined,
): string | undefined {
  const tzid = prop?.getFirstParameter("tzid");
  return typeof tzid === "string" && tzid ? tzid : undefined;
}

function fingerprint(parsed: Parsed): string {
  const c = parsed.component;
  const parts = [
    parsed.summary,
    c.getFirstProperty("dtstart")?.toICALString() ?? "",
    c.getFirstProperty("organizer")?.toICALString() ?? "",
    ...c.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase()),
    textOf(c, "location"),
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 20);
}

function placeOf(parsed: Parsed | undefined): Place {
  if (!parsed) return {};
  return { line: parsed.line, record: `event "${parsed.summary}"` };
}

function skip(reason: string, message: string, place: Place): SkipRecord {
  return { type: "skip", reason, message, place };
}

function cancelled(parsed: Parsed): SkipRecord {
  return skip(
    "cancelled",
    `the event "${parsed.summary}" (line ${parsed.line}) is cancelled`,
    placeOf(parsed),
  );
}

function duplicate(parsed: Parsed): SkipRecord {
  return skip(
    "duplicate",
    `the event "${parsed.summary}" (line ${parsed.line}) repeats the UID and start of an earlier one`,
    placeOf(parsed),
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
