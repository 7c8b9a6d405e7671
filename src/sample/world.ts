/**
 * The sample world: one fictional owner (a marketer about to move cities) and their circle, as
 * plain data. Every person has a relationship role and the marks of the planted truths they
 * carry (DEMO.md), so each format writer (`wxr.ts`, later Twitter, LinkedIn, mbox …) renders the
 * same people consistently, and tests know what irl should find. All times derive from
 * `referenceDate`, never from the clock; building is O(people).
 *
 * @example
 * const world = buildWorld({ seed: 1, people: 200 });
 * world.people.filter((p) => p.role === "irl").map((p) => p.fullName);
 */
import { IrlError } from "../errors.js";
import {
  asciiFold,
  COMPANIES,
  CULTURES,
  type Culture,
  companyDomain,
  DESTINATION_CITY,
  DIMINUTIVES,
  HOME_CITY,
  kebab,
  MAIL_PROVIDERS,
  OTHER_CITIES,
  slugPart,
} from "./lexicon.js";
import { createRng, type Rng } from "./random.js";
import { openingText } from "./text.js";
import {
  CLUSTERS,
  INTERESTS,
  type Interest,
  OPENING_INTERESTS,
  OWNER_INTERESTS,
} from "./vocabulary.js";

export type { Interest } from "./vocabulary.js";

export const DEFAULT_REFERENCE_DATE = "2026-11-01T00:00:00Z";
/** Below this the planted truths cannot all be placed. */
export const MIN_PEOPLE = 60;

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** How far back the owner's blog and history reach before `referenceDate`. */
export const HISTORY_DAYS = 7 * 365;
/** Comments younger than this are all answered, except the planted owed ones. */
export const OWED_WINDOW_DAYS = 90;

export type Role =
  /** The small circle who talk with the owner across channels. */
  | "irl"
  /** Recent ties, talking more and more often. */
  | "growing"
  /** Once-weekly correspondents, silent for months before the reference date. */
  | "dormant"
  /** Occasional commenters over the years. */
  | "acquaintance"
  /** Wrote recently and are waiting for the owner's answer. */
  | "owed"
  /** Only like and retweet, never write. */
  | "likeOnly"
  /** Wrote exactly once, to ask for a job. */
  | "jobAsk"
  /** Work at the one company whose people never answered the owner's e-mails. */
  | "unresponsive"
  /** New people at the upcoming events; no history with the owner. */
  | "newcomer"
  /** A LinkedIn connection or a business card, and nothing else. */
  | "cardOnly";

export type Pace = "often" | "rising" | "weekly" | "sporadic" | "once" | "oneWay" | "unanswered";

/** How a many-faces person's name goes wrong somewhere. */
export type Quirk = "typo" | "initials" | "accents" | "maiden" | "lastFirst";
export const QUIRKS: readonly Quirk[] = ["typo", "initials", "accents", "maiden", "lastFirst"];

/** Planted truths a person carries beyond their role. */
export type Mark =
  | "manyFaces"
  | "sameFirstName"
  | "sameFullName"
  | "destination"
  | "jobFit"
  | "introducer"
  | "introTarget"
  | "pendingComment";

/** The span in which this person and the owner talk (in either direction), and its rhythm. */
export interface Contact {
  from: number;
  until: number;
  pace: Pace;
}

/** Every name, address, URL and handle a person uses anywhere. */
export interface Faces {
  names: string[];
  emails: string[];
  urls: string[];
  handles: string[];
}

export interface Person {
  /** Stable for a given seed and size: `p00001` … */
  id: string;
  index: number;
  role: Role;
  firstName: string;
  lastName: string;
  fullName: string;
  nickname?: string;
  /** The family name used before `nameChangedAt`. */
  maidenName?: string;
  nameChangedAt?: number;
  emails: { personal?: string; work?: string };
  /** Canonical form with a trailing slash: `https://host.example/`. */
  site?: string;
  /** Without the `@`. */
  twitter?: string;
  company: string;
  companyDomain: string;
  title: string;
  city: string;
  interests: Interest[];
  /** The address their comments come from (documentation ranges only). */
  ip: string;
  /** When they became a LinkedIn connection or handed over a card. */
  connectedAt: number;
  contact?: Contact;
  /** Job askers: where they asked. */
  askChannel?: "blog" | "email";
  quirk?: Quirk;
  /** The name as the quirk spells it, e.g. "Okafor, Chidi". */
  quirkName?: string;
  /** Many-faces people only. */
  faces?: Faces;
  marks: Mark[];
}

