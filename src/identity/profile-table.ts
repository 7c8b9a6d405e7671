/**
 * Prepared profiles as one columnar table, for matching many of them at once: each profile
 * is one row of integers in a single Int32Array, so a million profiles are a few typed arrays
 * rather than millions of small objects and arrays. Values only ever tested for equality
 * (e-mails, user names, domains with their dot-suffixes, sites, hosts, handles) are kept as
 * two independent 32-bit hashes; the strings compared by similarity (given names, surnames,
 * organisations) and place names are interned to ids. Names are interned too, with their
 * surname parts, block-key hashes and the hashes of the spellings an e-mail user name may
 * take; the string similarities of given names, surnames and organisations are memoised per
 * pair of ids in small fixed-size caches.
 *
 * `compareInto(i, j, …)` gives exactly the levels `compareProfilesInto` gives for the same
 * two prepared profiles, and `blockingRules(PROFILE_BLOCKING)` the same candidate pairs (keys
 * built from ids and hashes instead of strings; as with any 32-bit key hash, a collision may
 * add a pair, and two different values sharing both 32-bit hashes would compare equal —
 * odds about 2⁻⁶⁴ a comparison). Rows are numbered from 0 in the order added; `ids[row]` is
 * the profile's id. Explanations still come from `PreparedProfile`s (`explainPair`).
 *
 * @example
 * const table = new ProfileTable({ rows: profiles.length });
 * for (const p of profiles) table.addProfile(p);
 * const rows = table.rows();
 * const rules = table.blockingRules(PROFILE_BLOCKING);
 * const pairs = candidatePairs(rows, rules, { maxBlock: PROFILE_MAX_BLOCK });
 * const levels = compareAll(rows, table.comparisonsOf(PROFILE_COMPARISONS), pairs, table.compareInto);
 */
import {
  type BlockingRule,
  type Comparison,
  HASH_SEED,
  type HashSink,
  hashEnd,
  hashMore,
  mixHash,
} from "./model/index.js";
import { compareGiven } from "./names.js";
import {
  digitRunHashes,
  domainLabel,
  emailParts,
  NAME_FITS,
  type PreparedProfile,
  type Profile,
  preparedName,
  preparedOrg,
  preparedPlace,
  siteHost,
} from "./profile-match.js";
import { jaroWinkler } from "./similarity.js";

// Row layout: HEADER offsets (relative to the row start) of each list, then the lists.
// E-mails, user names, spelled user names, domains, sites, hosts and handles are only ever
// tested for equality (a domain against a host by its dot-suffixes), so they are kept as two
// independent 32-bit hashes (two cells each) and never interned; the strings compared by
// similarity (name parts, organisations) and the few place names are interned (one cell).
const NAMES = 0;
const EMAILS = 1;
const LOCALS = 2;
/** `l:` block-key hashes of the user names with at least five characters. */
const LONG_LOCALS = 3;
/** Hashes of "s:" + the spelled user name (the first is the `s:` block key's hash). */
const SPELLED = 4;
const DOMAINS = 5;
/** Every dot-suffix of every work domain ("co.uk", "uk" of "acme.co.uk"). */
const DOMAIN_SUFFIXES = 6;
/** Labels of the work domains with at least three letters (the only ones compared). */
const LABELS = 7;
const URLS = 8;
const HOSTS = 9;
const HOST_SUFFIXES = 10;
const HANDLES = 11;
const ORGS = 12;
/** Pairs (place key, city). */
const PLACES = 13;
/** `#:` refining-key hashes of the digit runs in user names, sites and handles. */
const DIGITS = 14;
const END = 15;
const HEADER = 16;

// Salts of the id-based block keys, one per key kind ("e:", "u:", "h:", "@:", "c:", "o:").
const SALT_E = 0x65;
const SALT_U = 0x75;
const SALT_H = 0x68;
const SALT_AT = 0x40;
const SALT_C = 0x63;
const SALT_O = 0x6f;

/** Given-name agreement codes (as `compareGiven`). */
const G_EXACT = 0;
const G_FUZZY = 1;
const G_NICK = 2;
const G_INITIAL = 3;
const G_DIFFERENT = 4;
const GIVEN_CODE = { exact: G_EXACT, fuzzy: G_FUZZY, nickname: G_NICK, initial: G_INITIAL };

