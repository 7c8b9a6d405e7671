/**
 * The probabilistic pass of identity resolution, run after imports: the people the store
 * knows are turned into profiles (names, e-mails, sites, handles, organisations, places, each
 * identity verified or only claimed), the Fellegi–Sunter model is trained on the user's own
 * graph, and candidate pairs from blocking are scored. Incremental: only people added since
 * the last pass are compared, against the blocks of everyone else.
 *
 * Policy for a scored pair:
 * - the user said they are different people → nothing;
 * - probability ≥ AUTO_MERGE and both sides carry verified identities → merged, with reasons;
 * - one side known only by what was typed into a public comment form (claims): merged only
 *   when two of its claimed identities (say, e-mail and site) both equal verified identities
 *   of the other — one claim alone proves nothing, so it is only suggested;
 * - the user is never merged into automatically;
 * - otherwise, probability ≥ REVIEW → a candidate for `irl dupes`.
 * A comment whose claims were corroborated that way vouches for the rest of what it gave: a
 * third address on the same form that is someone's verified address joins them too.
 *
 * @example
 * const summary = await resolvePeople(store);
 * console.log(`${summary.merged} merged, ${summary.suggested} to review`);
 */

import { anchorKey } from "../identity/normalize.js";
import {
  buildBlockIndex,
  candidatesFor,
  matchCandidates,
  type Profile,
  type ProfileMatch,
  prepareProfile,
  trainProfileModel,
} from "../identity/profile-match.js";
import type { SqlExecutor } from "../store/connection.js";
import { declaredDifferent, MergeTrail } from "../store/merge.js";
import type { Store } from "../store/store.js";

/** Automatic merges need at least this probability (see README: identity evaluation). */
export const AUTO_MERGE = 0.99;
/** Pairs at least this likely are offered for review. */
export const REVIEW = 0.6;

export interface ResolveSummary {
  /** People compared as new in this pass. */
  newPeople: number;
  pairs: number;
  merged: number;
  suggested: number;
  model: "em" | "prior";
}

interface Loaded {
  profiles: Map<number, Profile>;
  /**
   * People with no verified e-mail, site, handle or profile: known only by what someone
   * typed into a form, or by a name.
   */
  claimOnly: Set<number>;
  me: number;
}

export async function resolvePeople(
  store: Store,
  options: { all?: boolean } = {},
): Promise<ResolveSummary> {
  const loaded = await loadProfiles(store.conn);
  const through = options.all ? 0 : await resolvedThrough(store.conn);
  const everyone = [...loaded.profiles.values()];
  const fresh = everyone.filter((p) => p.id > through);
  const summary: ResolveSummary = {
    newPeople: fresh.length,
    pairs: 0,
    merged: 0,
    suggested: 0,
    model: "prior",
  };
  const maxId = everyone.reduce((m, p) => Math.max(m, p.id), through);
  if (fresh.length === 0) {
    await setResolvedThrough(store.conn, maxId);
    return summary;
  }
  const trained = trainProfileModel(everyone.map(prepareProfile));
  summary.model = trained.source;
  const index = buildBlockIndex(everyone.filter((p) => p.id <= through));
  const pairs = candidatesFor(index, fresh);
  summary.pairs = pairs.length;
  const matches = matchCandidates(trained.model, pairs, (id) => loaded.profiles.get(id), REVIEW);
  await store.conn.transaction(async (tx) => {
    const outcome = await apply(tx, matches, loaded);
    summary.merged = outcome.merged;
    summary.suggested = outcome.suggested;
    await setResolvedThrough(tx, maxId);
  });
  return summary;
}

