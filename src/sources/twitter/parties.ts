/**
 * The parties a Twitter archive names. Accounts are known by their permanent numeric id
 * (handle on platform "twitter-id") and, where the file gives it, their @username (handle on
 * "twitter", which can change) and display name. The archive's owner is `{ isOwner: true }`.
 *
 * @example
 * twitterParty({ id: "12", screenName: "ada", name: "Ada" });
 * // { name: "Ada", identities: [{ kind: "handle", platform: "twitter", value: "ada" },
 * //                             { kind: "handle", platform: "twitter-id", value: "12" }] }
 */
import type { IdentityRef, PartyRef } from "../records.js";

export interface TwitterUser {
  id?: string;
  screenName?: string;
  name?: string;
}

/** The archive's owner, as the author of every tweet. */
export function ownerParty(): PartyRef {
  return { isOwner: true, identities: [] };
}

export function twitterParty(user: TwitterUser): PartyRef {
  const identities: IdentityRef[] = [];
  if (user.screenName)
    identities.push({ kind: "handle", platform: "twitter", value: user.screenName });
  if (user.id) identities.push({ kind: "handle", platform: "twitter-id", value: user.id });
  const party: PartyRef = { identities };
  const name = user.name?.trim();
  if (name) party.name = name;
  return party;
}

/**
 * An account the file names by its id (followers, DM correspondents), with its @username when
 * the same entry gives it. Such a party has no `name`: the file gives none, and neither the id
 * nor a link is a person's name (a made-up name would also take part in name matching). The
 * pipeline shows an unnamed person by their first identity, so the identities are kept
 * readable: the @username first (written with its "@", which the handle's key ignores), then the
 * id. No profile link is added — a profile sorts before handles, and its display would be a URL
 * (`https://twitter.com/i/user/12`); the id identifies the account on its own, and once a tweet
 * or a later file names the person, that name replaces the display.
 *
 * @example
 * accountParty("12"); // { identities: [{ kind: "handle", platform: "twitter-id", value: "12" }] }
 * accountParty("12", "ada"); // identities: twitter "@ada", then twitter-id "12"
 */
export function accountParty(id: string, screenName?: string): PartyRef {
  const identities: IdentityRef[] = [];
  if (screenName) identities.push({ kind: "handle", platform: "twitter", value: `@${screenName}` });
  identities.push({ kind: "handle", platform: "twitter-id", value: id });
  return { identities };
}

/**
 * The @username in a profile link of the `https://twitter.com/<username>` form (or x.com), else
 * undefined — archives mostly link `https://twitter.com/intent/user?user_id=12`, which has none.
 */
export function screenNameOfLink(link: string | undefined): string | undefined {
  const m = link ? PROFILE_LINK.exec(link.trim()) : null;
  const name = m?.[1];
  return name && !RESERVED_PATHS.has(name.toLowerCase()) ? name : undefined;
}

const PROFILE_LINK =
  /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,50})\/?(?:[?#].*)?$/i;
/** First path segments of twitter.com that are pages, not accounts. */
const RESERVED_PATHS = new Set(["i", "intent", "home", "search", "explore", "hashtag", "share"]);

/** A string field, or an id that an old archive wrote as a number. */
export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The object inside a one-member wrapper (`{ "tweet": {...} }`), or the value itself. */
export function unwrap(value: unknown, name: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const inner = (value as Record<string, unknown>)[name];
  if (inner && typeof inner === "object" && !Array.isArray(inner)) {
    return inner as Record<string, unknown>;
  }
  return value as Record<string, unknown>;
}

/** The value when it is a JSON object. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
