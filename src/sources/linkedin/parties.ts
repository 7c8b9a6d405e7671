/**
 * People as LinkedIn exports name them: a display name and a profile URL. Builds the parties of
 * records and the short stable strings their keys are made of.
 *
 * @example
 * profileKey("https://uk.linkedin.com/in/Ada-Byron/?trk=x"); // "linkedin.com/in/ada-byron"
 * splitRecipients("Ada Byron,Tom Kilburn", "https://www.linkedin.com/in/ada,https://www.linkedin.com/in/tom");
 * // [{ name: "Ada Byron", url: "…/ada" }, { name: "Tom Kilburn", url: "…/tom" }]
 */
import { createHash } from "node:crypto";
import type { IdentityRef, PartyRef } from "../records.js";

/** Names without an e-mail or profile stand for one person within the LinkedIn export. */
export const NAME_SCOPE = "linkedin";
export const PLATFORM = "linkedin";

/** Host (any `*.linkedin.com` as `linkedin.com`) and lowercase path, for keys; else undefined. */
export function profileKey(url: string | undefined): string | undefined {
  const text = url?.trim();
  if (!text) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  let host = parsed.host.toLowerCase();
  if (host.endsWith(".linkedin.com")) host = "linkedin.com";
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the encoded path
  }
  path = path.replace(/\/+$/, "").toLowerCase();
  return host.includes(".") && path ? host + path : undefined;
}

/** Lowercase, single-spaced: the spelling of a name inside keys. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** A short stable digest for keys (12 hex digits of SHA-256). */
export function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

export interface PersonFields {
  name?: string | undefined;
  url?: string | undefined;
  email?: string | undefined;
}

/** The party for a name, profile URL and e-mail as the export gives them. */
export function party(person: PersonFields, isOwner = false): PartyRef {
  const identities: IdentityRef[] = [];
  const url = person.url?.trim();
  const email = person.email?.trim();
  if (url) identities.push({ kind: "profile", value: url, platform: PLATFORM });
  if (email) identities.push({ kind: "email", value: email });
  const name = person.name?.trim().replace(/\s+/g, " ");
  const out: PartyRef = name ? { name, identities } : { identities };
  out.nameScope = NAME_SCOPE;
  if (isOwner) out.isOwner = true;
  return out;
}

/** True when the party carries nothing that could identify anyone. */
export function isEmptyParty(p: PartyRef): boolean {
  return p.identities.length === 0 && !p.name;
}

/** A key part for a person: their profile, else e-mail, else name. */
export function personKey(person: PersonFields): string | undefined {
  const profile = profileKey(person.url);
  if (profile) return profile;
  const email = person.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  const name = person.name?.trim();
  return name ? `name:${nameKey(name)}` : undefined;
}

/**
 * The recipients of a message. TO and RECIPIENT PROFILE URLS are parallel lists; LinkedIn joins
 * several with commas. Profile URLs cannot contain a comma, so they split safely; names can
 * ("Ada Byron, PhD"), so names are split only when that gives one name per URL. With a single
 * URL, TO is one name whatever it contains; with several URLs and names that do not pair up,
 * the recipients are their URLs alone. Without any URL, TO is split at commas.
 */
export function splitRecipients(names: string, urls: string): PersonFields[] {
  const links = urls
    .split(/[\s,;]+/)
    .map((u) => u.trim())
    .filter(Boolean);
  const to = names.trim();
  if (links.length === 0) {
    return to
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean)
      .map((name) => ({ name }));
  }
  if (links.length === 1) return [{ name: to || undefined, url: links[0] }];
  const split = to.split(",").map((n) => n.trim());
  const paired = split.length === links.length;
  return links.map((url, i) => ({ name: paired ? split[i] || undefined : undefined, url }));
}