export interface Owner {
  name: string;
  firstName: string;
  lastName: string;
  /** The WordPress login; also the WXR `dc:creator`. */
  login: string;
  /** The WordPress author id; the owner's replies carry it as `comment_user_id`. */
  authorId: number;
  emails: { blog: string; personal: string; work: string };
  blogUrl: string;
  blogTitle: string;
  blogTagline: string;
  twitter: string;
  company: string;
  title: string;
  homeCity: string;
  destinationCity: string;
  moveDate: number;
  interests: Interest[];
  ip: string;
}

export interface SampleEvent {
  id: string;
  name: string;
  city: string;
  start: number;
  topics: Interest[];
  attendeeIds: string[];
}

export interface Opening {
  title: string;
  organisation: string;
  city: string;
  interests: Interest[];
  text: string;
  /** The two IRL-circle people who fit it better than anyone else. */
  bestFitIds: string[];
}

export interface LookAlikePair {
  kind: "sameFirstName" | "sameFullName";
  ids: [string, string];
}

export interface World {
  seed: number;
  referenceDate: number;
  /** When the owner's history (and blog) starts. */
  historyStart: number;
  owner: Owner;
  people: Person[];
  events: SampleEvent[];
  opening: Opening;
  lookAlikes: LookAlikePair[];
  introduction: { targetId: string; viaId: string; eventId: string };
  /** The company whose people never answered the owner. */
  unresponsiveCompany: { name: string; domain: string };
}

export interface WorldOptions {
  seed?: number;
  people?: number;
  referenceDate?: string;
}

export function personId(index: number): string {
  return `p${String(index + 1).padStart(5, "0")}`;
}

export function personIndex(id: string): number {
  return Number.parseInt(id.slice(1), 10) - 1;
}

export function buildWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? 1;
  const count = options.people ?? 200;
  const ref = parseReferenceDate(options.referenceDate ?? DEFAULT_REFERENCE_DATE);
  if (!Number.isInteger(count) || count < MIN_PEOPLE) {
    throw new IrlError("usage", `people must be a whole number of at least ${MIN_PEOPLE}`);
  }
  if (!Number.isInteger(seed)) throw new IrlError("usage", "seed must be a whole number");
  const rng = createRng("world", seed);
  const historyStart = ref - HISTORY_DAYS * DAY;
  const roles = assignRoles(count, rng.fork("roles"));
  const overlays = chooseOverlays(roles, rng.fork("overlays"));
  const unresponsive = rng.fork("company").pick(COMPANIES);
  const ctx: Ctx = {
    rng: rng.fork("people"),
    ref,
    historyStart,
    names: new Set(),
    emails: new Claims(),
    hosts: new Claims(),
    handles: new Claims(),
  };
  const owner = makeOwner(ref);
  reserveOwner(ctx, owner);
  const people = roles.map((role, i) => namePerson(ctx, i, role, overlays));
  plantLookAlikeNames(ctx, people, overlays);
  for (const person of people) describePerson(ctx, person, overlays, unresponsive);
  plantLookAlikePlaces(ctx, people, overlays);
  overlays.byRole.jobAsk.forEach((i, k) => {
    (people[i] as Person).askChannel = k % 2 === 0 ? "blog" : "email";
  });
  for (const person of people) if (person.marks.includes("manyFaces")) addFaces(person);
  const introduction = {
    targetId: personId(overlays.introTarget),
    viaId: personId(overlays.introducer),
    eventId: "e1",
  };
  return {
    seed,
    referenceDate: ref,
    historyStart,
    owner,
    people,
    events: buildEvents(people, overlays, ref, rng.fork("events")),
    opening: buildOpening(overlays, rng.fork("opening")),
    lookAlikes: [
      ...overlays.sameFirst.map(
        ([a, b]): LookAlikePair => ({
          kind: "sameFirstName",
          ids: [personId(a), personId(b)],
        }),
      ),
      ...overlays.sameFull.map(
        ([a, b]): LookAlikePair => ({
          kind: "sameFullName",
          ids: [personId(a), personId(b)],
        }),
      ),
    ],
    introduction,
    unresponsiveCompany: { name: unresponsive, domain: companyDomain(unresponsive) },
  };
}

