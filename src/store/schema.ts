/**
 * The tables of irl's store, as Kysely sees them. The same schema lives in SQLite and
 * PostgreSQL (see `migrations.ts`). Times are milliseconds since the epoch (UTC); flags are
 * 0/1 integers so both databases read them the same way.
 *
 * - people: resolved persons; exactly one has `is_me = 1` once the user is known.
 * - identities: what sources know a person by (e-mail, site, handle, profile, phone, name).
 *   `key` is the global identity key (`email:ada@example.org`); names carry no key unless
 *   they are scoped to one source (`name:wxr:blog.example:ada`).
 * - interactions: one party doing something towards another, with its direction relative to
 *   the user; `source_key` makes re-imports idempotent. A message to several people is one row
 *   per counterpart.
 * - threads: where interactions happen (a post's comments, an e-mail thread), shared by all of
 *   their interactions.
 * - content: what people wrote that is addressed to nobody in particular (posts, pages, bios);
 *   what they wrote to someone (comments, messages) is the interaction's `body`.
 * - contacts: ties without dialog (connections, cards, follows, subscriptions).
 * - details: what sources say about a person (organization, title, location, bio).
 * - events, attendance: events and who went.
 * - imports: the import log, one row per distinct file content (sha256).
 */
import type { Generated, Insertable, Selectable } from "kysely";

export interface PeopleTable {
  id: Generated<number>;
  display_name: string;
  is_me: Generated<number>;
  created_at: number;
}

export interface IdentitiesTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  /** Normalised value (lower-case e-mail, `host/path` URL, `platform:handle`). */
  value: string;
  /** The value as first seen. */
  display: string;
  key: string | null;
  /** Where it was learnt: an import format ("wxr") or "user". */
  source: string;
  created_at: number;
}

export interface InteractionsTable {
  id: Generated<number>;
  source_key: string;
  import_id: number | null;
  channel: string;
  kind: string;
  direction: string;
  occurred_at: number;
  from_person_id: number;
  to_person_id: number;
  thread_id: number | null;
  /** The source key of the interaction this one answers. */
  reply_to: string | null;
  /** What was said, in full: comments and messages are what people wrote, too. */
  body: string | null;
  size: number;
  status: string;
}

/** A conversation's place: a post's comment thread, an e-mail thread. */
export interface ThreadsTable {
  id: Generated<number>;
  key: string;
  url: string | null;
  title: string | null;
}

export interface ContentTable {
  id: Generated<number>;
  source_key: string;
  import_id: number | null;
  person_id: number;
  kind: string;
  title: string | null;
  url: string | null;
  body: string | null;
  published_at: number | null;
}

/** A tie without dialog: a connection, a card, a follow, a subscription. */
export interface ContactsTable {
  id: Generated<number>;
  source_key: string;
  import_id: number | null;
  person_id: number;
  channel: string;
  kind: string;
  at: number | null;
}

/** What sources say about a person: organization, title, location, bio. */
export interface DetailsTable {
  id: Generated<number>;
  person_id: number;
  field: string;
  value: string;
  source: string;
  created_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  source_key: string;
  title: string;
  starts_at: number | null;
  ends_at: number | null;
  location: string | null;
  url: string | null;
  import_id: number | null;
}

export interface AttendanceTable {
  id: Generated<number>;
  event_id: number;
  person_id: number;
  role: string;
  source_key: string;
}

export interface ImportsTable {
  id: Generated<number>;
  path: string;
  sha256: string;
  format: string;
  bytes: number;
  first_at: number;
  last_at: number;
  runs: number;
  status: string;
  added: number;
  unchanged: number;
  skipped: number;
  errors: number;
  /** JSON array of the first problems, `{ place, message, reason? }`. */
  problems: string;
}

export interface Database {
  people: PeopleTable;
  identities: IdentitiesTable;
  threads: ThreadsTable;
  interactions: InteractionsTable;
  content: ContentTable;
  contacts: ContactsTable;
  details: DetailsTable;
  events: EventsTable;
  attendance: AttendanceTable;
  imports: ImportsTable;
}

export type Person = Selectable<PeopleTable>;
export type Identity = Selectable<IdentitiesTable>;
export type Interaction = Selectable<InteractionsTable>;
export type NewInteraction = Insertable<InteractionsTable>;
export type ImportRow = Selectable<ImportsTable>;
