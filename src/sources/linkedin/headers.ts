/**
 * Which LinkedIn export a CSV is, from its header row (never its file name), and where that
 * header is: the 2025 exports put a preamble before it (a `Notes:` line, a quoted note, a blank
 * line), older ones start with it.
 *
 * irl imports three files: Connections.csv, messages.csv and Invitations.csv. A few other files
 * of the export are recognised only so that the generic CSV importer does not take them for an
 * address book (the owner's Profile.csv, recommendations, endorsements): nothing imports them.
 *
 * @example
 * headKind("Notes:\n\"…\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
 * // "connections"
 */
import { splitLine } from "../csv/delimiter.js";

export type LinkedInKind = "connections" | "messages" | "invitations";

/** Columns each imported file must have (lowercase); others may come and go between exports. */
const REQUIRED: Record<LinkedInKind, readonly string[]> = {
  connections: ["first name", "last name", "company", "position", "connected on"],
  messages: ["conversation id", "from", "sender profile url", "to", "date", "content"],
  invitations: ["from", "to", "sent at", "direction"],
};

/** Headers of LinkedIn export files irl does not import (their first columns, lowercase). */
const OTHERS: readonly (readonly string[])[] = [
  ["first name", "last name", "maiden name", "address", "birth date"],
  ["first name", "last name", "company", "job title", "text", "creation date", "status"],
  ["endorsement date", "skill name", "endorser first name"],
  ["endorsement date", "skill name", "endorsee first name"],
  ["source", "firstname", "lastname", "companies", "title", "emails"],
  ["email address", "confirmed", "primary", "updated on"],
];

/** How many lines a preamble may have before the header must have come. */
export const PREAMBLE_LINES = 20;

/** The kind of file a header row starts, "other" for LinkedIn files irl does not import. */
export function kindOfHeader(fields: readonly string[]): LinkedInKind | "other" | undefined {
  const names = fields.map((f) => f.trim().toLowerCase());
  for (const kind of Object.keys(REQUIRED) as LinkedInKind[]) {
    if (REQUIRED[kind].every((c) => names.includes(c))) return kind;
  }
  for (const start of OTHERS) {
    if (start.every((c, i) => names[i] === c)) return "other";
  }
  return undefined;
}

/** True for the first line of a preamble. */
export function isPreambleStart(fields: readonly string[]): boolean {
  return (fields[0] ?? "").trim().toLowerCase().startsWith("notes:");
}

/** The kind of LinkedIn file these first bytes start, if they are one. */
export function headKind(head: string): LinkedInKind | "other" | undefined {
  const lines = head.replace(/^\uFEFF/, "").split(/\r\n?|\n/, 200);
  let i = 0;
  while (i < lines.length && (lines[i] as string).trim() === "") i++;
  const first = lines[i];
  if (first === undefined) return undefined;
  if (!isPreambleStart(splitLine(first))) return kindOfHeader(splitLine(first));
  const end = Math.min(lines.length, i + PREAMBLE_LINES);
  for (let k = i + 1; k < end; k++) {
    const kind = kindOfHeader(splitLine(lines[k] as string));
    if (kind) return kind;
  }
  return undefined;
}

/** Is this the head of one of the LinkedIn export files irl reads? */
export function looksLikeLinkedIn(head: string): boolean {
  const kind = headKind(head);
  return kind !== undefined && kind !== "other";
}
