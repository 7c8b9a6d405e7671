/**
 * Which of irl's person profiles are probably one person. Profiles are prepared once (names
 * parsed, e-mails split into user name and domain, site hosts, organisations and places
 * folded), blocked by shared identities and name keys, compared on eight comparisons and
 * scored by a Fellegi–Sunter model trained on the user's own graph — or, when that graph
 * gives too few candidate pairs for EM to say anything, on the documented priors below.
 * Every match carries reasons in plain words and says whether a verified identity agrees.
 *
 * New profiles are matched incrementally against a block index (key → profile ids) that the
 * caller keeps or rebuilds from the store: only pairs with at least one new profile are made.
 *
 * @example
 * const matches = matchProfiles(profiles);
 * matches[0]; // { a: 3, b: 17, probability: 0.998, weight: 21.4,
 *             //   reasons: ["same e-mail ada@acme.io", "same name 'Ada Lovelace'"], verifiedAgreement: false }
 * const index = buildBlockIndex(existing);
 * const pairs = candidatesFor(index, fresh); // [[newId, otherId], …]
 */
import type { BlockingRule, Comparison, HashSink } from "./model/comparison.js";
import {
  candidatePairs,
  compareAll,
  HASH_SEED,
  hashEnd,
  hashMore,
  type Model,
  priorWeight,
  probabilityOf,
  ruleRanges,
  scoreLevels,
  trainOnLevels,
  weightOf,
  weightTable,
} from "./model/index.js";
import { compareNames, foldName, type NameAgreement, type ParsedName, parseName } from "./names.js";
import { givenForms } from "./nicknames.js";
import { isGenericUrl } from "./normalize.js";
import { soundex } from "./phonetic.js";
import { ProfileTable } from "./profile-table.js";
import { jaroWinkler } from "./similarity.js";

export interface ProfileIdentity {
  /** Already normalised (see normalize.ts). */
  value: string;
  verified: boolean;
}

export interface Profile {
  id: number;
  names: string[];
  emails: ProfileIdentity[];
  urls: ProfileIdentity[];
  handles: ProfileIdentity[];
  organizations: string[];
  locations: string[];
}

export interface ProfileMatch {
  a: number;
  b: number;
  probability: number;
  /** Sum of log2(m/u) over the comparisons (the prior is not included). */
  weight: number;
  reasons: string[];
  /** True only when an e-mail, site or handle both profiles share is verified on both. */
  verifiedAgreement: boolean;
}

export interface PreparedName {
  raw: string;
  parsed: ParsedName;
  /** Given name and surname with everything but a–z removed ("" when absent). */
  g: string;
  s: string;
  /** Hashes of this name's `nameKeys` and of its `s:` keys in `spelledKeys` (blocking). */
  nameHashes: readonly number[];
  spellHashes: readonly number[];
}

export interface PreparedProfile {
  /** The profile's id. The profile itself is not kept, so a prepared profile stays small. */
  id: number;
  /** Verified identities, each as its kind ("e", "u", "@") followed by the value. */
  verified: readonly string[];
  names: readonly PreparedName[];
  emails: string[];
  /** E-mail user names, without a "+tag" ("ada.lovelace42"); role names (info@) left out. */
  locals: string[];
  /** The same user names with separators and digits removed ("adalovelace"), to spell names. */
  spelled: string[];
  /** Domains of e-mails that are not free-mail providers. */
  domains: string[];
  /** First label of each of those domains ("acme" for acme.co.uk). */
  domainLabels: string[];
  urls: string[];
  /** Hosts of sites that can stand for one person (not a social network's home page). */
  hosts: string[];
  handles: string[];
  orgs: readonly PreparedOrg[];
  places: readonly PreparedPlace[];
}

export interface PreparedOrg {
  raw: string;
  key: string;
}

export interface PreparedPlace {
  raw: string;
  key: string;
  city: string;
}

const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "hotmail.com",
  "hotmail.co.uk",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "mail.ru",
  "yandex.ru",
  "yandex.com",
  "qq.com",
  "163.com",
  "fastmail.com",
  "zoho.com",
  "hey.com",
  "free.fr",
  "orange.fr",
  "btinternet.com",
  "comcast.net",
]);

/** User names that belong to a role, not a person. */
const ROLE_LOCALS = new Set([
  "info",
  "contact",
  "hello",
  "admin",
  "office",
  "mail",
  "team",
  "support",
  "sales",
  "noreply",
]);

const ORG_SUFFIX = /\b(inc|ltd|llc|gmbh|corp|corporation|co|plc|sa|ag|bv|limited|company|the)\b/g;

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

/** Only the letters a–z of `s`. */
function compact(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return s.replace(/[^a-z]/g, "");
  }
  return s;
}

/**
 * Bounded memo of pure per-string preparation: names, organisations, places and domains
 * repeat a lot, so each distinct one is prepared once and shared by every profile with it.
 */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, make: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make(key);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

const NONE: never[] = [];

const nameMemo = new Memo<readonly PreparedName[]>(100_000);
const orgMemo = new Memo<readonly PreparedOrg[]>(100_000);
const placeMemo = new Memo<readonly PreparedPlace[]>(20_000);
const hostMemo = new Memo<string>(100_000);
const same = (s: string) => s;

/** Hash of the key prefix + a[0..aEnd) + sep + b, as `hashKey` of the joined string. */
function keyHash(prefix: string, a: string, aEnd: number, sep: string, b: string): number {
  return hashEnd(hashMore(hashMore(hashMore(hashMore(HASH_SEED, prefix), a, 0, aEnd), sep), b));
}

