/**
 * The one normalised record type every importer emits.
 *
 * An importer reads its export format and yields `SourceRecord`s; it knows nothing about the
 * store, identity resolution or the user's own identities. The import pipeline turns records
 * into people, identities, interactions and content, decides each interaction's direction
 * relative to the user, and makes re-imports idempotent through each record's stable `key`.
 *
 * @example
 * const rec: SourceRecord = {
 *   type: "interaction", key: "wxr:blog.example:comment:12", channel: "blog_comment",
 *   kind: "comment", at: Date.parse("2024-05-01T10:00:00Z"),
 *   from: { name: "Ada", identities: [{ kind: "email", value: "ada@example.org" }] },
 *   to: [{ identities: [{ kind: "email", value: "me@blog.example" }] }],
 *   text: "Great post!", place: { line: 120 },
 * };
 */

/** Kinds of identity a source can tell us about a person. */
export type IdentityKind =
  /** An e-mail address. */
  | "email"
  /** A personal site or blog URL. */
  | "url"
  /** A handle on a platform (`platform` says which: "twitter", "wordpress:blog.example", …). */
  | "handle"
  /** A profile URL on a platform (LinkedIn, Facebook, …). */
  | "profile"
  /** A phone number. */
  | "phone"
  /** A display name: an attribute, never enough on its own to merge two people. */
  | "name";

export interface IdentityRef {
  kind: IdentityKind;
  /** The value as the source spelled it; the pipeline normalises it. */
  value: string;
  /** For handles and profiles: the platform the handle lives on. */
  platform?: string;
  /**
   * Typed by whoever filled in a public form (a blog comment's e-mail and site): it proves
   * nothing about who owns the address. A claimed identity stands for one person only within
   * the party's `nameScope` (the same commenter on the same blog); linking it to anyone else
   * is left to identity resolution, which needs more than the claim.
   */
  claimed?: boolean;
}

/** What a source says about a person beyond how to reach them. */
export interface PartyDetails {
  organization?: string;
  title?: string;
  /** Where they live or work: "Lisbon, Portugal". */
  location?: string;
  /** A short self-description (a profile bio, a card's note). */
  bio?: string;
}

/** One side of an interaction, or the author of a piece of content: what the source knows. */
export interface PartyRef {
  name?: string;
  identities: IdentityRef[];
  /**
   * The owner of the export (the account a Twitter archive belongs to, the sender of one's own
   * LinkedIn messages): resolves to the user, whatever identities it carries.
   */
  isOwner?: boolean;
  details?: PartyDetails;
  /**
   * Names are not identities on their own. When a party has nothing but a name (an anonymous
   * blog comment), the importer gives a scope ("wxr:blog.example") within which that name
   * stands for one person.
   */
  nameScope?: string;
}

/** Where in a file a record or a problem came from, for messages a user can act on. */
export interface Place {
  line?: number;
  column?: number;
  /** A human description of the record, e.g. `comment 12 on "Hello world"`. */
  record?: string;
}

/** Channels an interaction can travel on. Strings so new importers can add their own. */
export type Channel =
  | "blog_comment"
  | "pingback"
  | "trackback"
  | "email"
  | "tweet"
  | "dm"
  | "linkedin"
  | "facebook"
  | "meeting"
  | (string & {});

export type Direction = "inbound" | "outbound" | "mutual" | "observed";

/** The export says who its owner is (a blog's author accounts, a Twitter archive's account). */
export interface OwnerRecord {
  type: "owner";
  party: PartyRef;
  place: Place;
}

/** Something one party said or did towards another. */
export interface InteractionRecord {
  type: "interaction";
  /** Stable across re-imports of the same data, unique across sources. */
  key: string;
  channel: Channel;
  /** What happened: "comment", "reply", "pingback", "message", "meeting", "like", … */
  kind: string;
  /** Milliseconds since the epoch, UTC. */
  at: number;
  from: PartyRef;
  /** The counterparts. One row per counterpart is stored. */
  to: PartyRef[];
  /** Only sources that know better than from/to set this (a meeting is mutual). */
  direction?: Direction;
  /** Groups a conversation: a post's comment thread, an e-mail thread. */
  thread?: string;
  /** The key of the interaction this one answers, when known. */
  replyTo?: string;
  /** Where it happened: the post, the conversation. */
  context?: { url?: string; title?: string };
  /** The full text, when there is one; stored as content and summarised as an excerpt. */
  text?: string;
  /** "pending" for comments awaiting moderation; absent means approved/normal. */
  status?: "approved" | "pending";
  place: Place;
}

/** Something a person wrote that is not addressed to anyone: a post, a bio. */
export interface ContentRecord {
  type: "content";
  key: string;
  kind: "post" | "page" | "bio" | (string & {});
  author: PartyRef;
  at?: number;
  title?: string;
  url?: string;
  text?: string;
  place: Place;
}

/**
 * A tie without dialog: a LinkedIn connection, a business card, an address-book entry, a
 * follower, a blog the user subscribes to. Card-only ties are exactly what irl must not mistake
 * for relationships, so they are kept apart from interactions.
 */
export interface ContactRecord {
  type: "contact";
  key: string;
  /** Where the tie lives: "linkedin", "vcard", "csv", "twitter", "facebook", "opml", … */
  channel: Channel;
  /**
   * What kind of tie: "connection" (both accepted), "card" (a card or address-book entry),
   * "follower" (they follow the user), "following" (the user follows them), "subscription"
   * (the user reads their blog), "invitation_sent", "invitation_received".
   */
  kind: string;
  party: PartyRef;
  /** When the tie was made, when known. */
  at?: number;
  place: Place;
}

/**
 * Someone, and what they are known by, with no tie implied: a card in irl's own export, read
 * back. The pipeline makes sure the person and their identities exist and writes nothing else.
 */
export interface PersonRecord {
  type: "person";
  key: string;
  party: PartyRef;
  place: Place;
}

export interface Attendee {
  party: PartyRef;
  role?: "organizer" | "attendee" | "optional" | "chair";
  status?: "accepted" | "declined" | "tentative" | "needs-action";
}

/**
 * An event and who was there: a calendar meeting, a conference, an attendee list. When the
 * user was among a small group of attendees, the pipeline records a meeting in real life with
 * each of the others. A recurring event is one record per occurrence (its own key).
 */
export interface EventRecord {
  type: "event";
  key: string;
  title: string;
  start?: number;
  end?: number;
  location?: string;
  url?: string;
  attendees: Attendee[];
  place: Place;
}

/** A record the importer read but chose not to keep (spam, a broken row), with the reason. */
export interface SkipRecord {
  type: "skip";
  /** A short stable reason used for counting: "spam", "trash", "no author", "bad date", … */
  reason: string;
  /** A sentence for the user. */
  message: string;
  place: Place;
}

export type SourceRecord =
  | OwnerRecord
  | InteractionRecord
  | ContentRecord
  | ContactRecord
  | PersonRecord
  | EventRecord
  | SkipRecord;