/** Second 32-bit string hash (multiply–rotate), independent of FNV-1a, chainable like it. */
const SEED2 = 0x2545f491;
function hash2More(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h = (h << 13) | (h >>> 19);
  }
  return h;
}
function hash2End(h: number, length: number): number {
  h = Math.imul(h ^ length ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** `hashKey` of prefix + s[from..to), as the string-keyed rules compute it. */
const partHash = (prefix: string, s: string, from = 0, to = s.length) =>
  hashEnd(hashMore(hashMore(HASH_SEED, prefix), s, from, to));

class Int32Column {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.ceil(this.data.length * 1.5) + 16);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  /** Both hashes of s[from..to) (FNV-1a as `hashKey`, then the second hash). */
  pushRange(s: string, from: number, to: number): void {
    // hashMore and hash2More in one pass over the characters.
    let h1 = HASH_SEED;
    let h2 = SEED2;
    for (let i = from; i < to; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 0x01000193);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995);
      h2 = (h2 << 13) | (h2 >>> 19);
    }
    this.push(hashEnd(h1) | 0);
    this.push(hash2End(h2, to - from));
  }
  /** Both hashes of every dot-suffix of `s` ("b.c" and "c" of "a.b.c"). */
  pushSuffixes(s: string): void {
    for (let i = s.indexOf("."); i >= 0; i = s.indexOf(".", i + 1))
      this.pushRange(s, i + 1, s.length);
  }
  /** Both hashes of prefix + a + b (FNV-1a as `hashKey`, then the second hash). */
  pushHashes(prefix: string, a: string, b = ""): void {
    const h1 = hashMore(hashMore(hashMore(HASH_SEED, prefix), a), b);
    const h2 = hash2More(hash2More(hash2More(SEED2, prefix), a), b);
    this.push(hashEnd(h1) | 0);
    this.push(hash2End(h2, prefix.length + a.length + b.length));
  }
}

/**
 * Direct-mapped cache of a small result (0–254) per ordered pair of ids: a slot holds the
 * last pair hashed to it, so memory stays fixed however many pairs are seen.
 */
class PairCache {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly v: Uint8Array;
  private readonly shift: number;
  constructor(bits: number) {
    this.a = new Int32Array(1 << bits).fill(-1);
    this.b = new Int32Array(1 << bits);
    this.v = new Uint8Array(1 << bits);
    this.shift = 32 - bits;
  }
  private slot(x: number, y: number): number {
    return (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b)) >>> this.shift;
  }
  /** The cached value, or -1. */
  get(x: number, y: number): number {
    const s = this.slot(x, y);
    return this.a[s] === x && this.b[s] === y ? (this.v[s] as number) : -1;
  }
  set(x: number, y: number, value: number): void {
    const s = this.slot(x, y);
    this.a[s] = x;
    this.b[s] = y;
    this.v[s] = value;
  }
}

type PreparedName = PreparedProfile["names"][number];

/** Names seen lately (raw → name id); cleared when full, so memory stays bounded. */
const NAME_WINDOW = 100_000;

export class ProfileTable {
  /** Interned strings; id 0 is "". */
  readonly strings: string[] = [""];
  private readonly stringIds = new Map<string, number>([["", 0]]);
  /** Profile id of each row. */
  ids = new Int32Array(1024);
  private rowStart = new Uint32Array(1025);
  private readonly cells: Int32Column;
  private count = 0;

  // Names, by name id: interned parts, surname parts, block-key hashes and the hashes of
  // the five ways an e-mail user name can spell the name (see `localFitsName`).
  private readonly recentNames = new Map<string, number>();
  private names = 0;
  private readonly nGiven = new Int32Column();
  private readonly nSurname = new Int32Column();
  /** Start of each name's surname parts in `parts`, block-key hashes, spelled forms. */
  private readonly nParts = new Int32Column();
  private readonly parts = new Int32Column();
  private readonly nHashes = new Int32Column();
  private readonly hashes = new Int32Column();
  private readonly nSpell = new Int32Column();
  private readonly spellHashes = new Int32Column();
  private readonly nForms = new Int32Column();
  private readonly forms = new Int32Column();

  private readonly givenCache = new PairCache(16);
  private readonly surnameCache = new PairCache(18);
  private readonly orgCache = new PairCache(16);