function pushUnique(xs: number[], h: number): void {
  if (!xs.includes(h)) xs.push(h);
}

function prepareName(raw: string): readonly PreparedName[] {
  const parsed = parseName(raw);
  if (!parsed.given) return NONE;
  const g = compact(parsed.given);
  const s = compact(parsed.surname);
  const names: number[] = [];
  const spells: number[] = [];
  if (g && s) {
    // The same keys as `nameKeys` and the name part of `spelledKeys`, hashed.
    pushUnique(names, keyHash("n:", g, 1, "|", s));
    pushUnique(
      names,
      g < s ? keyHash("w:", g, g.length, "|", s) : keyHash("w:", s, s.length, "|", g),
    );
    for (const form of givenForms(g)) pushUnique(names, keyHash("f:", form, form.length, "|", s));
    const sg = soundex(g);
    pushUnique(names, keyHash("x:", sg, sg.length, "|", soundex(s)));
    pushUnique(spells, keyHash("s:", g, g.length, "", s));
    pushUnique(spells, keyHash("s:", g, 1, "", s));
  }
  return [
    {
      raw,
      parsed,
      g,
      s,
      nameHashes: names,
      spellHashes: spells,
    },
  ];
}

function prepareOrg(raw: string): readonly PreparedOrg[] {
  const key = foldName(raw)
    .replace(ORG_SUFFIX, "")
    .replace(/[\s-]+/g, "");
  return key ? [{ raw, key }] : NONE;
}

function preparePlace(raw: string): readonly PreparedPlace[] {
  const key = foldName(raw);
  const comma = raw.indexOf(",");
  return key ? [{ raw, key, city: comma < 0 ? key : foldName(raw.slice(0, comma)) }] : NONE;
}

/** Memoised lists of each raw string, joined (the shared list itself when there is one). */
function prepareAll<V>(
  raws: readonly string[],
  memo: Memo<readonly V[]>,
  make: (raw: string) => readonly V[],
): readonly V[] {
  if (raws.length === 0) return NONE;
  if (raws.length === 1) return memo.get(raws[0] as string, make);
  const out: V[] = [];
  for (const raw of raws) out.push(...memo.get(raw, make));
  return out;
}

const values = (xs: readonly ProfileIdentity[]): string[] =>
  xs.length === 0 ? NONE : xs.map((x) => x.value);

function verifiedOf(profile: Profile): readonly string[] {
  let out: string[] = NONE;
  for (const [kind, xs] of [
    ["e", profile.emails],
    ["u", profile.urls],
    ["@", profile.handles],
  ] as const) {
    for (const x of xs) {
      if (!x.verified) continue;
      if (out === NONE) out = [];
      out.push(kind + x.value);
    }
  }
  return out;
}

/**
 * What `prepareProfile` keeps of one normalised e-mail: the user name without a "+tag"
 * (unless shorter than three characters or a role such as info@), its letters when there are
 * at least four (to spell a name), and the domain unless it is free mail.
 */
export function emailParts(e: string): {
  local: string | undefined;
  letters: string | undefined;
  domain: string | undefined;
} {
  const at = e.lastIndexOf("@");
  const plus = e.indexOf("+");
  const user = e.slice(0, plus >= 0 && plus < at ? plus : at);
  const letters = compact(user);
  const person = user.length >= 3 && !ROLE_LOCALS.has(letters);
  const domain = e.slice(at + 1);
  return {
    local: person ? user : undefined,
    letters: person && letters.length >= 4 ? letters : undefined,
    domain: domain && !isFreeMail(domain) ? domain : undefined,
  };
}

/** First label of a domain ("acme" for acme.co.uk). */
export function domainLabel(domain: string): string {
  const dot = domain.indexOf(".");
  return dot < 0 ? domain : domain.slice(0, dot);
}

/** Host of a normalised site URL when it can stand for one person (else undefined). */
export function siteHost(u: string): string | undefined {
  const slash = u.indexOf("/");
  const host = slash < 0 ? u : u.slice(0, slash);
  return isGenericUrl(host) ? undefined : host;
}

/**
 * Prepared forms of one written name, organisation or place (empty when none), not
 * memoised: for callers that keep their own bounded memo (`ProfileTable`).
 */
export const preparedName = prepareName;
export const preparedOrg = prepareOrg;
export const preparedPlace = preparePlace;

export function prepareProfile(profile: Profile): PreparedProfile {
  const emails = values(profile.emails);
  let locals: string[] = NONE;
  let spelled: string[] = NONE;
  let domains: string[] = NONE;
  let domainLabels: string[] = NONE;
  for (const e of emails) {
    const { local, letters, domain: part } = emailParts(e);
    // Shared string objects for repeated domains and hosts keep prepared profiles small.
    const domain = part === undefined ? undefined : hostMemo.get(part, same);
    if (local) {
      if (locals === NONE) locals = [];
      locals.push(local);
    }
    if (letters) {
      if (spelled === NONE) spelled = [];
      spelled.push(letters);
    }
    if (domain) {
      if (domains === NONE) {
        domains = [];
        domainLabels = [];
      }
      domains.push(domain);
      domainLabels.push(hostMemo.get(domainLabel(domain), same));
    }
  }
  const urls = values(profile.urls);
  let hosts: string[] = NONE;
  for (const u of urls) {
    const bare = siteHost(u);
    const host = bare === undefined ? undefined : hostMemo.get(bare, same);
    if (host !== undefined && !hosts.includes(host)) {
      if (hosts === NONE) hosts = [];
      hosts.push(host);
    }
  }
  return {
    id: profile.id,
    verified: verifiedOf(profile),
    names: prepareAll(profile.names, nameMemo, prepareName),
    emails,
    locals,
    spelled,
    domains,
    domainLabels,
    urls,
    hosts,
    handles: values(profile.handles),
    orgs: prepareAll(profile.organizations, orgMemo, prepareOrg),
    places: prepareAll(profile.locations, placeMemo, preparePlace),
  };
}

