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
 * An account known only by its id (followers, DM correspondents), with its profile link.
 * The archive's `userLink` (`https://twitter.com/intent/user?user_id=12`) carries the id in its
 * query, which URL normalisation drops — every follower would share one profile — so the
 * profile is written in the path form `https://twitter.com/i/user/12`, which Twitter also serves.
 */
export function accountParty(id: string, withProfile = false): PartyRef {
  const identities: IdentityRef[] = [{ kind: "handle", platform: "twitter-id", value: id }];
  if (withProfile) {
    identities.push({
      kind: "profile",
      platform: "twitter",
      value: `https://twitter.com/i/user/${id}`,
    });
  }
  return { identities };
}

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