  /** `rows`: how many profiles are expected (room is made for them at once; optional). */
  constructor(options: { rows?: number } = {}) {
    const rows = options.rows ?? 0;
    if (rows > 0) {
      // About 40 cells a profile and one name each: no copying while the table grows.
      this.cells = new Int32Column(rows * 40);
      this.rowStart = new Uint32Array(rows + 2);
      this.ids = new Int32Array(rows + 2);
    } else this.cells = new Int32Column(1 << 16);
    for (const c of [this.nParts, this.nHashes, this.nSpell, this.nForms]) c.push(0);
  }

  get size(): number {
    return this.count;
  }

  /** Row numbers 0 … size − 1, the records to block and compare. */
  rows(): number[] {
    return Array.from({ length: this.count }, (_, i) => i);
  }

  /** Interned id of a string. */
  intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  private nameId(name: PreparedName): number {
    let id = this.recentNames.get(name.raw);
    if (id !== undefined) return id;
    id = this.names++;
    if (this.recentNames.size >= NAME_WINDOW) this.recentNames.clear();
    this.recentNames.set(name.raw, id);
    const p = name.parsed;
    this.nGiven.push(this.intern(p.given));
    const surname = this.intern(p.surname);
    this.nSurname.push(surname);
    for (const part of p.surnameParts)
      this.parts.push(part === p.surname ? surname : this.intern(part));
    this.nParts.push(this.parts.length);
    for (const h of name.nameHashes) this.hashes.push(h | 0);
    this.nHashes.push(this.hashes.length);
    for (const h of name.spellHashes) this.spellHashes.push(h | 0);
    this.nSpell.push(this.spellHashes.length);
    const { g, s } = name;
    if (g && s) {
      const f = this.forms;
      f.pushHashes("s:", g, s);
      f.pushHashes("s:", s, g);
      f.pushHashes("s:", g.charAt(0), s);
      f.pushHashes("s:", s, g.charAt(0));
      f.pushHashes("s:", g, s.charAt(0));
    }
    this.nForms.push(this.forms.length);
    return id;
  }

  private readonly recentOrgs = new Map<string, number>();
  private readonly recentPlaces = new Map<string, number>();
  private readonly placeIds = new Int32Column();
  // Scratch lists of the profile being added.
  private readonly sNames: number[] = [];
  private readonly sLocals: string[] = [];
  private readonly sSpelled: string[] = [];
  private readonly sDomains: string[] = [];
  private readonly sLabels: string[] = [];
  private readonly sHosts: string[] = [];
  private readonly sOrgs: number[] = [];
  private readonly sPlaces: number[] = [];

  /** Append one prepared profile as a row; returns its row number. */
  add(p: PreparedProfile): number {
    const names = this.sNames;
    names.length = 0;
    for (const n of p.names) names.push(this.nameId(n));
    const orgs = this.sOrgs;
    orgs.length = 0;
    for (const o of p.orgs) orgs.push(this.intern(o.key));
    const places = this.sPlaces;
    places.length = 0;
    for (const x of p.places) places.push(this.intern(x.key), this.intern(x.city));
    return this.write(
      p.id,
      names,
      p.emails,
      p.locals,
      p.spelled,
      p.domains,
      p.domainLabels,
      p.urls,
      p.hosts,
      p.handles,
      orgs,
      places,
    );
  }

