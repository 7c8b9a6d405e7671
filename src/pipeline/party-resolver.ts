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
import { anchorKey, normalizeIdentity, scopedNameKey } from "../identity/normalize.js";
import type { IdentityKind, PartyRef } from "../sources/records.js";
import type { SqlExecutor } from "../store/connection.js";
import { mergeInto, UNNAMED_ME } from "../store/store.js";

interface Anchor {
  kind: IdentityKind;
  value: string;
  display: string;
  key: string;
}

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
const LOOKUP_SQL = `SELECT key, person_id FROM identities WHERE key IN (${new Array(LOOKUP_CHUNK).fill("?").join(", ")})`;

export class PartyResolver {
  private readonly people = new Map<string, number>();
  private readonly names = new Map<number, Set<string>>();
  /** People created in this run from a party that had no name yet. */
  private readonly unnamed = new Set<number>();
  private readonly anchorCache = new WeakMap<PartyRef, Anchor[]>();
  private readonly details = new Set<string>();
  /** Keys a prefetch looked for and did not find: no need to ask the database again. */
  private readonly absent = new Set<string>();
  /**
   * People merged into the user since the writer last looked: rows already gathered for them
   * must be moved to the user, and past directions recomputed.
   */
  readonly mergedIntoMe: number[] = [];
  peopleAdded = 0;
  identitiesAdded = 0;

  /** `me`: the user's person id, what a party marked as the export's owner resolves to. */
  constructor(
    private readonly source: string,
    private readonly me: number,
  ) {}

  /** Anchors of a party, computed once per party object (prefetch and resolve both need them). */
  anchors(party: PartyRef): Anchor[] {
    let anchors = this.anchorCache.get(party);
    if (!anchors) {
      anchors = this.computeAnchors(party);
      this.anchorCache.set(party, anchors);
    }
    return anchors;
  }

  private computeAnchors(party: PartyRef): Anchor[] {
    const anchors: Anchor[] = [];
    for (const ref of party.identities) {
      if (ref.kind === "name") continue;
      const value = normalizeIdentity(ref);
      const key = value && anchorKey(ref.kind, value);
      if (value && key && !anchors.some((a) => a.key === key)) {
        anchors.push({ kind: ref.kind, value, display: ref.value.trim(), key });
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
        });
      }
    }
    return anchors.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind]);
  }

  /**
   * Forget what the caches hold once they grow past `CACHE_LIMIT` entries: they only save
   * queries, every answer can be asked of the database again, and memory must stay bounded
   * on archives of millions of records. Called between batches.
   */
  trimCaches(limit = CACHE_LIMIT): void {
    const size = this.people.size + this.absent.size + this.names.size + this.details.size;
    if (size <= limit) return;
    this.people.clear();
    this.absent.clear();
    this.names.clear();
    this.details.clear();
    this.unnamed.clear();
  }

  /** Load the persons of every anchor in `parties` that this run has not seen yet. */
  async prefetch(tx: SqlExecutor, parties: Iterable<PartyRef>): Promise<void> {
    const wanted = new Set<string>();
    for (const party of parties) {
      for (const a of this.anchors(party)) if (!this.people.has(a.key)) wanted.add(a.key);
    }
    const keys = [...wanted];
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      // Always LOOKUP_CHUNK parameters (padded with NULL, which matches nothing): one prepared
      // statement serves every batch.
      const chunk = keys.slice(i, i + LOOKUP_CHUNK);
      const params = chunk.concat(new Array(LOOKUP_CHUNK - chunk.length).fill(null));
      const rows = await tx.all<{ key: string; person_id: number }>(LOOKUP_SQL, params);
      for (const key of chunk) this.absent.add(key);
      for (const r of rows) {
        this.people.set(r.key, Number(r.person_id));
        this.absent.delete(r.key);
      }
    }
  }

  /**
   * The person a party stands for, created if new; undefined when the party carries nothing
   * that can identify anyone. Call `prefetch` for the batch first.
   */
  async resolve(tx: SqlExecutor, party: PartyRef): Promise<number | undefined> {
    if (party.isOwner) {
      await this.claimForMe(tx, this.me, party);
      return this.me;
    }
    const anchors = this.anchors(party);
    if (anchors.length === 0) return undefined;
    let person: number | undefined;
    for (const a of anchors) {
      person = this.absent.has(a.key) ? undefined : await this.lookup(tx, a.key);
      if (person !== undefined) break;
    }
    const name = party.name?.trim();
    if (person === undefined) {
      const display = name || (anchors[0] as Anchor).display;
      const made = await tx.all<{ id: number }>(
        "INSERT INTO people (display_name, is_me, created_at) VALUES (?, 0, ?) RETURNING id",
        [display, Date.now()],
      );
      person = Number((made[0] as { id: number }).id);
      this.peopleAdded++;
      if (!name) this.unnamed.add(person);
    } else if (name && this.unnamed.delete(person)) {
      await tx.run("UPDATE people SET display_name = ? WHERE id = ?", [name, person]);
    }
    for (const a of anchors) {
      if (this.people.has(a.key)) continue;
      await this.addIdentity(tx, person, a.kind, a.value, a.display, a.key);
      this.people.set(a.key, person);
      this.absent.delete(a.key);
    }
    if (name) await this.addName(tx, person, name);
    await this.addDetails(tx, person, party);
    return person;
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
      if (owner === me) continue;
      if (owner !== undefined) {
        await mergeInto(tx, me, owner);
        this.mergedIntoMe.push(owner);
        for (const [key, p] of this.people) if (p === owner) this.people.set(key, me);
      } else {
        await this.addIdentity(tx, me, a.kind, a.value, a.display, a.key);
      }
      this.people.set(a.key, me);
      this.absent.delete(a.key);
    }
    await this.addDetails(tx, me, party);
    if (party.name) {
      await tx.run("UPDATE people SET display_name = ? WHERE id = ? AND display_name = ?", [
        party.name.trim(),
        me,
        UNNAMED_ME,
      ]);
      await this.addName(tx, me, party.name.trim());
    }
  }

  /** The person an anchor key belongs to, if any. */
  async lookup(tx: SqlExecutor, key: string): Promise<number | undefined> {
    const cached = this.people.get(key);
    if (cached !== undefined) return cached;
    const rows = await tx.all<{ person_id: number }>(
      "SELECT person_id FROM identities WHERE key = ?",
      [key],
    );
    const found = rows[0] ? Number(rows[0].person_id) : undefined;
    if (found !== undefined) this.people.set(key, found);
    return found;
  }

  private async addName(tx: SqlExecutor, person: number, name: string): Promise<void> {
    const value = normalizeIdentity({ kind: "name", value: name });
    if (!value) return;
    let known = this.names.get(person);
    if (!known) {
      known = new Set();
      this.names.set(person, known);
    }
    if (known.has(value)) return;
    known.add(value);
    await this.addIdentity(tx, person, "name", value, name, null);
  }

  private async addIdentity(
    tx: SqlExecutor,
    person: number,
    kind: IdentityKind,
    value: string,
    display: string,
    key: string | null,
  ): Promise<void> {
    this.identitiesAdded += await tx.run(
      `INSERT INTO identities (person_id, kind, value, display, key, source, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [person, kind, value, display, key, this.source, Date.now()],
    );
  }
}
