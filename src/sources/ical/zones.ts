/**
 * Time zones for one calendar, and times to milliseconds since the epoch.
 *
 * The calendar's VTIMEZONE blocks are kept under one root VCALENDAR component; each event is
 * parsed as a child of that root (`attach`), so ical.js resolves its TZIDs against them and
 * caches each zone's transitions once for the whole file.
 *
 * A TZID with no VTIMEZONE (Exchange, hand-written files) is looked up in Node's own zone
 * database (`America/Los_Angeles`, `US/Pacific`, also behind an old `/mozilla.org/…/` prefix),
 * then in a short table of common Windows zone names and display names ("W. Europe Standard
 * Time", "(UTC-05:00) Eastern Time (US & Canada)"), then a `(UTC+hh:mm)`/`(GMT+hh:mm)` prefix
 * is taken as a fixed offset. A time in no known zone (floating) is read as UTC.
 * All-day dates are midnight UTC of that date.
 *
 * @example
 * const zones = new Zones();
 * zones.add(vtimezoneJcal);
 * const event = zones.attach(veventJcal);
 * zones.epoch(event.getFirstPropertyValue("dtstart"), "Europe/Berlin");
 */
import ICAL from "ical.js";

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalComponent = InstanceType<typeof ICAL.Component>;

/** Windows zone ids and display names (without their "(UTC±hh:mm) " prefix) → IANA. */
const WINDOWS_ZONES: Record<string, string> = {
  "eastern standard time": "America/New_York",
  "eastern time (us & canada)": "America/New_York",
  "central standard time": "America/Chicago",
  "central time (us & canada)": "America/Chicago",
  "mountain standard time": "America/Denver",
  "mountain time (us & canada)": "America/Denver",
  "us mountain standard time": "America/Phoenix",
  arizona: "America/Phoenix",
  "pacific standard time": "America/Los_Angeles",
  "pacific time (us & canada)": "America/Los_Angeles",
  "gmt standard time": "Europe/London",
  "dublin, edinburgh, lisbon, london": "Europe/London",
  "w. europe standard time": "Europe/Berlin",
  "amsterdam, berlin, bern, rome, stockholm, vienna": "Europe/Berlin",
  "romance standard time": "Europe/Paris",
  "brussels, copenhagen, madrid, paris": "Europe/Paris",
  "central europe standard time": "Europe/Budapest",
  "central european standard time": "Europe/Warsaw",
  "aus eastern standard time": "Australia/Sydney",
  "canberra, melbourne, sydney": "Australia/Sydney",
  "india standard time": "Asia/Kolkata",
  "china standard time": "Asia/Shanghai",
  "tokyo standard time": "Asia/Tokyo",
  "coordinated universal time": "UTC",
  utc: "UTC",
};

const OFFSET_PREFIX = /^\((?:UTC|GMT)(?:([+-])(\d{1,2}):?(\d{2}))?\)\s*(.*)$/i;
const MAX_FORMATTERS = 1000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

export class Zones {
  private root: IcalComponent = newRoot();

  /** Forgets the zones of the previous calendar. */
  reset(): void {
    this.root = newRoot();
  }

  /** Adds a VTIMEZONE; returns its TZID, or undefined when it has none (unusable). */
  add(jcal: unknown[]): string | undefined {
    const component = new ICAL.Component(jcal);
    const tzid = component.getFirstPropertyValue("tzid");
    if (typeof tzid !== "string" || !tzid) return undefined;
    this.root.addSubcomponent(component);
    return tzid;
  }

  /** An event component whose TZIDs resolve against this calendar's zones. */
  attach(jcal: unknown[]): IcalComponent {
    return new ICAL.Component(jcal, this.root);
  }

  /** Milliseconds since the epoch; `tzid` is the property's TZID parameter, if any. */
  epoch(time: IcalTime, tzid?: string): number {
    if (time.isDate) return Date.UTC(time.year, time.month - 1, time.day);
    const zone = time.zone;
    if (zone && zone.tzid !== "floating" && zone !== ICAL.Timezone.localTimezone) {
      return time.toUnixTime() * 1000;
    }
    const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
    // ical.js keeps an unresolved TZID on the time itself (not in its typings).
    const name = tzid ?? (time as IcalTime & { timezone?: string }).timezone;
    return name ? wallClockIn(wall, name) : wall;
  }
}

function newRoot(): IcalComponent {
  return new ICAL.Component(["vcalendar", [], []]);
}

/** `wall` is the wall-clock time written as if it were UTC. */
export function wallClockIn(wall: number, tzid: string): number {
  const name = tzid.trim().replace(/^"|"$/g, "");
  const iana = formatter(name) ? name : ianaFor(name);
  if (iana) {
    const f = formatter(iana) as Intl.DateTimeFormat;
    const first = offsetAt(f, wall);
    let t = wall - first;
    const second = offsetAt(f, t);
    if (second !== first) t = wall - second;
    return t;
  }
  const fixed = OFFSET_PREFIX.exec(name);
  if (fixed) {
    const [, sign, hours = "0", minutes = "0"] = fixed;
    const offset = (Number(hours) * 60 + Number(minutes)) * 60_000;
    return sign === "-" ? wall + offset : wall - offset;
  }
  return wall;
}

function ianaFor(name: string): string | undefined {
  const mozilla = /^\/[^/]+\/[^/]+\/(.+)$/.exec(name)?.[1];
  if (mozilla && formatter(mozilla)) return mozilla;
  const lower = name.toLowerCase();
  const direct = WINDOWS_ZONES[lower];
  if (direct) return direct;
  const rest = OFFSET_PREFIX.exec(name)?.[4]?.toLowerCase();
  return rest ? WINDOWS_ZONES[rest] : undefined;
}

function formatter(tz: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: tz,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(tz, f);
  }
  return f ?? undefined;
}

/** The zone's offset from UTC at `t`, in milliseconds. */
function offsetAt(f: Intl.DateTimeFormat, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(t))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(t / 1000) * 1000;
}
