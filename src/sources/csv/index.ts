/**
 * The CSV contacts importer: address books (Google Contacts, Outlook, Thunderbird, Apple) and
 * attendee lists from event sites (Eventbrite, Meetup, …), one `ContactRecord` per person
 * (channel "csv", kind "card", or "attendee" for a list with ticket or registration columns).
 * See `fields.ts` for the headers it knows and `assemble.ts` for keys and skips.
 *
 * Columns irl does not know are named with `--map "Column Header=field"` (`input.options.map`);
 * a file with no name or e-mail column and no map throws `IrlError("input")` listing the
 * headers found and the fields accepted.
 *
 * It streams (see `reader.ts`): UTF-8 with or without BOM, UTF-16 with BOM, windows-1252 when
 * the first 64 KiB are not valid UTF-8; comma, semicolon, tab or pipe separated; CRLF or LF;
 * quoted values over several lines. A row whose field count differs from the header's is
 * skipped ("bad row") with its line.
 *
 * @example
 * for await (const batch of csvContactsImporter.parse({ path, chunks, options: { map } })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { ContactsFile } from "./assemble.js";
import { looksLikeContactsCsv } from "./detect.js";
import { readCsvRows } from "./reader.js";

export const csvContactsImporter: Importer = {
  format: "csv",
  description: "CSV of people: address books (Google, Outlook, Thunderbird) and attendee lists",
  detect: looksLikeContactsCsv,
  parse: parseContacts,
};

async function* parseContacts(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const file = new ContactsFile(input.path, input.options?.map);
  for await (const rows of readCsvRows(input)) {
    const out: SourceRecord[] = [];
    for (const row of rows) file.row(row.fields, row.line, out);
    if (out.length > 0) yield out;
  }
  file.end();
}