  /**
   * Append one profile as a row without building its `PreparedProfile` (the same row as
   * `add(prepareProfile(p))`); returns its row number.
   */
  addProfile(p: Profile): number {
    const names = this.sNames;
    names.length = 0;
    for (const raw of p.names) {
      let id = this.recentNames.get(raw);
      if (id === undefined) {
        const prepared = preparedName(raw);
        for (const n of prepared) names.push(this.nameId(n));
        if (prepared.length === 0) this.recentNames.set(raw, -1);
      } else if (id >= 0) names.push(id);
    }
    const emails: string[] = [];
    const locals = this.sLocals;
    const spelled = this.sSpelled;
    const domains = this.sDomains;
    const labels = this.sLabels;
    locals.length = 0;
    spelled.length = 0;
    domains.length = 0;
    labels.length = 0;
    for (const { value } of p.emails) {
      emails.push(value);
      const parts = emailParts(value);
      if (parts.local) locals.push(parts.local);
      if (parts.letters) spelled.push(parts.letters);
      if (parts.domain) {
        domains.push(parts.domain);
        labels.push(domainLabel(parts.domain));
      }
    }
    const urls: string[] = [];
    const hosts = this.sHosts;
    hosts.length = 0;
    for (const { value } of p.urls) {
      urls.push(value);
      const host = siteHost(value);
      if (host !== undefined && !hosts.includes(host)) hosts.push(host);
    }
    const handles = p.handles.map((h) => h.value);
    const orgs = this.sOrgs;
    orgs.length = 0;
    for (const raw of p.organizations) {
      let id = this.recentOrgs.get(raw);
      if (id === undefined) {
        const prepared = preparedOrg(raw);
        id = prepared[0] ? this.intern(prepared[0].key) : -1;
        if (this.recentOrgs.size >= NAME_WINDOW) this.recentOrgs.clear();
        this.recentOrgs.set(raw, id);
      }
      if (id >= 0) orgs.push(id);
    }
    const places = this.sPlaces;
    places.length = 0;
    for (const raw of p.locations) {
      let id = this.recentPlaces.get(raw);
      if (id === undefined) {
        const prepared = preparedPlace(raw);
        id = -1;
        if (prepared[0]) {
          id = this.placeIds.length;
          this.placeIds.push(this.intern(prepared[0].key));
          this.placeIds.push(this.intern(prepared[0].city));
        }
        if (this.recentPlaces.size >= NAME_WINDOW) this.recentPlaces.clear();
        this.recentPlaces.set(raw, id);
      }
      if (id >= 0)
        places.push(this.placeIds.data[id] as number, this.placeIds.data[id + 1] as number);
    }
    return this.write(
      p.id,
      names,
      emails,
      locals,
      spelled,
      domains,
      labels,
      urls,
      hosts,
      handles,
      orgs,
      places,
    );
  }