function parseReferenceDate(text: string): number {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new IrlError("usage", `referenceDate is not a date: ${text}`);
  return at;
}

function makeOwner(ref: number): Owner {
  return {
    name: "Robin Hale",
    firstName: "Robin",
    lastName: "Hale",
    login: "robinhale",
    authorId: 1,
    emails: {
      blog: "robin@robinhale.example",
      personal: "robin.hale@mail.example",
      work: "robin.hale@brightlane-studio.example",
    },
    blogUrl: "https://robinhale.example",
    blogTitle: "Robin Hale — notes on marketing, food & people",
    blogTagline: "Content marketing, analytics and the people behind them",
    twitter: "robinhale",
    company: "Brightlane Studio",
    title: "Head of Content Marketing",
    homeCity: HOME_CITY,
    destinationCity: DESTINATION_CITY,
    moveDate: ref + 60 * DAY,
    interests: [...OWNER_INTERESTS],
    ip: "198.51.100.7",
  };
}

function reserveOwner(ctx: Ctx, owner: Owner): void {
  ctx.names.add(owner.name);
  for (const email of Object.values(owner.emails)) ctx.emails.add(email);
  ctx.hosts.add("robinhale.example");
  ctx.handles.add(owner.twitter);
}

// ---------------------------------------------------------------------------------------------
// Roles and overlays

const ROLE_SHARES: readonly (readonly [Role, number, number])[] = [
  ["irl", 0.04, 8],
  ["growing", 0.03, 5],
  ["dormant", 0.006, 2],
  ["acquaintance", 0.08, 12],
  ["owed", 0.015, 3],
  ["likeOnly", 0.03, 4],
  ["jobAsk", 0.015, 2],
  ["unresponsive", 0.01, 4],
  ["newcomer", 0.05, 8],
];

function assignRoles(count: number, rng: Rng): Role[] {
  const roles: Role[] = [];
  for (const [role, share, min] of ROLE_SHARES) {
    const k = Math.max(min, Math.round(count * share));
    for (let i = 0; i < k; i++) roles.push(role);
  }
  while (roles.length < count) roles.push("cardOnly");
  return rng.shuffle(roles);
}

interface Overlays {
  byRole: Record<Role, number[]>;
  marks: Mark[][];
  quirks: Map<number, Quirk>;
  jobFit: number[];
  introducer: number;
  introTarget: number;
  sameFirst: [number, number][];
  sameFull: [number, number][];
}

function chooseOverlays(roles: readonly Role[], rng: Rng): Overlays {
  const byRole = groupByRole(roles);
  const pools = Object.fromEntries(
    Object.entries(byRole).map(([role, list]) => [role, rng.shuffle(list.slice())]),
  ) as Record<Role, number[]>;
  const marks: Mark[][] = roles.map(() => []);
  const taken = new Uint8Array(roles.length);
  const take = (pool: readonly number[], k: number, mark: Mark): number[] => {
    const out: number[] = [];
    for (const i of pool) {
      if (out.length >= k) break;
      if (taken[i]) continue;
      taken[i] = 1;
      marks[i]?.push(mark);
      out.push(i);
    }
    return out;
  };
  const n = roles.length;
  const jobFit = take(pools.irl, 2, "jobFit");
  const introducer = take(pools.irl, 1, "introducer")[0] ?? -1;
  const introTarget = take(pools.newcomer, 1, "introTarget")[0] ?? -1;

  const facesWanted = Math.max(QUIRKS.length, Math.round(n * 0.01));
  const spareIrl = Math.max(0, pools.irl.filter((i) => !taken[i]).length - 3);
  const manyFaces = take(pools.irl, Math.min(Math.floor(facesWanted / 2), spareIrl), "manyFaces");
  manyFaces.push(...take(pools.growing, facesWanted - manyFaces.length, "manyFaces"));
  manyFaces.push(...take(pools.irl, facesWanted - manyFaces.length, "manyFaces"));
  const quirks = new Map<number, Quirk>();
  manyFaces.forEach((i, k) => {
    quirks.set(i, QUIRKS[k % QUIRKS.length] as Quirk);
  });

  const pairs = 1 + Math.floor(n / 20000);
  const sameFirst = pairsOf(take(pools.acquaintance, 2 * pairs, "sameFirstName"));
  const sameFull = pairsOf(take(pools.acquaintance, 2 * pairs, "sameFullName"));
  take(pools.acquaintance, Math.max(2, Math.round(n * 0.005)), "pendingComment");

  markDestination(pools, marks, n);
  return { byRole, marks, quirks, jobFit, introducer, introTarget, sameFirst, sameFull };
}