const NAME_LEVEL: Record<NameAgreement, number> = {
  exact: 1,
  swapped: 1,
  fuzzy: 2,
  "surname-part": 2,
  nickname: 3,
  initials: 4,
  "given-only": 5,
  "surname-only": 6,
  different: 6,
};

function bestName(a: PreparedProfile, b: PreparedProfile): { level: number; x: string; y: string } {
  let best = { level: 0, x: "", y: "" };
  for (const na of a.names) {
    for (const nb of b.names) {
      const level = NAME_LEVEL[compareNames(na.parsed, nb.parsed)];
      if (best.level === 0 || level < best.level) best = { level, x: na.raw, y: nb.raw };
      if (level === 1) return best;
    }
  }
  return best;
}

function shared(xs: readonly string[], ys: readonly string[]): string | undefined {
  for (const x of xs) if (ys.includes(x)) return x;
  return undefined;
}

/** Does an e-mail user name spell this person's name (adalovelace, alovelace, lovelacea …)? */
function localFitsName(local: string, names: readonly PreparedName[]): boolean {
  if (local.length < 4) return false;
  for (const { g, s } of names) {
    if (!g || !s) continue;
    // g+s, s+g, g[0]+s, g+s[0], s+g[0], compared in place (no strings are built).
    const n = local.length;
    if (
      (n === g.length + s.length &&
        ((local.startsWith(g) && local.endsWith(s)) ||
          (local.startsWith(s) && local.endsWith(g)))) ||
      (n === s.length + 1 &&
        ((local.charCodeAt(0) === g.charCodeAt(0) && local.endsWith(s)) ||
          (local.startsWith(s) && local.charCodeAt(n - 1) === g.charCodeAt(0)))) ||
      (n === g.length + 1 && local.startsWith(g) && local.charCodeAt(n - 1) === s.charCodeAt(0))
    ) {
      return true;
    }
  }
  return false;
}

function localNameMatch(a: PreparedProfile, b: PreparedProfile): string | undefined {
  for (const l of a.spelled) if (localFitsName(l, b.names)) return l;
  for (const l of b.spelled) if (localFitsName(l, a.names)) return l;
  return undefined;
}

const sameHost = (domain: string, host: string) =>
  domain === host || host.endsWith(`.${domain}`) || domain.endsWith(`.${host}`);

function domainMatch(
  a: PreparedProfile,
  b: PreparedProfile,
): { level: number; domain: string; other: string } {
  if (shared(a.emails, b.emails)) return { level: 0, domain: "", other: "" };
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const d of x.domains)
      for (const h of y.hosts) if (sameHost(d, h)) return { level: 1, domain: d, other: h };
  }
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const d of x.domains) {
      const dot = d.indexOf(".");
      const label = dot < 0 ? d : d.slice(0, dot);
      for (const o of y.orgs)
        if (label.length >= 3 && label === o.key) return { level: 2, domain: d, other: o.raw };
    }
  }
  const d = shared(a.domains, b.domains);
  if (d) return { level: 3, domain: d, other: d };
  const aHas = a.domains.length > 0;
  const bHas = b.domains.length > 0;
  const comparable =
    (aHas && (b.hosts.length > 0 || b.orgs.length > 0 || bHas)) ||
    (bHas && (a.hosts.length > 0 || a.orgs.length > 0));
  return { level: comparable ? 4 : 0, domain: "", other: "" };
}

function orgMatch(a: PreparedProfile, b: PreparedProfile): { level: number; x: string; y: string } {
  if (a.orgs.length === 0 || b.orgs.length === 0) return { level: 0, x: "", y: "" };
  let fuzzy: { level: number; x: string; y: string } | undefined;
  for (const x of a.orgs) {
    for (const y of b.orgs) {
      if (x.key === y.key) return { level: 1, x: x.raw, y: y.raw };
      if (
        !fuzzy &&
        (jaroWinkler(x.key, y.key) >= 0.9 || x.key.startsWith(y.key) || y.key.startsWith(x.key))
      ) {
        fuzzy = { level: 2, x: x.raw, y: y.raw };
      }
    }
  }
  return fuzzy ?? { level: 3, x: a.orgs[0]?.raw ?? "", y: b.orgs[0]?.raw ?? "" };
}

function placeMatch(
  a: PreparedProfile,
  b: PreparedProfile,
): { level: number; x: string; y: string } {
  if (a.places.length === 0 || b.places.length === 0) return { level: 0, x: "", y: "" };
  let city: { level: number; x: string; y: string } | undefined;
  for (const x of a.places) {
    for (const y of b.places) {
      if (x.key === y.key) return { level: 1, x: x.raw, y: y.raw };
      if (!city && x.city && x.city === y.city) city = { level: 2, x: x.raw, y: y.raw };
    }
  }
  return city ?? { level: 3, x: a.places[0]?.raw ?? "", y: b.places[0]?.raw ?? "" };
}

