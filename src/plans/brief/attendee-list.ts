/**
 * Reads an event's attendee list, whatever shape it comes in, detected from its content: a CSV
 * export from an event site (the CSV importer's header recognition: names, e-mails, company,
 * job title, Twitter, LinkedIn, site), an iCalendar file (the attendees and organisers of its
 * events, through the iCalendar importer), or a plain text file with one person per line — a
 * name, an e-mail, a site, an `@handle`, or several of them ("Ada Lovelace <ada@example.org>").
 *
 * Bad lines never stop the reading: each is a counted skip with its line and reason. A file
 * that cannot be read at all (no header irl knows, not a calendar) is an `IrlError("input")`
 * naming the file and the place.
 *
 * @example
 * const list = await readAttendeeList("meetup.csv");
 * list.format;           // "csv"
 * list.attendees[0];     // { place: "line 2", name: "Ada Lovelace", identities: [...], organization: "…" }
 * list.skipped;          // [{ place: "line 7", reason: "no identity", message: "…" }]
 */
import fs from "node:fs";
import path from "node:path";
import { IrlError } from "../../errors.js";
import { normalizeEmail, normalizeName, normalizeUrl } from "../../identity/normalize.js";
import { looksLikeContactsCsv } from "../../sources/csv/detect.js";
import type { Importer } from "../../sources/importer.js";
import type { IdentityRef, PartyRef, SourceRecord } from "../../sources/records.js";

export type ListFormat = "csv" | "ical" | "text";

export interface ListedAttendee {
  /** Where in the file: "line 12". */
  place: string;
  name?: string;
  identities: IdentityRef[];
  organization?: string;
  title?: string;
  location?: string;
  bio?: string;
  /** From a calendar: organizer, chair, attendee. */
  role?: string;
}

export interface ListSkip {
  place: string;
  reason: string;
  message: string;
}

export interface ListedEvent {
  title: string;
  start?: number;
  location?: string;
  url?: string;
}

export interface AttendeeList {
  file: string;
  format: ListFormat;
  /** A title for the list: the calendar event's, else the file's name. */
  title: string;
  events: ListedEvent[];
  attendees: ListedAttendee[];
  skipped: ListSkip[];
}

const HEAD_BYTES = 64 * 1024;
const MAX_TEXT_LINE = 400;

/** Reads the list from a file; the format comes from the first 64 KiB. */
export async function readAttendeeList(file: string): Promise<AttendeeList> {
  let head: string;
  try {
    const fd = fs.openSync(file, "r");
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const n = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, n).toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IrlError(
      code === "ENOENT" ? "not_found" : "input",
      code === "ENOENT"
        ? `${file}: no such file`
        : `${file}: cannot be read (${(error as Error).message})`,
      { file },
    );
  }
  const format = detectListFormat(head);
  const chunks = () => fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  const title = prettyFileTitle(file);
  if (format === "ical") {
    const { icalImporter } = await import("../../sources/ical/index.js");
    return fromRecords(file, "ical", title, icalImporter, chunks());
  }
  if (format === "csv") {
    const { csvContactsImporter } = await import("../../sources/csv/index.js");
    return fromRecords(file, "csv", title, csvContactsImporter, chunks());
  }
  return parseTextList(file, fs.readFileSync(file, "utf8"), title);
}

/** "ical", "csv" (a header row irl knows) or "text" (one person per line). */
export function detectListFormat(head: string): ListFormat {
  const text = head.replace(/^\uFEFF/, "");
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  if (/^BEGIN:(VCALENDAR|VEVENT)\s*$/i.test(first.trim())) return "ical";
  return looksLikeContactsCsv(text) ? "csv" : "text";
}

async function fromRecords(
  file: string,
  format: ListFormat,
  title: string,
  importer: Importer,
  chunks: AsyncIterable<Buffer>,
): Promise<AttendeeList> {
  const list: AttendeeList = { file, format, title, events: [], attendees: [], skipped: [] };
  const seen = new Map<string, string>();
  const add = (party: PartyRef, place: string, role?: string) => {
    const a = fromParty(party, place, role);
    if (!a) {
      list.skipped.push({ place, reason: "no identity", message: "no name, e-mail or site" });
      return;
    }
    const key = attendeeKey(a);
    const first = seen.get(key);
    if (first !== undefined) {
      list.skipped.push({ place, reason: "duplicate", message: `the same person as ${first}` });
      return;
    }
    seen.set(key, place);
    list.attendees.push(a);
  };
  const options = { now: Date.now() + 400 * 86_400_000 };
  for await (const batch of importer.parse({ path: file, chunks, options })) {
    for (const record of batch as SourceRecord[]) {
      const place = placeOf(record.place);
      if (record.type === "skip") {
        list.skipped.push({ place, reason: record.reason, message: record.message });
      } else if (record.type === "contact" || record.type === "person") {
        add(record.party, place);
      } else if (record.type === "event") {
        const event: ListedEvent = { title: record.title };
        if (record.start !== undefined) event.start = record.start;
        if (record.location) event.location = record.location;
        if (record.url) event.url = record.url;
        if (!list.events.some((e) => e.title === event.title && e.start === event.start)) {
          list.events.push(event);
        }
        for (const attendee of record.attendees) {
          if (attendee.status === "declined") {
            list.skipped.push({
              place,
              reason: "declined",
              message: `${attendee.party.name ?? "an attendee"} declined`,
            });
            continue;
          }
          add(attendee.party, place, attendee.role);
        }
      }
    }
  }
  if (format === "ical" && list.events.length > 0) {
    list.title = list.events.map((e) => e.title).join(" · ");
  }
  return list;
}