function groupByRole(roles: readonly Role[]): Record<Role, number[]> {
  const byRole = {} as Record<Role, number[]>;
  for (const [role] of ROLE_SHARES) byRole[role] = [];
  byRole.cardOnly = [];
  roles.forEach((role, i) => {
    byRole[role].push(i);
  });
  return byRole;
}

function pairsOf(list: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push([list[i] as number, list[i + 1] as number]);
  return out;
}

/** A handful of ties (strong ones first) and a few card-only people live in the destination. */
function markDestination(pools: Record<Role, number[]>, marks: Mark[][], n: number): void {
  const ties = Math.max(5, Math.round(n * 0.01));
  const eligible = (i: number) =>
    !marks[i]?.includes("sameFullName") && !marks[i]?.includes("sameFirstName");
  const choose = (pool: readonly number[], k: number) => {
    let placed = 0;
    for (const i of pool) {
      if (placed >= k) break;
      if (!eligible(i) || marks[i]?.includes("destination")) continue;
      marks[i]?.push("destination");
      placed++;
    }
    return placed;
  };
  let placed = choose(pools.irl, Math.ceil(ties * 0.4));
  placed += choose(pools.dormant, 1);
  placed += choose(pools.growing, Math.ceil((ties - placed) / 2));
  choose(pools.acquaintance, ties - placed);
  choose(pools.cardOnly, Math.max(2, Math.round(n * 0.005)));
}

// ---------------------------------------------------------------------------------------------
// People

interface Ctx {
  rng: Rng;
  ref: number;
  historyStart: number;
  names: Set<string>;
  emails: Claims;
  hosts: Claims;
  handles: Claims;
}

/** Hands out unique strings: the wanted one, else the first free numbered variant. */
class Claims {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();

  claim(wanted: string, variant: (k: number) => string): string {
    let value = wanted;
    if (this.used.has(value)) {
      let k = this.next.get(wanted) ?? 2;
      do value = variant(k++);
      while (this.used.has(value));
      this.next.set(wanted, k);
    }
    this.used.add(value);
    return value;
  }

  add(value: string): void {
    this.used.add(value);
  }

  delete(value: string): void {
    this.used.delete(value);
  }
}

const UPPER = "ABCDEFGHIJKLMNOPRSTVW";

function namePerson(ctx: Ctx, index: number, role: Role, overlays: Overlays): Person {
  const wantAccent = overlays.quirks.get(index) === "accents";
  const { first, last, full } = drawName(ctx, wantAccent);
  return {
    id: personId(index),
    index,
    role,
    firstName: first,
    lastName: last,
    fullName: full,
    emails: {},
    company: "",
    companyDomain: "",
    title: "",
    city: "",
    interests: [],
    ip: "",
    connectedAt: 0,
    marks: overlays.marks[index] ?? [],
  };
}

function drawName(ctx: Ctx, wantAccent: boolean): { first: string; last: string; full: string } {
  const { rng } = ctx;
  for (let attempt = 0; ; attempt++) {
    const culture = rng.pick(CULTURES);
    const first = rng.pick(culture.first);
    const mixed = attempt >= 2 || rng.chance(0.15);
    const last = rng.pick((mixed ? rng.pick(CULTURES) : culture).last);
    if (wantAccent && asciiFold(first + last) === first + last) continue;
    const middle = attempt >= 5 ? `${UPPER[rng.int(0, UPPER.length - 1)]}. ` : "";
    const full = `${first} ${middle}${last}`;
    if (ctx.names.has(full)) continue;
    ctx.names.add(full);
    return { first, last, full };
  }
}

