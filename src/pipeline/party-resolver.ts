/**
 * Turns the parties named in records into person ids, creating people and identities as
 * needed. A party is the same person as an existing one when they share an anchor identity
 * (e-mail, site, handle, profile, phone — or a name within one source's scope). This is the
 * deterministic first pass of identity resolution: exact keys only; fuzzy matches are left
 * for review, never merged here.
 *
 * The resolver caches key → person for the whole import, so a batch costs one lookup query
 * for the keys it has not seen, and nothing for the ones it has.
 *
 * @example
 * const resolver = new PartyResolver("wxr");
 * await resolver.prefetch(tx, parties);
 * const personId = await resolver.resolve(tx, { name: "Ada", identities: [...] });
 */
import { forgottenHash } from "../identity/forgotten.js";
import {
  anchorKey,
  normalizeIdentity,
  readableName,
  scopedNameKey,
} from "../identity/normalize.js";
import type { IdentityKind, PartyRef } from "../sources/records.js";
import type { SqlExecutor } from "../store/connection.js";
import { declaredDifferent, mergePeople } from "../store/merge.js";
import { UNNAMED_ME } from "../store/store.js";

interface Anchor {
  kind: IdentityKind;
  value: string;
  display: string;
  key: string;
  /** Only claimed (typed into a public form): keyed within its scope, and never merges. */
  claimed: boolean;
  /** For a claimed anchor: the key it would have if it were verified. */
  plainKey: string;
}

/** What a party's identities and name come to, the same for every party written the same. */
interface PartyFacts {
  anchors: Anchor[];
  /** The party's name is only one of its addresses spelled out (a card named by its URL). */
  nameIsAddress: boolean;
}

/** A name as the person is displayed, and its normalised form (undefined: no usable name). */
interface NameForms {
  readable: string;
  value: string | undefined;
}

/** A party resolved: its person, and the identity it was recognised by. */
export interface Resolved {
  person: number;
  identity: number | null;
}

/** What `resolve` returns for a party the user asked irl to forget. */
export const FORGOTTEN = "forgotten" as const;

/** Which anchor decides the person when a party's anchors point at different people. */
const PRIORITY: Record<IdentityKind, number> = {
  email: 0,
  profile: 1,
  handle: 2,
  phone: 3,
  url: 4,
  name: 5,
};

const LOOKUP_CHUNK = 500;
/** Entries the resolver's caches may hold before they are cleared. */
const CACHE_LIMIT = 300_000;
/**
 * Distinct spellings of parties and names remembered (see `facts`): comment exports repeat
 * the same commenters thousands of times, each as a new object.
 */
const FACTS_LIMIT = 20_000;
const LOOKUP_SQL = `SELECT key, person_id, id FROM identities WHERE key IN (${new Array(LOOKUP_CHUNK).fill("?").join(", ")})`;

export class PartyResolver {
  /** Anchor key → the person and identity row it belongs to. */
  private readonly known = new Map<string, Resolved>();
  private readonly names = new Map<number, Set<string>>();
  /** People created in this run from a party that had no name yet. */
  private readonly unnamed = new Set<number>();
  private readonly anchorCache = new WeakMap<PartyRef, PartyFacts>();
  /** Facts by the party's spelling (`spelling`), whichever object carries it. */
  private readonly factsMemo = new Map<string, PartyFacts>();
  private readonly nameMemo = new Map<string, NameForms>();
  private readonly details = new Set<string>();
  /** Keys a prefetch looked for and did not find: no need to ask the database again. */
  private readonly absent = new Set<string>();
  /** Hashes of forgotten keys (see `forget.ts`); empty for most users. */
  private forgotten = new Set<string>();
  private readonly forgottenMemo = new Map<string, boolean>();
  /**
   * People merged into others since the writer last looked (merged → kept): rows already
   * gathered for them must move, and when the user is the kept one, directions recomputed.
   */
  readonly merged = new Map<number, number>();
  peopleAdded = 0;
  identitiesAdded = 0;
  /** Pairs of known people an import record said are one, and which were merged. */
  peopleMerged = 0;

  /** `me`: the user's person id, what a party marked as the export's owner resolves to. */
  constructor(
    private readonly source: string,
    private readonly me: number,
  ) {}

  /** The user's own identity keys: a claim of one of them is the user commenting. */
  private readonly myKeys = new Set<string>();

  /**
   * Load what the resolver checks every party against: the hashes of forgotten identity keys
   * (parties carrying one resolve to FORGOTTEN), and the user's own keys.
   */
  async loadState(tx: SqlExecutor): Promise<void> {
    const rows = await tx.all<{ key_hash: string }>("SELECT key_hash FROM forgotten");
    this.forgotten = new Set(rows.map((r) => r.key_hash));
    this.forgottenMemo.clear();
    const mine = await tx.all<{ key: string }>(
      "SELECT key FROM identities WHERE person_id = ? AND key IS NOT NULL",
      [this.me],
    );
    for (const r of mine) this.myKeys.add(r.key);
  }