/** Level of the name comparison only (as `bestName`, without building the explanation). */
function nameLevel(a: PreparedProfile, b: PreparedProfile): number {
  let best = 0;
  for (const na of a.names) {
    for (const nb of b.names) {
      const level = NAME_LEVEL[compareNames(na.parsed, nb.parsed)];
      if (level === 1) return 1;
      if (best === 0 || level < best) best = level;
    }
  }
  return best;
}

function has(xs: readonly string[], ys: readonly string[]): boolean {
  for (let i = 0; i < xs.length; i++) if (ys.includes(xs[i] as string)) return true;
  return false;
}

/** Level of the domain comparison only (as `domainMatch`). */
function domainLevel(a: PreparedProfile, b: PreparedProfile, sameEmail: boolean): number {
  if (sameEmail) return 0;
  const ad = a.domains;
  const bd = b.domains;
  if (ad.length === 0 && bd.length === 0) return 0;
  for (const d of ad) for (const h of b.hosts) if (sameHost(d, h)) return 1;
  for (const d of bd) for (const h of a.hosts) if (sameHost(d, h)) return 1;
  for (const label of a.domainLabels)
    if (label.length >= 3) for (const o of b.orgs) if (label === o.key) return 2;
  for (const label of b.domainLabels)
    if (label.length >= 3) for (const o of a.orgs) if (label === o.key) return 2;
  if (has(ad, bd)) return 3;
  const aHas = ad.length > 0;
  const bHas = bd.length > 0;
  const comparable =
    (aHas && (b.hosts.length > 0 || b.orgs.length > 0 || bHas)) ||
    (bHas && (a.hosts.length > 0 || a.orgs.length > 0));
  return comparable ? 4 : 0;
}

function orgLevel(a: PreparedProfile, b: PreparedProfile): number {
  if (a.orgs.length === 0 || b.orgs.length === 0) return 0;
  let fuzzy = false;
  for (const x of a.orgs) {
    for (const y of b.orgs) {
      if (x.key === y.key) return 1;
      if (
        !fuzzy &&
        (x.key.startsWith(y.key) || y.key.startsWith(x.key) || jaroWinkler(x.key, y.key) >= 0.9)
      ) {
        fuzzy = true;
      }
    }
  }
  return fuzzy ? 2 : 3;
}

function placeLevel(a: PreparedProfile, b: PreparedProfile): number {
  if (a.places.length === 0 || b.places.length === 0) return 0;
  let city = false;
  for (const x of a.places) {
    for (const y of b.places) {
      if (x.key === y.key) return 1;
      if (!city && x.city && x.city === y.city) city = true;
    }
  }
  return city ? 2 : 3;
}

/**
 * All eight levels of one pair at once, in `PROFILE_COMPARISONS` order — the same levels as
 * calling each comparison, with the name agreement and shared e-mail worked out once.
 */
export function compareProfilesInto(
  a: PreparedProfile,
  b: PreparedProfile,
  out: Uint8Array,
  offset: number,
): void {
  const name = nameLevel(a, b);
  out[offset] = name;
  const bothEmails = a.emails.length > 0 && b.emails.length > 0;
  const sameEmail = bothEmails && has(a.emails, b.emails);
  out[offset + 1] = bothEmails ? (sameEmail ? 1 : 2) : 0;
  let emailName: number;
  if (sameEmail) emailName = 0;
  else if (a.locals.length > 0 && b.locals.length > 0 && has(a.locals, b.locals)) emailName = 1;
  else if (name <= NAME_FITS) emailName = 0;
  else if (localNameMatch(a, b)) emailName = 2;
  else {
    const aCan = a.spelled.length > 0 && b.names.length > 0;
    const bCan = b.spelled.length > 0 && a.names.length > 0;
    emailName = aCan || bCan ? 3 : 0;
  }
  out[offset + 2] = emailName;
  out[offset + 3] = domainLevel(a, b, sameEmail);
  out[offset + 4] =
    a.urls.length === 0 || b.urls.length === 0
      ? 0
      : has(a.urls, b.urls)
        ? 1
        : has(a.hosts, b.hosts)
          ? 2
          : 3;
  out[offset + 5] =
    a.handles.length === 0 || b.handles.length === 0 ? 0 : has(a.handles, b.handles) ? 1 : 2;
  out[offset + 6] = orgLevel(a, b);
  out[offset + 7] = placeLevel(a, b);
}

/**
 * Name levels up to here (same, nearly the same, nickname, initials) already say the names
 * agree; an e-mail user name that spells that name is then no further evidence. Counting it as
 * independent merged namesakes on the generated profiles ("M. Horvat" mhorvat1@ with "Mia Horvat"):
 * 0.41 precision among such automatic merges.
 */
export const NAME_FITS = 4;