function plantLookAlikeNames(ctx: Ctx, people: Person[], overlays: Overlays): void {
  for (const [a, b] of overlays.sameFirst) {
    const pa = people[a] as Person;
    const pb = people[b] as Person;
    ctx.names.delete(pb.fullName);
    pb.firstName = pa.firstName;
    while (ctx.names.has(`${pb.firstName} ${pb.lastName}`) || pb.lastName === pa.lastName) {
      pb.lastName = ctx.rng.pick(ctx.rng.pick(CULTURES).last);
    }
    pb.fullName = `${pb.firstName} ${pb.lastName}`;
    ctx.names.add(pb.fullName);
  }
  for (const [a, b] of overlays.sameFull) {
    const pa = people[a] as Person;
    const pb = people[b] as Person;
    ctx.names.delete(pb.fullName);
    pb.firstName = pa.firstName;
    pb.lastName = pa.lastName;
    pb.fullName = pa.fullName;
  }
}

const DIALOG_ROLES: ReadonlySet<Role> = new Set([
  "irl",
  "growing",
  "dormant",
  "acquaintance",
  "owed",
]);
const OTHER_INTERESTS: readonly Interest[] = INTERESTS.filter((i) => !OWNER_INTERESTS.includes(i));

function describePerson(ctx: Ctx, p: Person, overlays: Overlays, silentCompany: string): void {
  const rng = ctx.rng;
  const has = (mark: Mark) => p.marks.includes(mark);
  p.interests = drawInterests(rng, p);
  p.title = has("jobFit")
    ? rng.pick(["Marketing Analytics Lead", "Impact & Insights Manager"])
    : rng.pick(CLUSTERS[p.interests[0] ?? "content-marketing"].titles);
  p.company = p.role === "unresponsive" ? silentCompany : rng.pick(COMPANIES);
  p.companyDomain = companyDomain(p.company);
  p.city = has("destination")
    ? DESTINATION_CITY
    : rng.chance(0.35)
      ? HOME_CITY
      : rng.pick(OTHER_CITIES);
  p.quirk = overlays.quirks.get(p.index);
  if (p.quirk === "maiden") p.maidenName = drawOtherLast(rng, p.lastName);
  const nickname = makeNickname(rng, p, has("manyFaces"));
  if (nickname) p.nickname = nickname;
  assignEmails(ctx, p);
  assignSite(ctx, p);
  assignHandle(ctx, p);
  p.ip = drawIp(rng);
  p.connectedAt = secondsOnly(rng.float(ctx.ref - 9 * 365 * DAY, ctx.ref - 10 * DAY));
  const contact = drawContact(ctx, p);
  if (contact) p.contact = contact;
  if (p.quirk === "maiden" && p.contact) {
    p.nameChangedAt = secondsOnly((p.contact.from + p.contact.until) / 2);
  }
  if (p.quirk) p.quirkName = quirkName(p, p.quirk);
}

/** Look-alike partners: same first name at the same company; same full name, other cities. */
function plantLookAlikePlaces(ctx: Ctx, people: Person[], overlays: Overlays): void {
  for (const [a, b] of overlays.sameFirst) {
    const pa = people[a] as Person;
    const pb = people[b] as Person;
    pb.company = pa.company;
    pb.companyDomain = pa.companyDomain;
    pb.city = pa.city;
    for (const p of [pa, pb]) {
      if (p.emails.work) ctx.emails.delete(p.emails.work);
      p.emails.work = uniqueEmail(
        ctx,
        `${slugPart(p.firstName)}.${slugPart(p.lastName)}`,
        p.companyDomain,
      );
    }
  }
  for (const [a, b] of overlays.sameFull) {
    const pa = people[a] as Person;
    const pb = people[b] as Person;
    pa.city = HOME_CITY;
    pb.city = ctx.rng.pick(OTHER_CITIES);
    if (pb.company === pa.company)
      pb.company = COMPANIES[(COMPANIES.indexOf(pa.company) + 1) % COMPANIES.length] as string;
    pb.companyDomain = companyDomain(pb.company);
  }
}

