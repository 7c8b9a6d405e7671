/**
 * The user's notes on a person: add, list (newest first), delete. Plain text, kept as typed.
 *
 * @example
 * await addNote(store, 12, "Met at the marketing meetup; ask about her book.");
 * const notes = await notesOf(store, 12);
 */
import { IrlError } from "../errors.js";
import type { Store } from "./store.js";

export interface Note {
  id: number;
  body: string;
  at: number;
}

/** Longest note kept, in characters. */
export const NOTE_MAX_CHARS = 10_000;

export async function addNote(store: Store, person: number, body: string): Promise<Note> {
  const text = body.trim();
  if (!text) throw new IrlError("usage", "a note needs some text");
  if (text.length > NOTE_MAX_CHARS) {
    throw new IrlError("usage", `a note is at most ${NOTE_MAX_CHARS} characters`);
  }
  await store.person(person);
  const at = Date.now();
  const row = await store.db
    .insertInto("notes")
    .values({ person_id: person, body: text, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), body: text, at };
}

export async function notesOf(store: Store, person: number): Promise<Note[]> {
  const rows = await store.db
    .selectFrom("notes")
    .select(["id", "body", "created_at"])
    .where("person_id", "=", person)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({ id: Number(r.id), body: r.body, at: Number(r.created_at) }));
}

export async function deleteNote(store: Store, person: number, note: number): Promise<void> {
  const gone = await store.db
    .deleteFrom("notes")
    .where("id", "=", note)
    .where("person_id", "=", person)
    .executeTakeFirst();
  if (Number(gone.numDeletedRows) === 0) {
    throw new IrlError("not_found", `#${person} has no note ${note}`);
  }
}
