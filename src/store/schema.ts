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
 * - merges: the log of people merged into others (automatically or by the user), with why.
 * - identity_rules: the user's corrections ("different": never merge these identities' people).
 * - dupe_candidates: pairs of people that may be one, waiting for the user's review.
 * - forgotten: hashes of the identity keys of people the user asked irl to forget.
 * - person_flags: the user's pin, snooze and tier override for a person.
 * - ties: each person's tie strength, tier and reasons, as last computed.
 * - owed: replies the user owes, found while computing ties (see plans/due.ts).
 *
 * Rows that came from a party (interactions, content, contacts, attendance) remember the
 * identity they were resolved through (`*_identity_id`), so a split can hand them back.
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
  /** 0 when only claimed (typed into a public comment form), 1 otherwise. */
  verified: Generated<number>;
  /** Why this identity belongs to its person, in plain words. */
  reason: string | null;
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
  from_identity_id: number | null;
  to_identity_id: number | null;
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
  identity_id: number | null;
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
  identity_id: number | null;
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
  identity_id: number | null;
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

export interface MergesTable {
  id: Generated<number>;
  into_person_id: number;
  from_person_id: number;
  /** The merged person's name at the time (the row outlives the person). */
  from_name: string;
  /** "user", "auto" or "import" (the same identity seen again). */
  method: string;
  probability: number | null;
  /** JSON array of plain-word reasons. */
  reasons: string;
  /** JSON array of the identity ids that came with the merged person. */
  identity_ids: string;
  created_at: number;
}

export interface IdentityRulesTable {
  id: Generated<number>;
  kind: "different";
  identity_a: number;
  identity_b: number;
  created_at: number;
}

export interface DupeCandidatesTable {
  id: Generated<number>;
  /** The lower person id of the pair. */
  person_a: number;
  person_b: number;
  probability: number;
  /** JSON array of plain-word reasons. */
  reasons: string;
  created_at: number;
}

export interface ForgottenTable {
  key_hash: string;
  created_at: number;
}

export interface PersonFlagsTable {
  person_id: number;
  pinned: Generated<number>;
  snoozed_until: number | null;
  tier: string | null;
  updated_at: number;
}

export interface TiesTable {
  person_id: number;
  /** Tie strength 0–1 (see signals/strength.ts). */
  score: number;
  tier: string;
  tier_reason: string;
  /** JSON array of plain-word reasons for the score. */
  reasons: string;
  last_at: number | null;
  /** Written acts they sent the user / the user sent them. */
  dialog_in: number;
  dialog_out: number;
  last_in_at: number | null;
  last_out_at: number | null;
  computed_at: number;
  /** Interactions with the user, and with others where the user could see them. */
  events: Generated<number>;
  observed: Generated<number>;
  /** Channels of the tie, comma-separated, in the order first used. */
  channels: Generated<string>;
  first_at: number | null;
}

export interface OwedTable {
  id: Generated<number>;
  person_id: number;
  /** Their latest unanswered message in this place. */
  interaction_id: number;
  channel: string;
  kind: string;
  thread_id: number | null;
  at: number;
  /** How many of their messages here wait for an answer. */
  waiting: number;
}

export interface MetaTable {
  key: string;
  value: string;
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
  merges: MergesTable;
  identity_rules: IdentityRulesTable;
  dupe_candidates: DupeCandidatesTable;
  forgotten: ForgottenTable;
  person_flags: PersonFlagsTable;
  meta: MetaTable;
  ties: TiesTable;
  owed: OwedTable;
}

export type Person = Selectable<PeopleTable>;
export type Identity = Selectable<IdentitiesTable>;
export type Interaction = Selectable<InteractionsTable>;
export type NewInteraction = Insertable<InteractionsTable>;
export type ImportRow = Selectable<ImportsTable>;