function drawInterests(rng: Rng, p: Person): Interest[] {
  if (p.marks.includes("jobFit")) {
    return rng.chance(0.5)
      ? ["analytics", "volunteering", "content-marketing"]
      : ["volunteering", "analytics", "food"];
  }
  const k = rng.weighted([
    [1, 0.3],
    [2, 0.45],
    [3, 0.25],
  ] as const);
  const sharesOwner =
    DIALOG_ROLES.has(p.role) ||
    p.marks.includes("introTarget") ||
    (p.role === "newcomer" ? rng.chance(0.6) : rng.chance(0.5));
  const firstPool = sharesOwner
    ? rng.chance(0.85)
      ? OWNER_INTERESTS
      : INTERESTS
    : OTHER_INTERESTS;
  const restPool = sharesOwner ? INTERESTS : OTHER_INTERESTS;
  const out: Interest[] = [rng.pick(firstPool)];
  while (out.length < k) {
    const next = rng.pick(restPool);
    if (!out.includes(next)) out.push(next);
  }
  if (OPENING_INTERESTS.every((i) => out.includes(i))) {
    const spare = INTERESTS.filter((i) => !out.includes(i) && !OPENING_INTERESTS.includes(i));
    out[out.indexOf("volunteering")] = rng.pick(spare);
  }
  return out;
}

function drawOtherLast(rng: Rng, last: string): string {
  for (;;) {
    const culture: Culture = rng.pick(CULTURES);
    const other = rng.pick(culture.last);
    if (other !== last) return other;
  }
}

const NICK_SUFFIX: Readonly<Record<Interest, readonly string[]>> = {
  "content-marketing": ["_writes", "words", "_copy"],
  volunteering: ["_helps", "gives", "_cares"],
  food: ["_eats", "bakes", "_cooks"],
  analytics: ["_data", "counts", "_metrics"],
  photography: ["_shoots", "frames"],
  cycling: ["_rides", "spins"],
  startups: ["_builds", "ships"],
  design: ["_designs", "draws"],
  sustainability: ["_green", "repairs"],
  podcasting: ["_talks", "listens"],
};

function makeNickname(rng: Rng, p: Person, distinctive: boolean): string | undefined {
  const short = DIMINUTIVES[p.firstName];
  if (!distinctive) return short !== undefined && rng.chance(0.3) ? short : undefined;
  if (short !== undefined && rng.chance(0.5)) return short;
  const interest = p.interests[0] ?? "food";
  return `${slugPart(short ?? p.firstName)}${rng.pick(NICK_SUFFIX[interest])}`;
}

function assignEmails(ctx: Ctx, p: Person): void {
  const rng = ctx.rng;
  const has = (mark: Mark) => p.marks.includes(mark);
  const strong = has("manyFaces") || has("sameFullName");
  const wantsPersonal = strong || rng.chance(DIALOG_ROLES.has(p.role) ? 0.9 : 0.6);
  const wantsWork =
    has("manyFaces") || has("sameFirstName") || p.role === "unresponsive" || rng.chance(0.7);
  if (wantsPersonal || !wantsWork) {
    const local = personalLocal(rng, p.firstName, p.maidenName ?? p.lastName);
    p.emails.personal = uniqueEmail(ctx, local, rng.pick(MAIL_PROVIDERS));
  }
  if (wantsWork) p.emails.work = uniqueEmail(ctx, workLocal(rng, p), p.companyDomain);
}

function personalLocal(rng: Rng, first: string, last: string): string {
  const f = slugPart(first);
  const l = slugPart(last);
  return rng.pick([
    `${f}.${l}`,
    `${f}${l}`,
    `${f}_${l}`,
    `${f}.${l}${rng.int(70, 99)}`,
    `${f.slice(0, 1)}${l}`,
    `${l}.${f}`,
  ]);
}

function workLocal(rng: Rng, p: Person): string {
  const f = slugPart(p.firstName);
  const l = slugPart(p.lastName);
  return rng.weighted([
    [`${f}.${l}`, 6],
    [`${f.slice(0, 1)}${l}`, 3],
    [f, 1],
  ] as const);
}

function uniqueEmail(ctx: Ctx, local: string, domain: string): string {
  return ctx.emails.claim(`${local}@${domain}`, (k) => `${local}${k}@${domain}`);
}