  /** Anchors of a party, computed once per party object (prefetch and resolve both need them). */
  anchors(party: PartyRef): Anchor[] {
    return this.facts(party).anchors;
  }

  /**
   * A party's anchors and whether its name is an address, computed once per object and once
   * per spelling: records arrive as fresh objects, but the same commenter is written the same
   * way on every comment, and normalising addresses (URL parsing) is the costly part.
   */
  private facts(party: PartyRef): PartyFacts {
    let facts = this.anchorCache.get(party);
    if (facts) return facts;
    const spelling = spellingOf(party);
    facts = this.factsMemo.get(spelling);
    if (!facts) {
      const anchors = this.computeAnchors(party);
      const name = party.name?.trim();
      facts = {
        anchors,
        nameIsAddress:
          !!name &&
          anchors.some((a) => normalizeIdentity({ kind: a.kind, value: name }) === a.value),
      };
      if (this.factsMemo.size >= FACTS_LIMIT) this.factsMemo.clear();
      this.factsMemo.set(spelling, facts);
    }
    this.anchorCache.set(party, facts);
    return facts;
  }

  /** A written name in reading order ("Lovelace, Ada" → "Ada Lovelace") and normalised. */
  private nameForms(written: string): NameForms {
    let forms = this.nameMemo.get(written);
    if (!forms) {
      const readable = readableName(written);
      forms = { readable, value: normalizeIdentity({ kind: "name", value: readable }) };
      if (this.nameMemo.size >= FACTS_LIMIT) this.nameMemo.clear();
      this.nameMemo.set(written, forms);
    }
    return forms;
  }

  private computeAnchors(party: PartyRef): Anchor[] {
    const anchors: Anchor[] = [];
    for (const ref of party.identities) {
      if (ref.kind === "name") continue;
      const value = normalizeIdentity(ref);
      const plainKey = value && anchorKey(ref.kind, value);
      const claimed = ref.claimed === true;
      const key =
        plainKey && claimed ? `claim:${party.nameScope ?? this.source}:${plainKey}` : plainKey;
      if (value && key && plainKey && !anchors.some((a) => a.key === key)) {
        anchors.push({ kind: ref.kind, value, display: ref.value.trim(), key, claimed, plainKey });
      }
    }
    if (anchors.length === 0 && party.name && party.nameScope) {
      const value = normalizeIdentity({ kind: "name", value: party.name });
      if (value) {
        anchors.push({
          kind: "name",
          value,
          display: party.name.trim(),
          key: scopedNameKey(party.nameScope, value),
          claimed: true,
          plainKey: scopedNameKey(party.nameScope, value),
        });
      }
    }
    // Verified anchors decide before claimed ones, then by kind.
    return anchors.sort(
      (a, b) => Number(a.claimed) - Number(b.claimed) || PRIORITY[a.kind] - PRIORITY[b.kind],
    );
  }

  /**
   * Forget what the caches hold once they grow past `CACHE_LIMIT` entries: they only save
   * queries, every answer can be asked of the database again, and memory must stay bounded
   * on archives of millions of records. Called between batches.
   */
  trimCaches(limit = CACHE_LIMIT): void {
    const size = this.known.size + this.absent.size + this.names.size + this.details.size;
    if (size <= limit) return;
    this.known.clear();
    this.absent.clear();
    this.names.clear();
    this.details.clear();
    this.unnamed.clear();
    this.forgottenMemo.clear();
  }

