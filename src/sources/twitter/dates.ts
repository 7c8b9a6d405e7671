/**
 * Dates in a Twitter archive: tweets say `created_at: "Sat Feb 18 19:45:15 +0000 2023"`,
 * direct messages and the account say ISO 8601, and likes say nothing at all — but every tweet
 * id since November 2010 (a "snowflake") carries the moment the tweet was made.
 *
 * @example
 * parseTwitterDate("Sat Feb 18 19:45:15 +0000 2023"); // Date.UTC(2023, 1, 18, 19, 45, 15)
 * snowflakeTime("1627031510963441664");               // 1676749515xxx, when that tweet was made
 */
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const CLASSIC = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch for either of the archive's date forms; undefined otherwise. */
export function parseTwitterDate(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  const m = CLASSIC.exec(s);
  if (m) {
    const month = MONTHS[m[1] as string];
    if (month === undefined) return undefined;
    const [, , day, h, min, sec, sign, offH, offM, year] = m;
    const utc = Date.UTC(Number(year), month, Number(day), Number(h), Number(min), Number(sec));
    const offset = (Number(offH) * 60 + Number(offM)) * 60_000;
    const at = sign === "-" ? utc + offset : utc - offset;
    return Number.isNaN(at) ? undefined : at;
  }
  if (ISO.test(s)) {
    const at = Date.parse(s);
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}

/** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z). */
const TWEPOCH = 1288834974657n;
/** Ids below this predate snowflakes and carry no time. */
const FIRST_SNOWFLAKE = 29_700_859_247n;

/** When the tweet with this id was made, for snowflake ids; undefined for older ones. */
export function snowflakeTime(id: unknown): number | undefined {
  if (typeof id !== "string" || !/^\d{1,20}$/.test(id)) return undefined;
  const n = BigInt(id);
  if (n < FIRST_SNOWFLAKE) return undefined;
  return Number((n >> 22n) + TWEPOCH);
}
