/**
 * Recognises an iCalendar file from its first bytes: the first non-blank line is
 * `BEGIN:VCALENDAR`, or `BEGIN:VEVENT` for a bare event (any case, after an optional BOM).
 *
 * @example
 * looksLikeIcal("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"); // true
 */
import { firstLine } from "../vcard/detect.js";

export function looksLikeIcal(head: string): boolean {
  const line = firstLine(head).toUpperCase();
  return line === "BEGIN:VCALENDAR" || line === "BEGIN:VEVENT";
}
