/**
 * Writes the attendee lists of the upcoming events as Eventbrite-like CSV files,
 * `events/<event-slug>.csv`: "First Name","Last Name","Email","Company","Job Title","Ticket
 * Type", one row per attendee (newcomers, among them the one the owner should be introduced to,
 * ties of the owner's circle and card-only people). Attendees register with their personal
 * address when they have one. Streams row by row.
 *
 * @example
 * const { files } = writeEventLists(buildWorld({ people: 200 }), "/tmp/events");
 * files[0]?.attendees; // contacts the CSV importer yields for that list
 */
import fs from "node:fs";
import path from "node:path";
import { kebab } from "./lexicon.js";
import { ChunkedFile } from "./output.js";
import { createRng } from "./random.js";
import { type Person, personIndex, type World } from "./world.js";

export const EVENT_CSV_HEADER = [
  "First Name",
  "Last Name",
  "Email",
  "Company",
  "Job Title",
  "Ticket Type",
];

export interface EventListFile {
  eventId: string;
  path: string;
  bytes: number;
  attendees: number;
}

export function eventSlug(name: string): string {
  return kebab(name);
}

export function writeEventLists(world: World, dir: string): EventListFile[] {
  fs.mkdirSync(dir, { recursive: true });
  return world.events.map((event) => {
    const file = path.join(dir, `${eventSlug(event.name)}.csv`);
    const out = new ChunkedFile(file);
    const rng = createRng("event-list", world.seed, event.id);
    try {
      out.write(`${EVENT_CSV_HEADER.map(quote).join(",")}\r\n`);
      for (const id of event.attendeeIds) {
        const p = world.people[personIndex(id)] as Person;
        const ticket = rng.weighted([
          ["General Admission", 6],
          ["Early Bird", 3],
          ["Speaker", 0.5],
          ["Volunteer", 0.5],
        ] as const);
        const email = p.emails.personal ?? p.emails.work ?? "";
        out.write(
          `${[p.firstName, p.lastName, email, p.company, p.title, ticket].map(quote).join(",")}\r\n`,
        );
      }
    } finally {
      out.close();
    }
    return { eventId: event.id, path: file, bytes: out.bytes, attendees: event.attendeeIds.length };
  });
}

function quote(field: string): string {
  return `"${field.replace(/"/g, '""')}"`;
}