export const PROFILE_COMPARISONS: Comparison<PreparedProfile>[] = [
  {
    name: "name",
    levels: [
      "no name on one side",
      "same name",
      "names nearly the same",
      "one name is a nickname of the other",
      "initials fit the name",
      "same given name, different surname",
      "different names",
    ],
    compare: (a, b) => bestName(a, b).level,
    explain: (a, b) => {
      const { level, x, y } = bestName(a, b);
      if (level === 1) return x === y ? `same name '${x}'` : `same name ('${x}' and '${y}')`;
      if (level === 2) return `nearly the same name ('${x}' and '${y}')`;
      if (level === 3) return `'${x}' and '${y}': one given name is a nickname of the other`;
      if (level === 4) return `initials fit: '${x}' and '${y}'`;
      if (level === 5)
        return `same given name but different surname ('${x}' and '${y}'; maiden or married name?)`;
      return `different names ('${x}' and '${y}')`;
    },
  },
  {
    name: "email",
    levels: ["no e-mail on one side", "same e-mail", "different e-mails"],
    compare: (a, b) =>
      a.emails.length === 0 || b.emails.length === 0 ? 0 : shared(a.emails, b.emails) ? 1 : 2,
    explain: (a, b, level) =>
      level === 1
        ? `same e-mail ${shared(a.emails, b.emails)}`
        : `different e-mails (${a.emails[0]} and ${b.emails[0]})`,
  },
  {
    // Depends on the names (same-name people pick the same user names), so name blocking
    // leaves it out of EM, like the name comparison itself.
    name: "email_name",
    levels: [
      "no e-mail user name or name to compare",
      "same e-mail user name at another domain",
      "e-mail user name spells the other's name",
      "e-mail user names neither agree nor spell the other's name",
    ],
    compare: (a, b) => {
      if (shared(a.emails, b.emails)) return 0;
      if (a.locals.length > 0 && b.locals.length > 0 && shared(a.locals, b.locals)) return 1;
      // A user name spelling a name the two already share, or that their nickname or initials
      // already fit, adds nothing to the name comparison (counting both merged namesakes).
      if (bestName(a, b).level <= NAME_FITS) return 0;
      if (localNameMatch(a, b)) return 2;
      const aCan = a.spelled.length > 0 && b.names.length > 0;
      const bCan = b.spelled.length > 0 && a.names.length > 0;
      return aCan || bCan ? 3 : 0;
    },
    explain: (a, b, level) =>
      level === 1
        ? `same e-mail user name '${shared(a.locals, b.locals)}' at another domain`
        : level === 2
          ? `e-mail user name '${localNameMatch(a, b)}' spells the other's name`
          : "neither e-mail user name fits the other",
  },
  {
    name: "domain",
    levels: [
      "no work e-mail domain to compare",
      "e-mail domain matches their site",
      "e-mail domain matches their organisation",
      "same work e-mail domain",
      "e-mail domain matches neither site nor organisation",
    ],
    compare: (a, b) => domainMatch(a, b).level,
    explain: (a, b) => {
      const { level, domain, other } = domainMatch(a, b);
      if (level === 1) return `e-mail domain ${domain} matches their site ${other}`;
      if (level === 2) return `e-mail domain ${domain} matches their organisation '${other}'`;
      if (level === 3) return `both use e-mail at ${domain}`;
      return "e-mail domain matches neither site nor organisation";
    },
  },
  {
    name: "url",
    levels: ["no site on one side", "same site", "sites on the same host", "different sites"],
    compare: (a, b) => {
      if (a.urls.length === 0 || b.urls.length === 0) return 0;
      if (shared(a.urls, b.urls)) return 1;
      return shared(a.hosts, b.hosts) ? 2 : 3;
    },
    explain: (a, b, level) =>
      level === 1
        ? `same site ${shared(a.urls, b.urls)}`
        : level === 2
          ? `sites on the same host ${shared(a.hosts, b.hosts)}`
          : `different sites (${a.urls[0]} and ${b.urls[0]})`,
  },
  {
    name: "handle",
    levels: ["no handle on one side", "same handle", "different handles"],
    compare: (a, b) =>
      a.handles.length === 0 || b.handles.length === 0 ? 0 : shared(a.handles, b.handles) ? 1 : 2,
    explain: (a, b, level) =>
      level === 1
        ? `same handle ${shared(a.handles, b.handles)}`
        : `different handles (${a.handles[0]} and ${b.handles[0]})`,
  },
  {
    name: "organisation",
    levels: [
      "no organisation on one side",
      "same organisation",
      "similar organisation names",
      "different organisations",
    ],
    compare: (a, b) => orgMatch(a, b).level,
    explain: (a, b) => {
      const { level, x, y } = orgMatch(a, b);
      if (level === 1) return `same organisation '${x}'`;
      if (level === 2) return `similar organisations ('${x}' and '${y}')`;
      return `different organisations ('${x}' and '${y}')`;
    },
  },
  {
    name: "location",
    levels: ["no place on one side", "same place", "same city", "different places"],
    compare: (a, b) => placeMatch(a, b).level,
    explain: (a, b) => {
      const { level, x, y } = placeMatch(a, b);
      if (level === 1) return `same place '${x}'`;
      if (level === 2) return `same city ('${x}' and '${y}')`;
      return `different places ('${x}' and '${y}')`;
    },
  },
];

/** Block keys from identities: e-mail, site, host, handle, work domain as a host. */
export function identityKeys(p: PreparedProfile): string[] {
  const keys = new Set<string>();
  for (const e of p.emails) keys.add(`e:${e}`);
  for (const u of p.urls) keys.add(`u:${u}`);
  for (const h of p.hosts) keys.add(`h:${h}`);
  for (const d of p.domains) keys.add(`h:${d}`);
  for (const h of p.handles) keys.add(`@:${h}`);
  return [...keys];
}

/** Block keys from names that survive nicknames, initials, a typo and swapped order. */
export function nameKeys(p: PreparedProfile): string[] {
  const keys = new Set<string>();
  for (const { g, s } of p.names) {
    if (!s || !g) continue;
    keys.add(`n:${g[0]}|${s}`);
    keys.add(g < s ? `w:${g}|${s}` : `w:${s}|${g}`);
    for (const form of givenForms(g)) keys.add(`f:${form}|${s}`);
    keys.add(`x:${soundex(g)}|${soundex(s)}`);
  }
  return [...keys];
}