function placeOf(place: { line?: number; record?: string }): string {
  return place.line !== undefined ? `line ${place.line}` : (place.record ?? "somewhere");
}

function fromParty(party: PartyRef, place: string, role?: string): ListedAttendee | undefined {
  const name = party.name?.replace(/\s+/g, " ").trim();
  const identities = party.identities.filter((i) => i.value.trim() !== "");
  if (!name && identities.length === 0) return undefined;
  const a: ListedAttendee = { place, identities };
  if (name) a.name = name;
  const d = party.details;
  if (d?.organization) a.organization = d.organization;
  if (d?.title) a.title = d.title;
  if (d?.location) a.location = d.location;
  if (d?.bio) a.bio = d.bio;
  if (role && role !== "attendee") a.role = role;
  return a;
}

/** One person per list: by their first e-mail or site, else by name. */
export function attendeeKey(a: ListedAttendee): string {
  for (const ref of a.identities) {
    if (ref.kind === "email") {
      const e = normalizeEmail(ref.value);
      if (e) return `email:${e}`;
    }
  }
  for (const ref of a.identities) {
    if (ref.kind === "url" || ref.kind === "profile") {
      const u = normalizeUrl(ref.value);
      if (u) return `url:${u}`;
    }
    if (ref.kind === "handle") return `handle:${ref.value.replace(/^@/, "").toLowerCase()}`;
  }
  return `name:${normalizeName(a.name ?? "") ?? ""}`;
}

// ---------------------------------------------------------------------------------------------
// Plain text: one person per line

const EMAIL = /^<?(?:mailto:)?([^\s<>@,;]+@[^\s<>@,;]+\.[^\s<>@,;]+)>?[,;]?$/i;
const HANDLE = /^@([A-Za-z0-9_.]{1,30})[,;]?$/;
const URL_LIKE =
  /^<?((?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#][^\s<>]*)?)>?[,;]?$/i;

/** A text list: names, e-mails, sites and @handles, one person per line. */
export function parseTextList(file: string, text: string, title: string): AttendeeList {
  const list: AttendeeList = {
    file,
    format: "text",
    title,
    events: [],
    attendees: [],
    skipped: [],
  };
  const seen = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const place = `line ${i + 1}`;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parsed = parseTextLine(line);
    if (typeof parsed === "string") {
      list.skipped.push({ place, reason: "bad line", message: parsed });
      return;
    }
    parsed.place = place;
    const key = attendeeKey(parsed);
    const first = seen.get(key);
    if (first !== undefined) {
      list.skipped.push({ place, reason: "duplicate", message: `the same person as ${first}` });
      return;
    }
    seen.set(key, place);
    list.attendees.push(parsed);
  });
  return list;
}

/** One line → an attendee, or the reason it is not one. */
export function parseTextLine(line: string): ListedAttendee | string {
  if (line.length > MAX_TEXT_LINE) return `longer than ${MAX_TEXT_LINE} characters`;
  const identities: IdentityRef[] = [];
  const nameWords: string[] = [];
  for (const token of line.split(/\s+/)) {
    const email = EMAIL.exec(token);
    if (email?.[1]) {
      if (!normalizeEmail(email[1])) return `"${token}" is not an e-mail address`;
      identities.push({ kind: "email", value: email[1] });
      continue;
    }
    const handle = HANDLE.exec(token);
    if (handle?.[1]) {
      identities.push({ kind: "handle", value: handle[1], platform: "twitter" });
      continue;
    }
    const url = URL_LIKE.exec(token);
    if (url?.[1] && (token.includes("/") || token.includes("www.") || nameWords.length === 0)) {
      const value = url[1];
      const m = /(?:^|\/\/|\.)(?:twitter|x)\.com\/@?([A-Za-z0-9_]{1,15})\/?$/i.exec(value);
      if (m?.[1]) identities.push({ kind: "handle", value: m[1], platform: "twitter" });
      else if (/linkedin\.com\/in\//i.test(value))
        identities.push({
          kind: "profile",
          value: /^https?:/i.test(value) ? value : `https://${value}`,
          platform: "linkedin",
        });
      else identities.push({ kind: "url", value });
      continue;
    }
    if (token.includes("@") && !token.startsWith("@")) {
      return `"${token}" is not an e-mail address`;
    }
    nameWords.push(token);
  }
  const name = nameWords
    .join(" ")
    .replace(/^[\s,;|:<>\-–—]+|[\s,;|:<>\-–—]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const usableName = name && /\p{L}/u.test(name) ? name : undefined;
  if (!usableName && identities.length === 0)
    return "neither a name, an e-mail, a site nor a @handle";
  const a: ListedAttendee = { place: "", identities };
  if (usableName) {
    // "Ada Lovelace (Analytical Engines)": the part in brackets is the organisation.
    const org = /^(.*?)\s*\(([^()]+)\)$/.exec(usableName);
    if (org?.[1] && org[2]) {
      a.name = org[1].trim();
      a.organization = org[2].trim();
    } else {
      a.name = usableName;
    }
  }
  return a;
}

function prettyFileTitle(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, "");
  const words = base.replace(/[-_]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : base;
}
