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
  asks: AsksTable;
  mentions: MentionsTable;
  latest_posts: LatestPostsTable;
  comments: CommentsTable;
  comment_settings: CommentSettingsTable;
  notes: NotesTable;
  interests: InterestsTable;
  interest_terms: InterestTermsTable;
  links: LinksTable;
  graph_people: GraphPeopleTable;
  fetch_cache: FetchCacheTable;
}

export type Person = Selectable<PeopleTable>;
export type Identity = Selectable<IdentitiesTable>;
export type Interaction = Selectable<InteractionsTable>;
export type NewInteraction = Insertable<InteractionsTable>;
export type ImportRow = Selectable<ImportsTable>;

/** A Webmention or Pingback received for one of the comment service's pages (0011_mentions). */
export interface MentionsTable {
  id: Generated<number>;
  source: string;
  target: string;
  /** "webmention" or "pingback". */
  protocol: string;
  /** pending (not verified yet), verified, rejected, deleted. */
  status: string;
  /** Why the status is what it is, in plain words. */
  reason: string | null;
  /** 1 while a verification is queued or running. */
  checking: Generated<number>;
  /** reply, like, repost, bookmark, mention (once verified). */
  type: string | null;
  author_name: string | null;
  author_url: string | null;
  author_photo: string | null;
  title: string | null;
  content_text: string | null;
  /** Already sanitised. */
  content_html: string | null;
  url: string | null;
  published_at: number | null;
  received_at: number;
  verified_at: number | null;
  updated_at: number;
}

/** The latest post found on a commenter's site, cached and refreshed politely (0011_mentions). */
export interface LatestPostsTable {
  /** The site, normalised. */
  site: string;
  /** ok (a post was found), none (no feed or no post), failed (the fetch failed). */
  status: string;
  title: string | null;
  url: string | null;
  published_at: number | null;
  feed_url: string | null;
  error: string | null;
  fetched_at: number;
  /** Not fetched again before this time. */
  next_at: number;
}

/** A comment posted to (or imported into) the comment service (0009_comments). */
export interface CommentsTable {
  id: Generated<number>;
  /** The page's URL, normalised (comments/page-url.ts); `site` is its host. */
  page: string;
  site: string;
  page_title: string | null;
  parent_id: number | null;
  author_name: string;
  /** Typed by the commenter: claims, not proof. */
  email: string | null;
  url: string | null;
  /** The Markdown subset as written, and its sanitised HTML. */
  body: string;
  html: string;
  /** pending, approved, spam, deleted. */
  status: string;
  is_owner: Generated<number>;
  created_at: number;
  edited_at: number | null;
  edit_token_hash: string | null;
  ip_hash: string | null;
  notify: Generated<number>;
  /** An imported comment's key in its export; null for comments posted to the service. */
  source_key: string | null;
  /** Why the status is what it is, in plain words. */
  status_reason: string | null;
}

/** The comment service's settings: the admin password's scrypt hash, its signing secret. */
export interface CommentSettingsTable {
  key: string;
  value: string;
}

/** The user's own note on a person, written in the web app (0012_notes). */
export interface NotesTable {
  id: Generated<number>;
  person_id: number;
  body: string;
  created_at: number;
}

/** A person's top terms and phrases, as last computed (signals/interests). */
export interface InterestsTable {
  person_id: number;
  term: string;
  /** The term's share of the person's unit-length vector (0–1). */
  weight: number;
  /** How many of their texts use the term. */
  texts: number;
  /** How often it occurs in all of them. */
  uses: number;
}

/** How many texts in the graph use a term (terms in two texts or more). */
export interface InterestTermsTable {
  term: string;
  df: number;
}

/** Whom the user asked about an opportunity, and when (0008_asks; see plans/asks.ts). */
export interface AsksTable {
  id: Generated<number>;
  person_id: number;
  /** What the ask was about: the opening's first line, or the user's words. */
  about: string;
  /** sha256 of the opening's text (whitespace normalised), when there was one. */
  opening: string | null;
  asked_at: number;
}

/** Two people who know each other, the lower id first, as last computed (0007_links). */
export interface LinksTable {
  person_a: number;
  person_b: number;
  /** 0–1 (see signals/graph/link-strength.ts). */
  strength: number;
  /** JSON array of evidence sentences; `{a}` and `{b}` stand for the two names. */
  evidence: string;
  /** Interactions a → b and b → a; small events both attended. */
  from_a: number;
  from_b: number;
  shared_events: number;
  /** Channels, comma-separated. */
  channels: string;
  last_at: number | null;
  computed_at: number;
}

/** What the graph says of one person: links, their strength, recent activity (0007_links). */
export interface GraphPeopleTable {
  person_id: number;
  degree: number;
  strength_sum: number;
  /** Acts with anyone, 7-day half-life, as of the computation. */
  recent: number;
  last_active_at: number | null;
  /** New links lately: Σ 0.5^(age of the link / 14 days). */
  growth: number;
}

/** What the polite fetcher remembers per URL for conditional requests (0010_fetch_cache). */
export interface FetchCacheTable {
  /** The URL as asked for, before redirects. */
  url: string;
  etag: string | null;
  last_modified: string | null;
  /** The last answer's status; 304 when it was "not modified". */
  status: number;
  final_url: string | null;
  fetched_at: number;
  /** When a full answer (not a 304) last came. */
  changed_at: number | null;
}