function assignSite(ctx: Ctx, p: Person): void {
  const rng = ctx.rng;
  const always = p.marks.includes("manyFaces") || p.marks.includes("introTarget");
  const odds =
    p.role === "irl" || p.role === "growing"
      ? 0.55
      : DIALOG_ROLES.has(p.role)
        ? 0.3
        : p.role === "newcomer"
          ? 0.4
          : 0.1;
  if (!always && !rng.chance(odds)) return;
  const f = slugPart(p.firstName);
  const l = slugPart(p.lastName);
  const base = p.nickname
    ? kebab(p.nickname)
    : rng.pick([`${f}${l}`, `${f}-${l}`, `${f}writes`, `${f}${l}.blog`, `${l}${f.slice(0, 1)}`]);
  const host = ctx.hosts.claim(`${base}.example`, (k) => `${base}${k}.example`);
  p.site = `https://${host}/`;
}

function assignHandle(ctx: Ctx, p: Person): void {
  const rng = ctx.rng;
  const always = p.marks.includes("manyFaces") || p.role === "likeOnly";
  if (!always && !rng.chance(0.45)) return;
  const f = slugPart(p.firstName);
  const l = slugPart(p.lastName);
  const options = [`${f}${l}`, `${f}_${l}`, `${f}${l.slice(0, 1)}`, `${f.slice(0, 1)}${l}`];
  if (p.nickname) options.push(slugPart(p.nickname), slugPart(p.nickname));
  const base = rng.pick(options).slice(0, 15);
  p.twitter = ctx.handles.claim(base, (k) => `${base.slice(0, 12)}${k}`);
}

const IP_BLOCKS = ["192.0.2", "198.51.100", "203.0.113"];

function drawIp(rng: Rng): string {
  if (rng.chance(0.15))
    return `2001:db8:${rng.int(1, 0xffff).toString(16)}::${rng.int(1, 0xfff).toString(16)}`;
  return `${rng.pick(IP_BLOCKS)}.${rng.int(1, 254)}`;
}