  private write(
    id: number,
    names: readonly number[],
    emails: readonly string[],
    locals: readonly string[],
    spelled: readonly string[],
    domains: readonly string[],
    labels: readonly string[],
    urls: readonly string[],
    hosts: readonly string[],
    handles: readonly string[],
    orgs: readonly number[],
    places: readonly number[],
  ): number {
    const row = this.count;
    if (row + 1 >= this.rowStart.length) {
      const grown = new Uint32Array(Math.ceil(this.rowStart.length * 1.5) + 16);
      grown.set(this.rowStart);
      this.rowStart = grown;
      const ids = new Int32Array(grown.length);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[row] = id;
    const c = this.cells;
    const base = c.length;
    for (let k = 0; k < HEADER; k++) c.push(0);
    const mark = (field: number) => {
      c.data[base + field] = c.length - base;
    };
    mark(NAMES);
    for (const n of names) c.push(n);
    mark(EMAILS);
    for (const e of emails) c.pushRange(e, 0, e.length);
    mark(LOCALS);
    for (const l of locals) c.pushRange(l, 0, l.length);
    mark(LONG_LOCALS);
    for (const l of locals) if (l.length >= 5) c.push(partHash("l:", l) | 0);
    mark(SPELLED);
    for (const l of spelled) c.pushHashes("s:", l);
    mark(DOMAINS);
    for (const d of domains) c.pushRange(d, 0, d.length);
    mark(DOMAIN_SUFFIXES);
    for (const d of domains) c.pushSuffixes(d);
    mark(LABELS);
    for (const l of labels) if (l.length >= 3) c.push(this.intern(l));
    mark(URLS);
    for (const u of urls) c.pushRange(u, 0, u.length);
    mark(HOSTS);
    for (const h of hosts) c.pushRange(h, 0, h.length);
    mark(HOST_SUFFIXES);
    for (const h of hosts) c.pushSuffixes(h);
    mark(HANDLES);
    for (const h of handles) c.pushRange(h, 0, h.length);
    mark(ORGS);
    for (const o of orgs) c.push(o);
    mark(PLACES);
    for (const x of places) c.push(x);
    mark(DIGITS);
    for (const v of locals) pushDigitRuns(c, v);
    for (const v of urls) pushDigitRuns(c, v);
    for (const v of handles) pushDigitRuns(c, v);
    mark(END);
    this.count++;
    this.rowStart[this.count] = c.length;
    return row;
  }

  // ---- comparisons -------------------------------------------------------------------

  private givenAgreement(x: number, y: number): number {
    if (x === y) return G_EXACT;
    let v = this.givenCache.get(x, y);
    if (v < 0) {
      const a = compareGiven(this.strings[x] as string, this.strings[y] as string);
      v = a === "different" ? G_DIFFERENT : GIVEN_CODE[a];
      this.givenCache.set(x, y, v);
    }
    return v;
  }

  private surnamesClose(x: number, y: number): boolean {
    let v = this.surnameCache.get(x, y);
    if (v < 0) {
      v = jaroWinkler(this.strings[x] as string, this.strings[y] as string) >= 0.94 ? 1 : 0;
      this.surnameCache.set(x, y, v);
    }
    return v === 1;
  }

  /** `NAME_LEVEL[compareNames(…)]` of two interned names. */
  private nameLevelOf(x: number, y: number): number {
    const ga = this.nGiven.data[x] as number;
    const gb = this.nGiven.data[y] as number;
    const sa = this.nSurname.data[x] as number;
    const sb = this.nSurname.data[y] as number;
    if (ga === 0 && sa === 0) return 6;
    if (gb === 0 && sb === 0) return 6;
    // Surname: 0 exact, 1 fuzzy, 2 a shared part of a multi-part surname, 3 different.
    let sur: number;
    if (sa === sb) sur = 0;
    else if (sa === 0 || sb === 0) sur = 3;
    else if (this.surnamesClose(sa, sb)) sur = 1;
    else sur = this.sharedPart(x, y) ? 2 : 3;
    const giv = this.givenAgreement(ga, gb);
    if (sur === 0 && giv === G_EXACT) return 1;
    if (sa !== 0 && sb !== 0 && ga === sb && sa === gb) return 1;
    const close = sur <= 1;
    if (close && giv === G_FUZZY) return 2;
    if (sur === 1 && giv === G_EXACT) return 2;
    if (close && giv === G_NICK) return 3;
    if (close && giv === G_INITIAL) return 4;
    if (sur === 2 && giv !== G_DIFFERENT) return 2;
    if (giv === G_EXACT || giv === G_NICK) return 5;
    if (close) return 6;
    if (sa !== 0 && sb !== 0) {
      // The parsed `full` of a name with a surname is "given surname".
      const s = this.strings;
      const fa = `${s[ga] as string} ${s[sa] as string}`;
      const fb = `${s[gb] as string} ${s[sb] as string}`;
      if (jaroWinkler(fa, fb) >= 0.94) return 2;
    }
    return 6;
  }

  private sharedPart(x: number, y: number): boolean {
    const p = this.nParts.data;
    const parts = this.parts.data;
    const as = p[x] as number;
    const ae = p[x + 1] as number;
    const bs = p[y] as number;
    const be = p[y + 1] as number;
    if (ae - as <= 1 && be - bs <= 1) return false;
    for (let i = as; i < ae; i++) {
      const part = parts[i] as number;
      if ((this.strings[part] as string).length <= 1) continue;
      for (let j = bs; j < be; j++) if (parts[j] === part) return true;
    }
    return false;
  }

  /**
   * Does a spelled user name in cells [s, e) (hash pairs) spell a name in cells [ns, ne)?
   * The five spellings `localFitsName` accepts are hashed per name, so this is equality.
   */
  private spells(s: number, e: number, ns: number, ne: number): boolean {
    if (s === e || ns === ne) return false;
    const d = this.cells.data;
    const f = this.forms.data;
    const starts = this.nForms.data;
    for (let q = s; q < e; q += 2) {
      const h1 = d[q] as number;
      const h2 = d[q + 1] as number;
      for (let r = ns; r < ne; r++) {
        const name = d[r] as number;
        const fe = starts[name + 1] as number;
        for (let k = starts[name] as number; k < fe; k += 2)
          if (f[k] === h1 && f[k + 1] === h2) return true;
      }
    }
    return false;
  }

  private orgsClose(x: number, y: number): boolean {
    let v = this.orgCache.get(x, y);
    if (v < 0) {
      const a = this.strings[x] as string;
      const b = this.strings[y] as string;
      v = a.startsWith(b) || b.startsWith(a) || jaroWinkler(a, b) >= 0.9 ? 1 : 0;
      this.orgCache.set(x, y, v);
    }
    return v === 1;
  }

  /**
   * The eight levels of rows `i` and `j`, in `PROFILE_COMPARISONS` order — the levels
   * `compareProfilesInto` gives for the two prepared profiles.
   */
  readonly compareInto = (i: number, j: number, out: Uint8Array, offset: number): void => {
    const d = this.cells.data;
    const A = this.rowStart[i] as number;
    const B = this.rowStart[j] as number;
    // Start of each list (= end of the one before).
    const aN = A + (d[A + NAMES] as number);
    const bN = B + (d[B + NAMES] as number);
    const aE = A + (d[A + EMAILS] as number);
    const bE = B + (d[B + EMAILS] as number);
    const aL = A + (d[A + LOCALS] as number);
    const bL = B + (d[B + LOCALS] as number);
    const aLL = A + (d[A + LONG_LOCALS] as number);
    const bLL = B + (d[B + LONG_LOCALS] as number);
    const aS = A + (d[A + SPELLED] as number);
    const bS = B + (d[B + SPELLED] as number);
    const aD = A + (d[A + DOMAINS] as number);
    const bD = B + (d[B + DOMAINS] as number);
    const aDs = A + (d[A + DOMAIN_SUFFIXES] as number);
    const bDs = B + (d[B + DOMAIN_SUFFIXES] as number);
    const aLab = A + (d[A + LABELS] as number);
    const bLab = B + (d[B + LABELS] as number);
    const aU = A + (d[A + URLS] as number);
    const bU = B + (d[B + URLS] as number);
    const aH = A + (d[A + HOSTS] as number);
    const bH = B + (d[B + HOSTS] as number);
    const aHs = A + (d[A + HOST_SUFFIXES] as number);
    const bHs = B + (d[B + HOST_SUFFIXES] as number);
    const aHd = A + (d[A + HANDLES] as number);
    const bHd = B + (d[B + HANDLES] as number);
    const aO = A + (d[A + ORGS] as number);
    const bO = B + (d[B + ORGS] as number);
    const aP = A + (d[A + PLACES] as number);
    const bP = B + (d[B + PLACES] as number);
    const aDg = A + (d[A + DIGITS] as number);
    const bDg = B + (d[B + DIGITS] as number);
    // name
    let name = 0;
    for (let x = aN; x < aE && name !== 1; x++) {
      for (let y = bN; y < bE; y++) {
        const level = this.nameLevelOf(d[x] as number, d[y] as number);
        if (name === 0 || level < name) name = level;
        if (level === 1) break;
      }
    }
    out[offset] = name;
    // email
    const bothEmails = aE < aL && bE < bL;
    const sameEmail = bothEmails && sharesTwo(d, aE, aL, bE, bL);
    out[offset + 1] = bothEmails ? (sameEmail ? 1 : 2) : 0;
    // email_name
    let emailName: number;
    if (sameEmail) emailName = 0;
    else if (aL < aLL && bL < bLL && sharesTwo(d, aL, aLL, bL, bLL)) emailName = 1;
    else if (name <= NAME_FITS) emailName = 0;
    else if (this.spells(aS, aD, bN, bE) || this.spells(bS, bD, aN, aE)) emailName = 2;
    else {
      const aCan = aS < aD && bN < bE;
      const bCan = bS < bD && aN < aE;
      emailName = aCan || bCan ? 3 : 0;
    }
    out[offset + 2] = emailName;
    // domain: a work domain is a site's host, or a dot-suffix of it, or the other way round
    const aHasD = aD < aDs;
    const bHasD = bD < bDs;
    let domain = 0;
    if (!sameEmail && (aHasD || bHasD)) {
      if (
        (aHasD &&
          bH < bHs &&
          (sharesTwo(d, aD, aDs, bH, bHs) ||
            sharesTwo(d, aD, aDs, bHs, bHd) ||
            sharesTwo(d, aDs, aLab, bH, bHs))) ||
        (bHasD &&
          aH < aHs &&
          (sharesTwo(d, bD, bDs, aH, aHs) ||
            sharesTwo(d, bD, bDs, aHs, aHd) ||
            sharesTwo(d, bDs, bLab, aH, aHs)))
      )
        domain = 1;
      else if (shares(d, aLab, aU, bO, bP) || shares(d, bLab, bU, aO, aP)) domain = 2;
      else if (aHasD && bHasD && sharesTwo(d, aD, aDs, bD, bDs)) domain = 3;
      else {
        const comparable =
          (aHasD && (bH < bHs || bO < bP || bHasD)) || (bHasD && (aH < aHs || aO < aP));
        domain = comparable ? 4 : 0;
      }
    }
    out[offset + 3] = domain;
    // url
    out[offset + 4] =
      aU === aH || bU === bH
        ? 0
        : sharesTwo(d, aU, aH, bU, bH)
          ? 1
          : sharesTwo(d, aH, aHs, bH, bHs)
            ? 2
            : 3;
    // handle
    out[offset + 5] = aHd === aO || bHd === bO ? 0 : sharesTwo(d, aHd, aO, bHd, bO) ? 1 : 2;
    // organisation
    let org = 0;
    if (aO < aP && bO < bP) {
      org = 3;
      for (let x = aO; x < aP && org !== 1; x++) {
        for (let y = bO; y < bP; y++) {
          const ka = d[x] as number;
          const kb = d[y] as number;
          if (ka === kb) {
            org = 1;
            break;
          }
          if (org === 3 && this.orgsClose(ka, kb)) org = 2;
        }
      }
    }
    out[offset + 6] = org;
    // location
    let place = 0;
    if (aP < aDg && bP < bDg) {
      place = 3;
      for (let x = aP; x < aDg && place !== 1; x += 2) {
        for (let y = bP; y < bDg; y += 2) {
          if (d[x] === d[y]) {
            place = 1;
            break;
          }
          const city = d[x + 1] as number;
          if (place === 3 && city !== 0 && city === d[y + 1]) place = 2;
        }
      }
    }
    out[offset + 7] = place;
  };

  // ---- blocking ----------------------------------------------------------------------

  /** Cells of list `field` of `row`: [start, end). */
  private span(row: number, field: number): [number, number] {
    const d = this.cells.data;
    const base = this.rowStart[row] as number;
    return [base + (d[base + field] as number), base + (d[base + field + 1] as number)];
  }

  /** Each cell in [s, e) (every `step`-th), salted and mixed into a key hash. */
  private addMixed(sink: HashSink, salt: number, s: number, e: number, step = 1): void {
    const d = this.cells.data;
    for (let q = s; q < e; q += step) sink.add(mixHash(salt, d[q] as number));
  }

  /** Each hash pair in [s, e), salted and mixed into a key hash. */
  private addPairs(sink: HashSink, salt: number, s: number, e: number): void {
    const d = this.cells.data;
    for (let q = s; q < e; q += 2) sink.add(mixHash(salt ^ (d[q + 1] as number), d[q] as number));
  }

  /** Each cell in [s, e) as a key hash already. */
  private addRaw(sink: HashSink, s: number, e: number): void {
    const d = this.cells.data;
    for (let q = s; q < e; q++) sink.add((d[q] as number) >>> 0);
  }

  /** `identityKeys` of a row, hashed from ids and hash pairs. */
  identityHashes(row: number, sink: HashSink): void {
    const d = this.cells.data;
    const [es, ee] = this.span(row, EMAILS);
    for (let q = es; q < ee; q += 2)
      sink.add(mixHash(SALT_E ^ (d[q + 1] as number), d[q] as number));
    const [us, ue] = this.span(row, URLS);
    for (let q = us; q < ue; q += 2)
      sink.add(mixHash(SALT_U ^ (d[q + 1] as number), d[q] as number));
    this.addPairs(sink, SALT_H, ...this.span(row, HOSTS));
    this.addPairs(sink, SALT_H, ...this.span(row, DOMAINS));
    const [hs, he] = this.span(row, HANDLES);
    for (let q = hs; q < he; q += 2)
      sink.add(mixHash(SALT_AT ^ (d[q + 1] as number), d[q] as number));
  }

  /** `nameKeys` of a row, hashed as `nameHashes` hashes them. */
  nameHashes(row: number, sink: HashSink): void {
    this.addPerName(sink, row, this.hashes.data, this.nHashes.data);
  }

  /** Adds, for each name of `row`, its run `hashes[starts[name]…starts[name + 1])`. */
  private addPerName(
    sink: HashSink,
    row: number,
    hashes: ArrayLike<number>,
    starts: ArrayLike<number>,
  ): void {
    const d = this.cells.data;
    const [s, e] = this.span(row, NAMES);
    for (let q = s; q < e; q++) {
      const name = d[q] as number;
      const end = starts[name + 1] as number;
      for (let k = starts[name] as number; k < end; k++) sink.add((hashes[k] as number) >>> 0);
    }
  }

  /** `spelledKeys` of a row: the same `l:` and `s:` key hashes as `spelledHashes`. */
  spelledHashes(row: number, sink: HashSink): void {
    this.addRaw(sink, ...this.span(row, LONG_LOCALS));
    const d = this.cells.data;
    const [ss, se] = this.span(row, SPELLED);
    for (let q = ss; q < se; q += 2) sink.add((d[q] as number) >>> 0);
    this.addPerName(sink, row, this.spellHashes.data, this.nSpell.data);
  }

  /** `refineKeys` of a row. */
  refineHashes(row: number, sink: HashSink): void {
    const d = this.cells.data;
    const [ps, pe] = this.span(row, PLACES);
    for (let q = ps + 1; q < pe; q += 2) {
      const city = d[q] as number;
      if (city !== 0) sink.add(mixHash(SALT_C, city));
    }
    this.addMixed(sink, SALT_O, ...this.span(row, ORGS));
    this.addPairs(sink, SALT_H, ...this.span(row, DOMAINS));
    this.addPairs(sink, SALT_H, ...this.span(row, HOSTS));
    this.addRaw(sink, ...this.span(row, DIGITS));
  }

  /**
   * `PROFILE_COMPARISONS` over rows (names and levels as given; each `compare` works out
   * the pair's levels with `compareInto`), for the model functions that take comparisons.
   */
  comparisonsOf(comparisons: readonly Comparison<PreparedProfile>[]): Comparison<number>[] {
    const out = new Uint8Array(comparisons.length);
    return comparisons.map((cmp, k) => ({
      name: cmp.name,
      levels: cmp.levels,
      compare: (i: number, j: number) => {
        this.compareInto(i, j, out, 0);
        return out[k] as number;
      },
    }));
  }

  /**
   * Blocking rules over rows, the same as `rules` (`PROFILE_BLOCKING`: names, limits and
   * `uses` kept) with keys taken from this table.
   */
  blockingRules(rules: readonly BlockingRule<PreparedProfile>[]): BlockingRule<number>[] {
    const none = (): string[] => {
      throw new Error("table blocking rules give key hashes only");
    };
    const hashers: Record<string, (row: number, sink: HashSink) => void> = {
      "shared identity": (r, s) => this.identityHashes(r, s),
      "name keys": (r, s) => this.nameHashes(r, s),
      "e-mail user names": (r, s) => this.spelledHashes(r, s),
    };
    return rules.map((rule) => {
      const hashKeys = hashers[rule.name];
      if (!hashKeys) throw new Error(`no table keys for blocking rule '${rule.name}'`);
      const out: BlockingRule<number> = { name: rule.name, keys: none, hashKeys };
      if (rule.uses) out.uses = rule.uses;
      if (rule.maxBlock !== undefined) out.maxBlock = rule.maxBlock;
      if (rule.refine || rule.hashRefine) {
        out.refine = none;
        out.hashRefine = (r, s) => this.refineHashes(r, s);
      }
      return out;
    });
  }
}

/** `#:` refining-key hashes of the runs of two or more digits in `v`. */
function pushDigitRuns(c: Int32Column, v: string): void {
  digitRunHashes(v, (h) => c.push(h | 0));
}

/** Do cells [as, ae) and [bs, be) share a value? */
function shares(d: Int32Array, as: number, ae: number, bs: number, be: number): boolean {
  for (let x = as; x < ae; x++) {
    const v = d[x] as number;
    for (let y = bs; y < be; y++) if (d[y] === v) return true;
  }
  return false;
}

/** Do the hash pairs in cells [as, ae) and [bs, be) share a value? */
function sharesTwo(d: Int32Array, as: number, ae: number, bs: number, be: number): boolean {
  for (let x = as; x < ae; x += 2) {
    const v = d[x] as number;
    const w = d[x + 1] as number;
    for (let y = bs; y < be; y += 2) if (d[y] === v && d[y + 1] === w) return true;
  }
  return false;
}