  /** Load the persons of every anchor in `parties` that this run has not seen yet. */
  async prefetch(tx: SqlExecutor, parties: Iterable<PartyRef>): Promise<void> {
    const wanted = new Set<string>();
    for (const party of parties) {
      for (const a of this.anchors(party)) if (!this.known.has(a.key)) wanted.add(a.key);
    }
    const keys = [...wanted];
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      // Always LOOKUP_CHUNK parameters (padded with NULL, which matches nothing): one prepared
      // statement serves every batch.
      const chunk = keys.slice(i, i + LOOKUP_CHUNK);
      const params = chunk.concat(new Array(LOOKUP_CHUNK - chunk.length).fill(null));
      const rows = await tx.all<{ key: string; person_id: number; id: number }>(LOOKUP_SQL, params);
      for (const key of chunk) this.absent.add(key);
      for (const r of rows) {
        this.known.set(r.key, { person: Number(r.person_id), identity: Number(r.id) });
        this.absent.delete(r.key);
      }
    }
  }

  /** True when a party carries an identity of someone the user asked irl to forget. */
  isForgotten(party: PartyRef): boolean {
    if (this.forgotten.size === 0) return false;
    return this.anchors(party).some((a) => {
      let hit = this.forgottenMemo.get(a.key);
      if (hit === undefined) {
        hit = this.forgotten.has(forgottenHash(a.key));
        this.forgottenMemo.set(a.key, hit);
      }
      return hit;
    });
  }

  /**
   * The person a party stands for (and the identity it was known by), created if new;
   * undefined when the party carries nothing that can identify anyone, FORGOTTEN when it
   * is someone the user asked irl to forget. Call `prefetch` for the batch first.
   *
   * When a party's verified anchors belong to two known people, the record says they are one
   * (a card with two addresses): the two are merged, unless the user said they are different.
   */
  async resolve(
    tx: SqlExecutor,
    party: PartyRef,
  ): Promise<Resolved | typeof FORGOTTEN | undefined> {
    if (party.isOwner) {
      await this.claimForMe(tx, this.me, party);
      return { person: this.me, identity: null };
    }
    const facts = this.facts(party);
    const anchors = facts.anchors;
    if (anchors.length === 0) return undefined;
    if (this.isForgotten(party)) return FORGOTTEN;
    // The user's own address typed into their own blog's form is the user (a stranger typing
    // it is the blog's moderation problem, and `irl split` undoes it).
    if (this.myKeys.size > 0 && anchors.some((a) => a.claimed && this.myKeys.has(a.plainKey))) {
      return { person: this.me, identity: null };
    }
    let found: Resolved | undefined;
    let foundBy: Anchor | undefined;
    for (const a of anchors) {
      found = this.absent.has(a.key) ? undefined : await this.lookup(tx, a.key);
      if (found !== undefined) {
        foundBy = a;
        break;
      }
    }
    const name = party.name?.trim();
    const first = anchors[0] as Anchor;
    let person: number;
    let via: number | null;
    if (found === undefined) {
      const display = name ? this.nameForms(name).readable : first.display;
      const made = await tx.all<{ id: number }>(
        "INSERT INTO people (display_name, is_me, created_at) VALUES (?, 0, ?) RETURNING id",
        [display, Date.now()],
      );
      person = Number((made[0] as { id: number }).id);
      via = null;
      this.peopleAdded++;
      if (!name) this.unnamed.add(person);
    } else {
      person = found.person;
      via = found.identity;
      if (name && this.unnamed.delete(person)) {
        await tx.run("UPDATE people SET display_name = ? WHERE id = ?", [
          this.nameForms(name).readable,
          person,
        ]);
      }
    }
    const anchorOf = foundBy ?? first;
    for (const a of anchors) {
      const owner = this.known.get(a.key);
      if (owner !== undefined) {
        if (owner.person !== person && !a.claimed && !anchorOf.claimed) {
          person = await this.joinStatedTogether(tx, person, owner.person, anchorOf, a);
        }
        continue;
      }
      const reason =
        a === anchorOf && found === undefined
          ? `first seen in ${this.source}${a.claimed ? " (typed into a public form: a claim, not proof)" : ""}`
          : `stated together with ${anchorOf.display} in one ${this.source} record`;
      const id = await this.addIdentity(tx, person, a, reason);
      this.known.set(a.key, { person, identity: id });
      this.absent.delete(a.key);
      if (via === null) via = id;
    }
    // A "name" that is only an address spelled out (a card named by its URL) is no name.
    if (name && !facts.nameIsAddress) await this.addName(tx, person, name, anchorOf.display);
    await this.addDetails(tx, person, party);
    return { person, identity: via };
  }

  /**
   * Two known people whose verified identities one record states together: merge the newer
   * into the older, unless either is the user or the user said they differ. Returns the
   * person the party now resolves to.
   */
  private async joinStatedTogether(
    tx: SqlExecutor,
    person: number,
    other: number,
    a: Anchor,
    b: Anchor,
  ): Promise<number> {
    if (person === this.me || other === this.me) return person;
    if (await declaredDifferent(tx, person, other)) return person;
    const [keep, gone] = person < other ? [person, other] : [other, person];
    await mergePeople(tx, keep, gone, {
      method: "import",
      reasons: [`${a.display} and ${b.display} were stated together in one ${this.source} record`],
    });
    this.peopleMerged++;
    this.repoint(gone, keep);
    return keep;
  }

  /** After merging `gone` into `keep`: caches and rows gathered so far follow. */
  private repoint(gone: number, keep: number): void {
    for (const r of this.known.values()) if (r.person === gone) r.person = keep;
    for (const [from, into] of this.merged) if (into === gone) this.merged.set(from, keep);
    this.merged.set(gone, keep);
    this.names.delete(gone);
    this.unnamed.delete(gone);
  }

  /** Organization, title, location and bio, once per person and value. */
  private async addDetails(tx: SqlExecutor, person: number, party: PartyRef): Promise<void> {
    if (!party.details) return;
    for (const [field, raw] of Object.entries(party.details)) {
      const value = typeof raw === "string" ? raw.trim() : "";
      if (!value) continue;
      const seen = `${person}\u0000${field}\u0000${value}`;
      if (this.details.has(seen)) continue;
      this.details.add(seen);
      await tx.run(
        `INSERT INTO details (person_id, field, value, source, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [person, field, value, this.source, Date.now()],
      );
    }
  }

  /**
   * Make the party's anchors the user's: anchors already owned by another person merge that
   * person into the user. Used for the owner an export names (a blog's authors).
   */
  async claimForMe(tx: SqlExecutor, me: number, party: PartyRef): Promise<void> {
    for (const a of this.anchors(party)) {
      const owner = await this.lookup(tx, a.key);
      if (owner?.person === me) continue;
      if (owner !== undefined) {
        const gone = owner.person;
        await mergePeople(tx, me, gone, {
          method: "import",
          reasons: [`${a.display} belongs to the owner of this ${this.source} export: you`],
        });
        this.repoint(gone, me);
      } else {
        const id = await this.addIdentity(
          tx,
          me,
          a,
          `yours: the owner of this ${this.source} export`,
        );
        this.known.set(a.key, { person: me, identity: id });
      }
      this.myKeys.add(a.key);
      this.absent.delete(a.key);
    }
    await this.addDetails(tx, me, party);
    if (party.name) {
      await tx.run("UPDATE people SET display_name = ? WHERE id = ? AND display_name = ?", [
        party.name.trim(),
        me,
        UNNAMED_ME,
      ]);
      await this.addName(tx, me, party.name.trim(), "you");
    }
  }

  /** The person and identity an anchor key belongs to, if any. */
  async lookup(tx: SqlExecutor, key: string): Promise<Resolved | undefined> {
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    const rows = await tx.all<{ person_id: number; id: number }>(
      "SELECT person_id, id FROM identities WHERE key = ?",
      [key],
    );
    const row = rows[0];
    if (!row) return undefined;
    const found = { person: Number(row.person_id), identity: Number(row.id) };
    this.known.set(key, found);
    return found;
  }

  private async addName(tx: SqlExecutor, person: number, written: string, of: string) {
    // Kept in reading order ("Lovelace, Ada" → "Ada Lovelace"), as the person is displayed.
    const { readable: name, value } = this.nameForms(written);
    if (!value) return;
    let known = this.names.get(person);
    if (!known) {
      known = new Set();
      this.names.set(person, known);
    }
    if (known.has(value)) return;
    known.add(value);
    await tx.run(
      `INSERT INTO identities (person_id, kind, value, display, key, source, created_at, reason)
       VALUES (?, 'name', ?, ?, NULL, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [person, value, name, this.source, Date.now(), `the name ${this.source} gives ${of}`],
    );
  }

  /** Insert an anchor identity for `person`; returns its id (the existing row's, if any). */
  private async addIdentity(
    tx: SqlExecutor,
    person: number,
    a: Anchor,
    reason: string,
  ): Promise<number> {
    const made = await tx.all<{ id: number }>(
      `INSERT INTO identities (person_id, kind, value, display, key, source, created_at,
         verified, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
      [
        person,
        a.kind,
        a.value,
        a.display,
        a.key,
        this.source,
        Date.now(),
        a.claimed ? 0 : 1,
        reason,
      ],
    );
    if (made[0]) {
      this.identitiesAdded++;
      return Number(made[0].id);
    }
    const existing = await tx.all<{ id: number }>(
      "SELECT id FROM identities WHERE key = ? OR (person_id = ? AND kind = ? AND value = ?)",
      [a.key, person, a.kind, a.value],
    );
    return Number((existing[0] as { id: number }).id);
  }
}

/**
 * Everything `facts` reads from a party, as one string: parties spelled the same have the same
 * anchors. Each free-text part is prefixed by its length, so no name or value can pass for
 * another field.
 */
function spellingOf(party: PartyRef): string {
  const scope = party.nameScope ?? "";
  const name = party.name ?? "";
  let s = `${scope.length}:${scope}${name.length}:${name}`;
  for (const ref of party.identities) {
    const platform = ref.platform ?? "";
    s += `${ref.kind}${ref.claimed === true ? "!" : "."}${platform.length}:${platform}${ref.value.length}:${ref.value}`;
  }
  return s;
}
