/**
 * The iCalendar importer: every VEVENT of a calendar export (Google, Apple, Exchange/Outlook,
 * Meetup, Zimbra, …) as an event record with its organizer and attendees; a recurring event
 * as one record per occurrence up to now (`input.options.now`, else the clock).
 *
 * It streams: bytes are split into content lines chunk by chunk (the content-line reader is
 * shared with the vCard importer: the same RFC syntax), decoded as UTF-8 (windows-1252 when a
 * line is not valid UTF-8), grouped into VTIMEZONE and VEVENT blocks (`blocks.ts`), and each
 * block is parsed by ical.js on its own, against the calendar's time zones (`calendar.ts`).
 * Only recurring events and their overrides wait for the end of their calendar. One batch is
 * yielded per chunk with the records that chunk completed.
 *
 * A file whose first line is not BEGIN:VCALENDAR (or BEGIN:VEVENT) throws
 * `IrlError("input")`; problems inside the file are counted skips with their line.
 *
 * @example
 * const input = { path, chunks: createReadStream(path), options: { now: Date.now() } };
 * for await (const batch of icalImporter.parse(input)) console.log(batch.length);
 */
import { IrlError } from "../../errors.js";
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { type ContentLine, ContentLineReader } from "../shared/content-lines.js";
import { decodeBytes } from "../vcard/decode.js";
import { BlockSplitter } from "./blocks.js";
import { Calendar } from "./calendar.js";
import { looksLikeIcal } from "./detect.js";

export const icalImporter: Importer = {
  format: "ical",
  description: "iCalendar file (.ics): events with organizer and attendees, recurrences expanded",
  detect: looksLikeIcal,
  parse: parseIcal,
};

async function* parseIcal(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const reader = new ContentLineReader({ quotedPrintable: false });
  const splitter = new BlockSplitter();
  const calendar = new Calendar(input.options?.now ?? Date.now());
  let started = false;
  const take = (lines: ContentLine[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const raw of lines) {
      const line = { text: decodeBytes(Buffer.from(raw.text, "latin1")), line: raw.line };
      if (!started) {
        started = true;
        if (!looksLikeIcal(line.text)) {
          throw new IrlError(
            "input",
            `${input.path}: line ${line.line}: not an iCalendar file (expected BEGIN:VCALENDAR, found "${line.text.slice(0, 40)}")`,
            { file: input.path, place: `line ${line.line}` },
          );
        }
      }
      for (const block of splitter.push(line)) out.push(...calendar.block(block));
    }
    return out;
  };
  for await (const chunk of input.chunks) {
    const batch = take(reader.push(chunk));
    if (batch.length > 0) yield batch;
  }
  const batch = take(reader.end());
  for (const block of splitter.end()) batch.push(...calendar.block(block));
  batch.push(...calendar.flush());
  if (batch.length > 0) yield batch;
}