/**
 * Block keys from e-mail user names: the user name itself (same user at another domain) and
 * keys joining it to a name it spells ("adalovelace", "alovelace").
 */
export function spelledKeys(p: PreparedProfile): string[] {
  const keys = new Set<string>();
  for (const l of p.locals) if (l.length >= 5) keys.add(`l:${l}`);
  for (const l of p.spelled) keys.add(`s:${l}`);
  for (const { g, s } of p.names) {
    if (!s || !g) continue;
    keys.add(`s:${g}${s}`);
    keys.add(`s:${g[0]}${s}`);
  }
  return [...keys];
}

/** `hashKey` of prefix + s[from..to). */
const partHash = (prefix: string, s: string, from = 0, to = s.length) =>
  hashEnd(hashMore(hashMore(HASH_SEED, prefix), s, from, to));

/** `identityKeys`, hashed, without building the keys. */
export function identityHashes(p: PreparedProfile, sink: HashSink): void {
  for (const e of p.emails) sink.add(partHash("e:", e));
  for (const u of p.urls) sink.add(partHash("u:", u));
  for (const h of p.hosts) sink.add(partHash("h:", h));
  for (const d of p.domains) sink.add(partHash("h:", d));
  for (const h of p.handles) sink.add(partHash("@:", h));
}

/** `nameKeys`, hashed (each name's hashes are worked out once when it is prepared). */
export function nameHashes(p: PreparedProfile, sink: HashSink): void {
  for (const n of p.names) for (const h of n.nameHashes) sink.add(h);
}

/** `spelledKeys`, hashed. */
export function spelledHashes(p: PreparedProfile, sink: HashSink): void {
  for (const l of p.locals) if (l.length >= 5) sink.add(partHash("l:", l));
  for (const l of p.spelled) sink.add(partHash("s:", l));
  for (const n of p.names) for (const h of n.spellHashes) sink.add(h);
}

/** Every block key of a profile, as kept in a `BlockIndex`. */
export function profileKeys(p: PreparedProfile): string[] {
  return [...identityKeys(p), ...nameKeys(p), ...spelledKeys(p)];
}

const DIGITS = /\d{2,}/g;

/**
 * Keys that split a name block too big to compare whole (a common name in a big graph): the
 * place, the organisation, the work domain or site host, and numbers in e-mail user names,
 * sites and handles (people reuse their numbers).
 */
export function refineKeys(p: PreparedProfile): string[] {
  const keys: string[] = [];
  for (const x of p.places) if (x.city) keys.push(`c:${x.city}`);
  for (const o of p.orgs) keys.push(`o:${o.key}`);
  for (const d of p.domains) keys.push(`h:${d}`);
  for (const h of p.hosts) keys.push(`h:${h}`);
  for (const list of [p.locals, p.urls, p.handles]) {
    for (const v of list) for (const m of v.match(DIGITS) ?? NONE) keys.push(`#:${m}`);
  }
  return keys;
}

/** `refineKeys`, hashed; runs of two or more digits are found by scanning. */
export function refineHashes(p: PreparedProfile, sink: HashSink): void {
  for (const x of p.places) if (x.city) sink.add(partHash("c:", x.city));
  for (const o of p.orgs) sink.add(partHash("o:", o.key));
  for (const d of p.domains) sink.add(partHash("h:", d));
  for (const h of p.hosts) sink.add(partHash("h:", h));
  for (const list of [p.locals, p.urls, p.handles]) {
    for (const v of list) digitRunHashes(v, (h) => sink.add(h));
  }
}

/** Gives `add` the `#:` key hash of each run of two or more digits in `v`, found by scanning. */
export function digitRunHashes(v: string, add: (hash: number) => void): void {
  for (let i = 0; i < v.length; ) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < v.length && v.charCodeAt(e) >= 48 && v.charCodeAt(e) <= 57) e++;
    if (e - i >= 2) add(partHash("#:", v, i, e));
    i = e;
  }
}

/** Largest name block compared whole; bigger ones are split on `refineKeys`. */
export const PROFILE_NAME_BLOCK = 24;

export const PROFILE_BLOCKING: BlockingRule<PreparedProfile>[] = [
  {
    name: "shared identity",
    uses: ["email", "domain", "url", "handle"],
    keys: identityKeys,
    hashKeys: identityHashes,
  },
  {
    name: "name keys",
    uses: ["name", "email_name"],
    keys: nameKeys,
    hashKeys: nameHashes,
    refine: refineKeys,
    hashRefine: refineHashes,
    maxBlock: PROFILE_NAME_BLOCK,
  },
  {
    name: "e-mail user names",
    uses: ["email_name", "name"],
    keys: spelledKeys,
    hashKeys: spelledHashes,
    maxBlock: 10,
  },
];

/** Largest block still compared pairwise; bigger ones (a common name, a big employer) are skipped. */
export const PROFILE_MAX_BLOCK = 50;

/**
 * Priors used when the user's graph gives fewer than `MIN_EM_PAIRS` candidate pairs. They are
 * judgement, not estimates: m says how often one person's two profiles show each level, u how
 * often two different people's do, per level from strongest to "different".
 */