async function apply(
  tx: SqlExecutor,
  matches: ProfileMatch[],
  loaded: Loaded,
): Promise<{ merged: number; suggested: number }> {
  const trail = new MergeTrail();
  let merged = 0;
  let suggested = 0;
  const corroborated: Profile[] = [];
  for (const m of matches) {
    const a = trail.current(m.a);
    const b = trail.current(m.b);
    if (a === b || (await declaredDifferent(tx, a, b))) continue;
    if (mayMerge(m, loaded, a, b)) {
      await trail.merge(tx, a, b, {
        method: "auto",
        probability: m.probability,
        reasons: m.reasons,
      });
      merged++;
      const claimant = loaded.claimOnly.has(m.a) ? m.a : loaded.claimOnly.has(m.b) ? m.b : null;
      const profile = claimant === null ? undefined : loaded.profiles.get(claimant);
      if (profile) corroborated.push(profile);
      continue;
    }
    const [x, y] = a < b ? [a, b] : [b, a];
    suggested += await tx.run(
      `INSERT INTO dupe_candidates (person_a, person_b, probability, reasons, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [x, y, m.probability, JSON.stringify(m.reasons), Date.now()],
    );
  }
  for (const claimant of corroborated) {
    merged += await joinVouchedClaims(tx, claimant, trail, loaded.me);
  }
  return { merged, suggested };
}

/**
 * The other addresses a corroborated comment gave: where one is someone's verified identity,
 * that someone is the same person.
 */
async function joinVouchedClaims(
  tx: SqlExecutor,
  claimant: Profile,
  trail: MergeTrail,
  me: number,
): Promise<number> {
  let merged = 0;
  const claims = [
    ...claimant.emails.map((i) => ["email", i] as const),
    ...claimant.urls.map((i) => ["url", i] as const),
  ];
  for (const [kind, identity] of claims) {
    if (identity.verified) continue;
    const key = anchorKey(kind, identity.value);
    if (!key) continue;
    const owners = await tx.all<{ person_id: number }>(
      "SELECT person_id FROM identities WHERE key = ?",
      [key],
    );
    const owner = owners[0] ? Number(owners[0].person_id) : undefined;
    const keep = trail.current(claimant.id);
    if (owner === undefined || owner === keep || owner === me) continue;
    if (await declaredDifferent(tx, keep, owner)) continue;
    await trail.merge(tx, keep, owner, {
      method: "auto",
      reasons: [
        `${identity.value} was given on the same comment form as two of their verified identities`,
      ],
    });
    merged++;
  }
  return merged;
}

function mayMerge(m: ProfileMatch, loaded: Loaded, a: number, b: number): boolean {
  if (m.probability < AUTO_MERGE) return false;
  if (a === loaded.me || b === loaded.me) return false;
  const pa = loaded.profiles.get(m.a);
  const pb = loaded.profiles.get(m.b);
  if (!pa || !pb) return false;
  const aClaims = loaded.claimOnly.has(m.a);
  const bClaims = loaded.claimOnly.has(m.b);
  if (!aClaims && !bClaims) return true;
  if (aClaims && bClaims) return false;
  const [claimant, other] = aClaims ? [pa, pb] : [pb, pa];
  return claimsBackedByVerified(claimant, other) >= 2;
}

/** How many of the claimant's identities equal a verified identity of the other profile. */
function claimsBackedByVerified(claimant: Profile, other: Profile): number {
  let n = 0;
  for (const kind of ["emails", "urls", "handles"] as const) {
    const verified = new Set(other[kind].filter((i) => i.verified).map((i) => i.value));
    for (const i of claimant[kind]) if (verified.has(i.value)) n++;
  }
  return n;
}

/** Everyone but the user as a profile; see `Loaded`. */
async function loadProfiles(tx: SqlExecutor): Promise<Loaded> {
  const meRow = await tx.all<{ id: number }>("SELECT id FROM people WHERE is_me = 1");
  const me = Number(meRow[0]?.id ?? -1);
  const profiles = new Map<number, Profile>();
  const profileOf = (id: number): Profile => {
    let p = profiles.get(id);
    if (!p) {
      p = {
        id,
        names: [],
        emails: [],
        urls: [],
        handles: [],
        organizations: [],
        locations: [],
      };
      profiles.set(id, p);
    }
    return p;
  };
  const people = await tx.all<{ id: number; display_name: string }>(
    "SELECT id, display_name FROM people WHERE is_me = 0",
  );
  for (const r of people) profileOf(Number(r.id)).names.push(r.display_name);
  const identities = await tx.all<{
    person_id: number;
    kind: string;
    value: string;
    display: string;
    verified: number;
  }>(
    `SELECT i.person_id, i.kind, i.value, i.display, i.verified FROM identities i
     JOIN people p ON p.id = i.person_id WHERE p.is_me = 0`,
  );
  const verifiedAnchor = new Set<number>();
  for (const r of identities) {
    const p = profileOf(Number(r.person_id));
    const verified = Number(r.verified) === 1;
    const identity = { value: r.value, verified };
    if (r.kind === "name") {
      if (!p.names.includes(r.display)) p.names.push(r.display);
      continue;
    }
    if (verified) verifiedAnchor.add(p.id);
    if (r.kind === "email") p.emails.push(identity);
    else if (r.kind === "url") p.urls.push(identity);
    else p.handles.push({ value: `${r.kind}:${r.value}`, verified });
  }
  const details = await tx.all<{ person_id: number; field: string; value: string }>(
    "SELECT person_id, field, value FROM details WHERE field IN ('organization', 'location')",
  );
  for (const r of details) {
    const p = profiles.get(Number(r.person_id));
    if (!p) continue;
    if (r.field === "organization") p.organizations.push(r.value);
    else p.locations.push(r.value);
  }
  const claimOnly = new Set<number>();
  for (const id of profiles.keys()) if (!verifiedAnchor.has(id)) claimOnly.add(id);
  return { profiles, claimOnly, me };
}

async function resolvedThrough(tx: SqlExecutor): Promise<number> {
  const rows = await tx.all<{ value: string }>(
    "SELECT value FROM meta WHERE key = 'resolved_through'",
  );
  return Number(rows[0]?.value ?? 0);
}

async function setResolvedThrough(tx: SqlExecutor, id: number): Promise<void> {
  await tx.run(
    `INSERT INTO meta (key, value) VALUES ('resolved_through', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [String(id)],
  );
}
