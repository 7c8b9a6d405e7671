/**
 * Who the archive belongs to, from `account.js`, `profile.js` and `manifest.js`.
 *
 * - account.js → owner: display name, @username (handle "twitter"), account id (handle
 *   "twitter-id"), e-mail.
 * - profile.js → owner with `details` (bio, location) and the website as a `url` identity. A
 *   `t.co` link is Twitter's redirector, not the owner's site: it is dropped (profile.js gives no
 *   expanded form). The header image link (`…/profile_banners/<id>/…`) names the account id.
 *   The bio is also emitted as content "bio" by the owner (key `twitter:<id>:profile:bio`, or
 *   `twitter:profile:bio` without an id), which also carries the details through the pipeline.
 * - manifest.js (`window.__THAR_CONFIG`) → owner from its `userInfo` (id, @username, name).
 *
 * @example
 * accountRecord({ account: { username: "ada", accountId: "12" } }, { line: 2 });
 * // { type: "owner", party: { isOwner: true, identities: [twitter:ada, twitter-id:12] }, … }
 */
import type { IdentityRef, PartyDetails, PartyRef, Place, SourceRecord } from "../records.js";
import { obj, str, unwrap } from "./parties.js";

function handles(username?: string, id?: string): IdentityRef[] {
  const identities: IdentityRef[] = [];
  if (username) identities.push({ kind: "handle", platform: "twitter", value: username });
  if (id) identities.push({ kind: "handle", platform: "twitter-id", value: id });
  return identities;
}

function owner(name: string | undefined, identities: IdentityRef[]): PartyRef {
  const party: PartyRef = { isOwner: true, identities };
  if (name) party.name = name;
  return party;
}

export function accountRecord(value: unknown, at: Place): SourceRecord {
  const account = unwrap(value, "account");
  const place: Place = { ...at, record: "account" };
  const identities = handles(str(account?.username), str(account?.accountId));
  const email = str(account?.email);
  if (email) identities.push({ kind: "email", value: email });
  const name = str(account?.accountDisplayName);
  if (identities.length === 0 && !name) {
    return { type: "skip", reason: "no identity", message: "account.js names no account", place };
  }
  return { type: "owner", party: owner(name, identities), place };
}

const BANNER = /\/profile_banners\/(\d+)\//;

export function profileRecords(value: unknown, at: Place): SourceRecord[] {
  const profile = unwrap(value, "profile");
  const description = obj(profile?.description);
  const place: Place = { ...at, record: "profile" };
  const id = BANNER.exec(str(profile?.headerMediaUrl) ?? "")?.[1];
  const identities = handles(undefined, id);
  const website = str(description?.website);
  if (website && !isTco(website)) identities.push({ kind: "url", value: website });
  const details: PartyDetails = {};
  const bio = str(description?.bio);
  const location = str(description?.location);
  if (bio) details.bio = bio;
  if (location) details.location = location;
  const party = owner(undefined, identities);
  if (bio || location) party.details = details;
  const records: SourceRecord[] = [{ type: "owner", party, place }];
  if (bio) {
    records.push({
      type: "content",
      key: id ? `twitter:${id}:profile:bio` : "twitter:profile:bio",
      kind: "bio",
      author: party,
      text: bio,
      place,
    });
  }
  return records;
}

function isTco(url: string): boolean {
  return /^(?:https?:\/\/)?t\.co(?:\/|$)/i.test(url);
}

export function manifestRecord(value: unknown, at: Place): SourceRecord | undefined {
  const info = obj(value);
  const identities = handles(str(info?.userName), str(info?.accountId));
  if (identities.length === 0) return undefined;
  return {
    type: "owner",
    party: owner(str(info?.displayName), identities),
    place: { ...at, record: "the archive's manifest" },
  };
}
