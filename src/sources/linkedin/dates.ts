/**
 * The dates LinkedIn exports write, in milliseconds since the epoch. LinkedIn gives no time zone
 * except in messages ("… UTC"); the others are taken as UTC, which is right to the day.
 *
 * - "22 Dec 2025", "04-Feb-2010" (Connected On)
 * - "11/21/25", "12/15/24, 7:47 AM" (US month/day/year, newer Connections and Invitations)
 * - "Mar 25 2023 10:15 AM", "Mar 25, 2023" (Invitations, older exports)
 * - "2023-11-15 14:30:00 UTC", "2023-11-15T14:30:00Z" (messages)
 *
 * @example
 * parseLinkedInDate("22 Dec 2025"); // Date.UTC(2025, 11, 22)
 * parseLinkedInDate("12/15/24, 7:47 AM"); // Date.UTC(2024, 11, 15, 7, 47)
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TIME = String.raw`(?:[,\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?`;
const ZONE = String.raw`\s*(?:UTC|GMT|Z|\+00:?00)?`;

const ISO = new RegExp(
  String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?${ZONE}$`,
);
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^(\d{1,2})[\s-]+([A-Za-z]{3,})\.?[\s,-]+(\d{4})${TIME}${ZONE}$`,
);
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}${ZONE}$`,
);
const US_NUMERIC = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})${TIME}${ZONE}$`);

export function parseLinkedInDate(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let m = ISO.exec(text);
  if (m) return build(m[1], m[2], m[3], m[4], m[5], m[6], undefined);
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return build(m[3], month(m[2]), m[1], m[4], m[5], m[6], m[7]);
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return build(m[3], month(m[1]), m[2], m[4], m[5], m[6], m[7]);
  m = US_NUMERIC.exec(text);
  if (m) return build(fullYear(m[3] as string), m[1], m[2], m[4], m[5], m[6], m[7]);
  return undefined;
}

function month(name: string | undefined): string | undefined {
  const k = MONTHS.indexOf((name ?? "").slice(0, 3).toLowerCase());
  return k === -1 ? undefined : String(k + 1);
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999. */
function fullYear(year: string): string {
  if (year.length === 4) return year;
  const y = Number(year);
  return String(y < 70 ? 2000 + y : 1900 + y);
}

function build(
  year: string | undefined,
  mon: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  meridiem: string | undefined,
): number | undefined {
  if (year === undefined || mon === undefined || day === undefined) return undefined;
  const y = Number(year);
  const mo = Number(mon);
  const d = Number(day);
  let h = hour === undefined ? 0 : Number(hour);
  const mi = minute === undefined ? 0 : Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    const pm = meridiem.toLowerCase() === "pm";
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const at = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(at).getUTCDate() === d ? at : undefined;
}
