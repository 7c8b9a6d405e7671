/**
 * People as CSV with a header row spreadsheets and address books read: name, e-mails, sites,
 * handles, phones, organization, title, location, and the dialog summary. Several values in
 * one cell are separated by " | ". Fields are quoted per RFC 4180.
 *
 * @example
 * for (const line of csvLines(people)) out.write(line);
 */
import type { ExportedPerson } from "./people.js";

const HEADER = [
  "Name",
  "E-mail",
  "Website",
  "Handles",
  "Profiles",
  "Phone",
  "Organization",
  "Title",
  "Location",
  "Interactions",
  "Channels",
  "Last contact",
];

export function* csvLines(people: readonly ExportedPerson[]): Iterable<string> {
  yield row(HEADER);
  for (const p of people) {
    const of = (kind: string) => p.identities.filter((i) => i.kind === kind).map((i) => i.display);
    yield row([
      p.name,
      of("email").join(" | "),
      of("url").join(" | "),
      p.identities
        .filter((i) => i.kind === "handle")
        .map((i) => i.value)
        .join(" | "),
      of("profile").join(" | "),
      of("phone").join(" | "),
      (p.details.organization ?? []).join(" | "),
      (p.details.title ?? []).join(" | "),
      (p.details.location ?? []).join(" | "),
      String(p.interactions),
      p.channels.join(" | "),
      p.lastAt === null ? "" : new Date(p.lastAt).toISOString().slice(0, 10),
    ]);
  }
}

function row(cells: string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")}\r\n`;
}
