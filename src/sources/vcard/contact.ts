/**
 * A card's properties as the party irl keeps: a name (FN, or N assembled in "Given Family"
 * order), identities (e-mails, phones other than fax lines, URLs — a LinkedIn/Twitter/GitHub/
 * Facebook URL as that network's profile or handle — and social handles), and details
 * (organisation, title, location from the address, the note as bio).
 *
 * Names: FN wins; an FN written "Family, Given" that N confirms is turned round ("Gump,
 * Forrest" with N `Gump;Forrest` → "Forrest Gump"), as is an N whose family name holds
 * "Family, Given" and nothing else. A card with identities but no name gets none (the pipeline
 * names the person from an identity); a card with a name only gets the name scope "vcard",
 * so one address book's bare names stand for one person each.
 *
 * @example
 * contactOf(properties)?.party;
 * // { name: "Ada Lovelace", identities: [{ kind: "email", value: "ada@example.org" }],
 * //   details: { organization: "Analytical Engines", location: "London, UK" } }
 */
import { createHash } from "node:crypto";
import type { IdentityRef, PartyDetails, PartyRef } from "../records.js";
import type { CardProperty } from "./card.js";
import { identityFromSocial, identityFromUrl } from "./social.js";

export interface CardContact {
  party: PartyRef;
  uid?: string;
  /** A stable hash of the normalised name and identities. */
  fingerprint: string;
  /** How to name the card in a message: its name or first identity. */
  label?: string;
}

export function contactOf(properties: CardProperty[]): CardContact | undefined {
  const name = nameOf(properties);
  const identities = identitiesOf(properties);
  if (!name && identities.length === 0) return undefined;
  const party: PartyRef = { identities };
  if (name) party.name = name;
  const details = detailsOf(properties);
  if (details) party.details = details;
  if (identities.length === 0) party.nameScope = "vcard";
  const contact: CardContact = {
    party,
    fingerprint: fingerprint(name, identities),
    label: name ?? identities[0]?.value,
  };
  const uid = text(first(properties, "uid"));
  if (uid) contact.uid = uid;
  return contact;
}

function nameOf(properties: CardProperty[]): string | undefined {
  const fn = clean(text(first(properties, "fn")));
  const n = first(properties, "n")?.values;
  const family = clean(n?.[0]?.join(" "));
  const given = clean([n?.[1]?.join(" "), n?.[2]?.join(" ")].filter(Boolean).join(" "));
  if (fn) {
    const turned = /^([^,]+),\s*([^,]+)$/.exec(fn);
    if (turned && family && given && same(turned[1], family) && same(turned[2], given)) {
      return `${given} ${family}`;
    }
    return fn;
  }
  if (family && !given) {
    const turned = /^([^,]+),\s*([^,]+)$/.exec(family);
    if (turned) return `${clean(turned[2])} ${clean(turned[1])}`;
  }
  const assembled = clean([given, family].filter(Boolean).join(" "));
  if (assembled) return assembled;
  return clean(first(properties, "nickname")?.values[0]?.[0]);
}

function identitiesOf(properties: CardProperty[]): IdentityRef[] {
  const out: IdentityRef[] = [];
  const seen = new Set<string>();
  const add = (ref: IdentityRef | undefined) => {
    if (!ref) return;
    const key = `${ref.kind}\u0000${ref.platform ?? ""}\u0000${ref.value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(ref);
  };
  for (const p of properties) {
    const value = clean(text(p));
    if (!value) continue;
    if (p.name === "email") {
      const email = value.replace(/^mailto:/i, "").trim();
      if (/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(email)) add({ kind: "email", value: email });
    } else if (p.name === "tel") {
      const types = p.params.type ?? [];
      if (types.includes("fax") && !types.some((t) => t === "voice" || t === "cell")) continue;
      add(phone(value));
    } else if (p.name === "url") {
      add(identityFromUrl(value));
    } else {
      add(identityFromSocial(p));
    }
  }
  return out;
}

function phone(value: string): IdentityRef | undefined {
  const [number = "", ...params] = value.replace(/^tel:/i, "").split(";");
  const ext = params.find((p) => /^ext=/i.test(p))?.slice(4);
  const v = (ext ? `${number} x${ext}` : number).trim();
  return /\d/.test(v) ? { kind: "phone", value: v } : undefined;
}

function detailsOf(properties: CardProperty[]): PartyDetails | undefined {
  const details: PartyDetails = {};
  const org = first(properties, "org")?.values.map((c) => clean(c.join(" ")));
  const organization = org?.find(Boolean);
  if (organization) details.organization = organization;
  const title = clean(text(first(properties, "title")));
  if (title) details.title = title;
  const location = locationOf(properties);
  if (location) details.location = location;
  const bio = text(first(properties, "note"))?.trim();
  if (bio) details.bio = bio;
  return Object.keys(details).length > 0 ? details : undefined;
}

/** Locality (or region) and country of the preferred address, else the first one with any. */
function locationOf(properties: CardProperty[]): string | undefined {
  const places = properties
    .filter((p) => p.name === "adr")
    .map((p) => {
      const part = (i: number) => clean(p.values[i]?.join(" "));
      const where = [part(3) || part(4), part(6)].filter(Boolean).join(", ");
      const pref = (p.params.type ?? []).includes("pref") || p.params.pref !== undefined;
      return { where, pref };
    })
    .filter((a) => a.where);
  return (places.find((a) => a.pref) ?? places[0])?.where;
}

function fingerprint(name: string | undefined, identities: IdentityRef[]): string {
  const parts = identities
    .map((i) => {
      const value =
        i.kind === "phone" ? i.value.replace(/[^\d+x]/gi, "") : i.value.toLowerCase().trim();
      return `${i.kind}:${i.platform ?? ""}:${value}`;
    })
    .sort();
  const normalisedName = (name ?? "").normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  const hash = createHash("sha256").update(JSON.stringify([normalisedName, parts]));
  return hash.digest("hex").slice(0, 20);
}

function first(properties: CardProperty[], name: string): CardProperty | undefined {
  return properties.find((p) => p.name === name);
}

/** The text of a plain property (its first value). */
function text(property: CardProperty | undefined): string | undefined {
  return property?.values[0]?.[0];
}

function clean(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, " ").trim();
  return v || undefined;
}

function same(a: string | undefined, b: string): boolean {
  return (a ?? "").trim().toLowerCase() === b.toLowerCase();
}