export const PROFILE_PRIOR_MODEL: Model = {
  lambda: 0.2,
  comparisons: [
    {
      name: "name",
      levels: PROFILE_COMPARISONS[0]?.levels ?? [],
      m: [0, 0.6, 0.1, 0.08, 0.07, 0.05, 0.1],
      u: [0, 0.002, 0.002, 0.001, 0.002, 0.01, 0.983],
    },
    {
      name: "email",
      levels: PROFILE_COMPARISONS[1]?.levels ?? [],
      m: [0, 0.5, 0.5],
      u: [0, 0.0005, 0.9995],
    },
    {
      name: "email_name",
      levels: PROFILE_COMPARISONS[2]?.levels ?? [],
      m: [0, 0.1, 0.4, 0.5],
      u: [0, 0.0005, 0.001, 0.9985],
    },
    {
      name: "domain",
      levels: PROFILE_COMPARISONS[3]?.levels ?? [],
      m: [0, 0.3, 0.2, 0.2, 0.3],
      u: [0, 0.001, 0.005, 0.02, 0.974],
    },
    {
      name: "url",
      levels: PROFILE_COMPARISONS[4]?.levels ?? [],
      m: [0, 0.6, 0.15, 0.25],
      u: [0, 0.0005, 0.002, 0.9975],
    },
    {
      name: "handle",
      levels: PROFILE_COMPARISONS[5]?.levels ?? [],
      m: [0, 0.7, 0.3],
      u: [0, 0.0005, 0.9995],
    },
    {
      name: "organisation",
      levels: PROFILE_COMPARISONS[6]?.levels ?? [],
      m: [0, 0.6, 0.15, 0.25],
      u: [0, 0.01, 0.01, 0.98],
    },
    {
      name: "location",
      levels: PROFILE_COMPARISONS[7]?.levels ?? [],
      m: [0, 0.6, 0.2, 0.2],
      u: [0, 0.05, 0.05, 0.9],
    },
  ],
};

/** Fewer candidate pairs than this and EM is not trusted: the priors are used instead. */
export const MIN_EM_PAIRS = 200;

export interface TrainedProfileModel {
  model: Model;
  source: "em" | "prior";
  candidatePairs: number;
}

/** Train on the user's own graph: u from random pairs, m and λ by EM over candidate pairs. */
export function trainProfileModel(
  prepared: readonly PreparedProfile[],
  options: { seed?: number; uSamples?: number } = {},
): TrainedProfileModel {
  // The columnar table gives the same pairs and levels as the prepared profiles, faster.
  const table = new ProfileTable();
  for (const p of prepared) table.add(p);
  const rows = table.rows();
  const rules = table.blockingRules(PROFILE_BLOCKING);
  const pairs = candidatePairs(rows, rules, { maxBlock: PROFILE_MAX_BLOCK });
  if (pairs.count < MIN_EM_PAIRS) {
    return { model: PROFILE_PRIOR_MODEL, source: "prior", candidatePairs: pairs.count };
  }
  const comparisons = table.comparisonsOf(PROFILE_COMPARISONS);
  const levels = compareAll(rows, comparisons, pairs, table.compareInto);
  const { model } = trainOnLevels(rows, comparisons, levels, {
    seed: options.seed ?? 1,
    uSamples: options.uSamples ?? 100_000,
    rules: ruleRanges(rules, pairs),
    compare: table.compareInto,
  });
  return { model, source: "em", candidatePairs: pairs.count };
}

function verifiedShared(xs: readonly ProfileIdentity[], ys: readonly ProfileIdentity[]): boolean {
  for (const x of xs) {
    if (!x.verified) continue;
    for (const y of ys) if (y.verified && y.value === x.value) return true;
  }
  return false;
}

/** True only when an e-mail, site or handle both share is verified on both sides. */
export function verifiedAgreement(a: Profile, b: Profile): boolean {
  return (
    verifiedShared(a.emails, b.emails) ||
    verifiedShared(a.urls, b.urls) ||
    verifiedShared(a.handles, b.handles)
  );
}

/** `verifiedAgreement` of two prepared profiles. */
function preparedVerified(a: PreparedProfile, b: PreparedProfile): boolean {
  return a.verified.length > 0 && b.verified.length > 0 && has(a.verified, b.verified);
}

/** Score and explain one pair of prepared profiles. */
export function explainPair(model: Model, a: PreparedProfile, b: PreparedProfile): ProfileMatch {
  const levels = new Uint8Array(PROFILE_COMPARISONS.length);
  compareProfilesInto(a, b, levels, 0);
  const s = scoreLevels(model, levels);
  const reasons = s.contributions
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => c.level !== 0)
    .sort((x, y) => Math.abs(y.c.weight) - Math.abs(x.c.weight))
    .map(({ c, k }) => PROFILE_COMPARISONS[k]?.explain?.(a, b, c.level) ?? c.description);
  return {
    a: a.id,
    b: b.id,
    probability: s.probability,
    weight: s.weight,
    reasons,
    verifiedAgreement: preparedVerified(a, b),
  };
}

/**
 * All candidate pairs among `profiles` with probability ≥ `minProbability` (default 0.5),
 * explained. Trains on these profiles unless a model is given.
 */
export function matchProfiles(
  profiles: readonly Profile[],
  options: { model?: Model; minProbability?: number } = {},
): ProfileMatch[] {
  const prepared = profiles.map(prepareProfile);
  const model = options.model ?? trainProfileModel(prepared).model;
  const minProbability = options.minProbability ?? 0.5;
  const table = new ProfileTable();
  for (const p of prepared) table.add(p);
  const pairs = candidatePairs(table.rows(), table.blockingRules(PROFILE_BLOCKING), {
    maxBlock: PROFILE_MAX_BLOCK,
  });
  const weights = weightTable(model);
  const prior = priorWeight(model);
  const levels = new Uint8Array(PROFILE_COMPARISONS.length);
  const out: ProfileMatch[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const i = pairs.left[p] as number;
    const j = pairs.right[p] as number;
    table.compareInto(i, j, levels, 0);
    if (probabilityOf(weightOf(weights, levels, 0), prior) < minProbability) continue;
    out.push(explainPair(model, prepared[i] as PreparedProfile, prepared[j] as PreparedProfile));
  }
  return out.sort((x, y) => y.probability - x.probability);
}

