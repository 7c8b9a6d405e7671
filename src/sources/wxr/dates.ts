/**
 * Dates as WordPress writes them in WXR: `2014-01-14 17:31:03` (the `_gmt` fields are UTC, the
 * others site-local, which we also read as UTC for want of a zone) and RFC 822 `pubDate`s.
 * "0000-00-00 00:00:00" is WordPress' way of saying "no date".
 *
 * @example
 * parseWpDate("2014-01-14 17:31:03"); // Date.UTC(2014, 0, 14, 17, 31, 3)
 * parseWpDate("0000-00-00 00:00:00"); // undefined
 */

/** Milliseconds since the epoch for a `YYYY-MM-DD[ HH:MM[:SS]]` date read as UTC, if valid. */
export function parseWpDate(value: string | undefined): number | undefined {
  if (value === undefined || value.length < 10) return undefined;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (value.length > 10) {
    const sep = value.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || value.charCodeAt(13) !== 58) return undefined;
    hour = digits(value, 11, 2);
    minute = digits(value, 14, 2);
    if (value.length > 16) {
      if (value.length !== 19 || value.charCodeAt(16) !== 58) return undefined;
      second = digits(value, 17, 2);
    } else if (value.length !== 16) return undefined;
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) {
    return undefined;
  }
  if (second < 0 || second > 59) return undefined;
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(at).getUTCDate() === day ? at : undefined;
}

/** Milliseconds since the epoch for an RFC 822 date such as a `pubDate`, if valid. */
export function parseRfc822(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** The decimal number in `value[start, start + count)`, or -1 when it is not all digits. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
