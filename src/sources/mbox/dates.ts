/**
 * Dates from e-mail: the `Date:` header (RFC 5322, with the obsolete forms old mail uses) and the
 * date on an mbox `From ` line (asctime, `Mon Jun  3 12:50:27 1996`). A date without a zone is
 * read as UTC, so the result never depends on the machine's time zone. Anything that is not a
 * date with a time gives `undefined` (mailparser would give "now", which must never be stored).
 *
 * @example
 * parseMailDate("Fri, 23 Aug 2002 2:32:53 -0400"); // Date.UTC(2002, 7, 23, 6, 32, 53)
 * fromLineDate("From ada@quill.example Mon Jun  3 12:50:27 1996"); // Date.UTC(1996, 5, 3, 12, 50, 27)
 */
const ZONE = /(?:[+-]\d{4}|\b(?:UTC?|GMT|Z|[ECMP][SD]T)\b)/i;
const TIME = /\d{1,2}:\d{2}/;

export function parseMailDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const text = value
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!TIME.test(text) || !/\d{2,4}/.test(text.replace(TIME, ""))) return undefined;
  const ms = Date.parse(ZONE.test(text) ? text : `${text} +0000`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The date after the sender on a `From ` separator line, if there is one. */
export function fromLineDate(separator: string): number | undefined {
  const m = /^From \S*\s+(.+)$/.exec(separator);
  return m?.[1] ? parseMailDate(m[1]) : undefined;
}
