/**
 * Who appears on which channel, and how, shared by the format writers so that one person keeps
 * the same identities everywhere: the LinkedIn profile URL, the address they write e-mail from,
 * whether they handed the owner a card or connected on LinkedIn. Decisions are pure functions of
 * the seed and the person (no shared generator state), so each writer can run alone.
 *
 * @example
 * const world = buildWorld({ people: 200 });
 * world.people.filter((p) => onLinkedIn(world, p)).length;
 */
import { kebab } from "./lexicon.js";
import { hashSeed } from "./random.js";
import type { Person, Role, World } from "./world.js";

/** A float in [0, 1) fixed by the seed, a label and the person. */
export function roll(world: World, label: string, p: Person): number {
  return hashSeed(world.seed, label, p.index) / 0x100000000;
}

const LINKEDIN_ODDS: Readonly<Record<Role, number>> = {
  irl: 1,
  growing: 0.9,
  dormant: 1,
  acquaintance: 0.6,
  owed: 0.7,
  likeOnly: 0.2,
  jobAsk: 0.5,
  unresponsive: 1,
  newcomer: 0,
  cardOnly: 0.75,
};

/** True when the person is one of the owner's LinkedIn connections. */
export function onLinkedIn(world: World, p: Person): boolean {
  return roll(world, "linkedin", p) < LINKEDIN_ODDS[p.role];
}

/** True when the owner has the person's business card (most are card-only people). */
export function hasCard(world: World, p: Person): boolean {
  if (p.role === "cardOnly") return !onLinkedIn(world, p) || roll(world, "card", p) < 0.15;
  if (p.role === "newcomer" || p.role === "likeOnly") return false;
  // Ties in the destination city handed the owner a card with their address (for `irl trip`).
  if (p.marks.includes("destination")) return true;
  // Many-faces people handed the owner a card: work address, site and handle on one record.
  if (p.marks.includes("manyFaces")) return true;
  if (p.marks.includes("sameFirstName") || p.marks.includes("sameFullName")) return true;
  return roll(world, "card", p) < 0.12;
}

/** The person's public LinkedIn profile. */
export function linkedinUrl(p: Person): string {
  return `https://www.linkedin.com/in/${kebab(`${p.firstName} ${p.lastName}`)}-${p.id.slice(1)}`;
}

export const OWNER_LINKEDIN = "https://www.linkedin.com/in/robin-hale-marketing";

/** The address a person writes e-mail from: many-faces people write from work. */
export function mailAddress(p: Person): string {
  if (p.marks.includes("manyFaces") || p.role === "unresponsive") {
    return p.emails.work ?? p.emails.personal ?? "";
  }
  return p.emails.personal ?? p.emails.work ?? "";
}

/** The name a person's mail carries: the quirky spelling for many-faces people. */
export function mailName(p: Person): string {
  return p.quirkName ?? p.fullName;
}

/** The owner's permanent Twitter/X account id. */
export const OWNER_TWITTER_ID = "90210417";

/**
 * A person's permanent Twitter/X account id (numeric, stable for the seed and the person,
 * distinct for every person): each person has a block of ids of their own.
 */
export function twitterId(world: World, p: Person): string {
  return String(
    1_100_000_000 + p.index * 131 + (hashSeed(world.seed, "twitter-id", p.index) % 131),
  );
}

/** The name a person shows on Twitter/X: the nickname when they have one. */
export function twitterName(p: Person): string {
  return p.nickname ?? p.fullName;
}

/** Whether the person's blog publishes Atom (else RSS 2.0); only meaningful with a site. */
export function feedIsAtom(world: World, p: Person): boolean {
  return roll(world, "feed-format", p) < 0.4;
}

/** The feed URL of a person's blog (`undefined` without a site). */
export function feedUrl(world: World, p: Person): string | undefined {
  if (!p.site) return undefined;
  return feedIsAtom(world, p) ? `${p.site}atom.xml` : `${p.site}feed/`;
}