function secondsOnly(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

function drawContact(ctx: Ctx, p: Person): Contact | undefined {
  const { rng, ref, historyStart } = ctx;
  const daysAgo = (min: number, max: number) => secondsOnly(ref - rng.float(min, max) * DAY);
  const after = (days0: number, days1: number) =>
    secondsOnly(historyStart + rng.float(days0, days1) * DAY);
  switch (p.role) {
    case "irl":
      return p.marks.includes("introducer")
        ? { from: after(20, 200), until: daysAgo(4, 10), pace: "often" }
        : { from: after(10, 3 * 365), until: daysAgo(4, 20), pace: "often" };
    case "growing":
      return { from: daysAgo(120, 330), until: daysAgo(4, 14), pace: "rising" };
    case "dormant": {
      const until = daysAgo(120, 270);
      return { from: until - rng.int(26, 70) * 7 * DAY, until, pace: "weekly" };
    }
    case "acquaintance": {
      const from = after(10, HISTORY_DAYS - 200);
      const until = p.marks.includes("pendingComment")
        ? daysAgo(1, 28)
        : secondsOnly(rng.float(from, ref - 4 * DAY));
      return { from, until, pace: "sporadic" };
    }
    case "owed":
      return { from: after(10, HISTORY_DAYS - 400), until: daysAgo(3, 45), pace: "sporadic" };
    case "jobAsk": {
      const at = daysAgo(100, 700);
      return { from: at, until: at, pace: "once" };
    }
    case "likeOnly":
      return { from: daysAgo(200, 3 * 365), until: daysAgo(5, 90), pace: "oneWay" };
    case "unresponsive":
      return { from: daysAgo(120, 300), until: daysAgo(20, 60), pace: "unanswered" };
    default:
      return undefined;
  }
}

function quirkName(p: Person, quirk: Quirk): string {
  switch (quirk) {
    case "typo":
      return `${p.firstName} ${swapInner(p.lastName)}`;
    case "initials":
      return `${Array.from(p.firstName)[0] ?? ""}. ${p.lastName}`;
    case "accents":
      return asciiFold(p.fullName);
    case "maiden":
      return `${p.firstName} ${p.maidenName ?? p.lastName}`;
    case "lastFirst":
      return `${p.lastName}, ${p.firstName}`;
  }
}

/** A typing slip: two neighbouring letters swapped, or a letter doubled in short names. */
function swapInner(word: string): string {
  const chars = Array.from(word);
  for (let k = Math.floor(chars.length / 2); k < chars.length - 1; k++) {
    if (chars[k] !== chars[k + 1]) {
      const tmp = chars[k] as string;
      chars[k] = chars[k + 1] as string;
      chars[k + 1] = tmp;
      return chars.join("");
    }
  }
  return `${word}${chars[chars.length - 1] ?? ""}`;
}

/** The site as someone types it from memory: plain http, `www.`, no trailing slash. */
export function siteVariant(site: string): string {
  return site.replace(/^https:\/\//, "http://www.").replace(/\/$/, "");
}

function addFaces(p: Person): void {
  const names = [p.fullName, p.nickname, p.quirkName].filter((x): x is string => !!x);
  const emails = [p.emails.personal, p.emails.work].filter((x): x is string => !!x);
  const urls = p.site ? [p.site, siteVariant(p.site)] : [];
  const handles = p.twitter ? [p.twitter] : [];
  p.faces = { names: [...new Set(names)], emails, urls, handles };
}

// ---------------------------------------------------------------------------------------------
// Events and the opening

const EVENT_SPECS = [
  {
    id: "e1",
    name: `${HOME_CITY} Content & Community Night`,
    city: HOME_CITY,
    days: 12,
    topics: ["content-marketing", "volunteering"],
  },
  {
    id: "e2",
    name: `Data for Good ${DESTINATION_CITY}`,
    city: DESTINATION_CITY,
    days: 33,
    topics: ["analytics", "volunteering"],
  },
  {
    id: "e3",
    name: "Street Food Brands Summit",
    city: "London",
    days: 54,
    topics: ["food", "content-marketing"],
  },
] as const satisfies readonly {
  id: string;
  name: string;
  city: string;
  days: number;
  topics: readonly Interest[];
}[];

function buildEvents(
  people: readonly Person[],
  overlays: Overlays,
  ref: number,
  rng: Rng,
): SampleEvent[] {
  const size = Math.min(3000, Math.max(24, Math.round(people.length * 0.12)));
  const byRole = overlays.byRole;
  const lists: number[][] = EVENT_SPECS.map(() => []);
  byRole.newcomer.forEach((i, k) => {
    if (i === overlays.introTarget) return;
    lists[k % lists.length]?.push(i);
    if (rng.chance(0.2)) lists[(k + 1) % lists.length]?.push(i);
  });
  lists[0]?.push(overlays.introTarget);
  const destination = people.filter((p) => p.marks.includes("destination")).map((p) => p.index);
  return EVENT_SPECS.map((spec, e) => {
    const list = lists[e] ?? [];
    const share = (role: Role, fraction: number, min = 0) =>
      list.push(...rng.sample(byRole[role], Math.max(min, Math.round(size * fraction))));
    share("irl", 0.06, 2);
    share("growing", 0.06, 1);
    share("acquaintance", 0.1, 1);
    share("likeOnly", 0.04);
    if (e === 0) share("dormant", 0, 1);
    if (e === 2) share("unresponsive", 0, 1);
    if (spec.city === DESTINATION_CITY) list.push(...rng.sample(destination, 5));
    share("cardOnly", Math.max(0, (size - list.length) / size));
    const ids = rng.shuffle([...new Set(list)]).map(personId);
    return {
      id: spec.id,
      name: spec.name,
      city: spec.city,
      start: ref + spec.days * DAY + 18 * HOUR,
      topics: [...spec.topics],
      attendeeIds: ids,
    };
  });
}

function buildOpening(overlays: Overlays, rng: Rng): Opening {
  const organisation = "Common Table Trust";
  const title = "Marketing Analytics & Volunteer Engagement Lead";
  const city = HOME_CITY;
  return {
    title,
    organisation,
    city,
    interests: [...OPENING_INTERESTS],
    text: openingText(rng, { organisation, title, city }),
    bestFitIds: overlays.jobFit.map(personId),
  };
}

/** True when `p` shares at least one interest with the owner. */
export function sharesOwnerInterest(p: Person): boolean {
  return p.interests.some((i) => OWNER_INTERESTS.includes(i));
}
