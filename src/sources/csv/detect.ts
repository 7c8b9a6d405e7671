/**
 * Recognises a CSV of people from a file's first bytes: its first non-empty line reads as a
 * header row (sniffed delimiter, no field that looks like data) with at least one column irl
 * knows as a name or an e-mail address. LinkedIn export files are refused (the LinkedIn
 * importer takes the ones irl imports; the others are not address books). A UTF-16 file (as
 * Outlook writes), which reaches detection as UTF-8 with NULs between the letters, is read
 * without them.
 *
 * @example
 * looksLikeContactsCsv("First Name,Last Name,E-mail Address\nAda,Byron,ada@example.org\n"); // true
 * looksLikeContactsCsv("Date,Amount,Payee\n"); // false
 */
import { headKind } from "../linkedin/headers.js";
import { sniffDelimiter, splitLine } from "./delimiter.js";
import { identifies, planColumns } from "./fields.js";

const MAX_HEADER_CHARS = 80;

export function looksLikeContactsCsv(head: string): boolean {
  let text = head;
  if (text.slice(0, 400).includes("\u0000")) text = text.replace(/\u0000/g, "");
  text = text.replace(/^[\uFEFF\uFFFD]+/, "");
  if (headKind(text) !== undefined) return false;
  const start = text.search(/\S/);
  if (start === -1) return false;
  const lineEnd = text.slice(start).search(/\r|\n/);
  const line = lineEnd === -1 ? text.slice(start) : text.slice(start, start + lineEnd);
  const headers = splitLine(line, sniffDelimiter(text.slice(start)));
  if (headers.some((h) => h.length > MAX_HEADER_CHARS || h.includes("@") || h.includes("<"))) {
    return false;
  }
  return identifies(planColumns(headers));
}