/** Block key → ids of the profiles in that block; plain data, rebuilt from the store at will. */
export interface BlockIndex {
  blocks: Map<string, number[]>;
  /** Largest block of a rule without its own limit (the shared-identity rule). */
  maxBlock: number;
  /** Profile id → its `refineKeys`, for splitting name blocks that grew too big. */
  refines?: Map<number, readonly string[]>;
}

export function buildBlockIndex(
  profiles: Iterable<Profile>,
  maxBlock = PROFILE_MAX_BLOCK,
): BlockIndex {
  const index: BlockIndex = { blocks: new Map(), maxBlock, refines: new Map() };
  addToBlockIndex(index, profiles);
  return index;
}

export function addToBlockIndex(index: BlockIndex, profiles: Iterable<Profile>): void {
  index.refines ??= new Map();
  for (const p of profiles) {
    const prepared = prepareProfile(p);
    for (const key of profileKeys(prepared)) {
      const ids = index.blocks.get(key);
      if (!ids) index.blocks.set(key, [p.id]);
      else if (!ids.includes(p.id)) ids.push(p.id);
    }
    const refine = refineKeys(prepared);
    if (refine.length > 0) index.refines.set(p.id, refine);
  }
}

/**
 * Candidate pairs `[newId, otherId]` that involve at least one of `newProfiles`: each new
 * profile against the existing profiles in its blocks and against the other new profiles
 * that share a block. Existing profiles are never paired with each other. Blocks are limited
 * as in batch matching (`PROFILE_BLOCKING`): a block over its rule's limit (the index's
 * `maxBlock` for rules without one) is split on `refineKeys` when the rule has them — the
 * members sharing a refining key form a sub-block, compared when within the limit — and
 * skipped otherwise. So the pairs are the batch pairs over existing and new profiles together
 * that involve a new profile.
 */
export function candidatesFor(
  index: BlockIndex,
  newProfiles: readonly Profile[],
): [number, number][] {
  const newIds = new Set(newProfiles.map((p) => p.id));
  const fresh = new Map<string, number[]>();
  const refines = new Map<number, readonly string[]>();
  const keysOf = new Map<number, string[][]>();
  for (const p of newProfiles) {
    const prepared = prepareProfile(p);
    const perRule = PROFILE_BLOCKING.map((rule) => [...new Set(rule.keys(prepared))]);
    keysOf.set(p.id, perRule);
    refines.set(p.id, refineKeys(prepared));
    for (const keys of perRule) {
      for (const k of keys) {
        const ids = fresh.get(k);
        if (!ids) fresh.set(k, [p.id]);
        else if (!ids.includes(p.id)) ids.push(p.id);
      }
    }
  }
  const refineOf = (id: number) =>
    (newIds.has(id) ? refines.get(id) : index.refines?.get(id)) ?? NONE;
  const seen = new Set<string>();
  const out: [number, number][] = [];
  const pairWith = (id: number, others: readonly number[]) => {
    for (const other of others) {
      if (other === id) continue;
      const pairKey = id < other ? `${id}|${other}` : `${other}|${id}`;
      if (seen.has(pairKey)) continue;
      seen.add(pairKey);
      out.push([id, other]);
    }
  };
  for (const p of newProfiles) {
    const perRule = keysOf.get(p.id) ?? [];
    for (let r = 0; r < PROFILE_BLOCKING.length; r++) {
      const rule = PROFILE_BLOCKING[r] as BlockingRule<PreparedProfile>;
      const limit = rule.maxBlock ?? index.maxBlock;
      for (const k of perRule[r] ?? NONE) {
        const existing = (index.blocks.get(k) ?? NONE).filter((id) => !newIds.has(id));
        const members = [...existing, ...(fresh.get(k) ?? NONE)];
        if (members.length <= limit) {
          pairWith(p.id, members);
          continue;
        }
        if (!rule.refine) continue;
        for (const rk of new Set(refineOf(p.id))) {
          if (!rk) continue;
          const sub = members.filter((id) => refineOf(id).includes(rk));
          if (sub.length <= limit) pairWith(p.id, sub);
        }
      }
    }
  }
  return out;
}

/** Score candidate pairs from `candidatesFor`, looking profiles up by id. */
export function matchCandidates(
  model: Model,
  pairs: readonly [number, number][],
  byId: (id: number) => Profile | undefined,
  minProbability = 0.5,
): ProfileMatch[] {
  const cache = new Map<number, PreparedProfile>();
  const get = (id: number) => {
    let p = cache.get(id);
    if (!p) {
      const profile = byId(id);
      if (!profile) return undefined;
      p = prepareProfile(profile);
      cache.set(id, p);
    }
    return p;
  };
  const out: ProfileMatch[] = [];
  for (const [x, y] of pairs) {
    const a = get(x);
    const b = get(y);
    if (!a || !b) continue;
    const m = explainPair(model, a, b);
    if (m.probability >= minProbability) out.push(m);
  }
  return out.sort((p, q) => q.probability - p.probability);
}
