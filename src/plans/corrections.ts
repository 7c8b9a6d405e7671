/**
 * The user's corrections to identity resolution, each followed by a fresh computation of the
 * ties: merge two people, split identities off a person (or undo the last merge), and review
 * the pairs irl was not sure of (list, accept, dismiss). `irl merge`, `irl split`, `irl dupes`
 * and the web app all correct through here.
 *
 * @example
 * await mergeByUser(store, 12, 40);
 * await splitByUser(store, 12, ["ada@work.example"]);
 * const pairs = await listDupes(store, 20);
 * await dismissDupe(store, pairs[0].pair);
 */
import { IrlError } from "../errors.js";
import { normalizeIdentity } from "../identity/normalize.js";
import { computeTies } from "../signals/compute-ties.js";
import type { IdentityKind } from "../sources/records.js";
import { MergeTrail, markDifferent, mergePeople } from "../store/merge.js";
import { lastMerge, type SplitResult, splitPerson } from "../store/split.js";
import type { Store } from "../store/store.js";

export interface DupePair {
  pair: number;
  name: string;
  a: { id: number; name: string };
  b: { id: number; name: string };
  probability: number;
  reasons: string[];
}

/** The user says `gone` is `keep`: everything of `gone` moves to `keep`, logged as theirs. */
export async function mergeByUser(store: Store, keep: number, gone: number): Promise<void> {
  if (keep === gone) throw new IrlError("usage", `#${keep} and #${gone} are already one person`);
  const goneRow = await store.person(gone);
  await store.person(keep);
  if (goneRow.is_me === 1)
    throw new IrlError("usage", "merge others into yourself: irl merge <you> <them>");
  await store.conn.transaction((tx) =>
    mergePeople(tx, keep, gone, { method: "user", reasons: ["merged by you"] }, true),
  );
  await computeTies(store);
}

/**
 * Split identities off a person: `values` as shown by `irl person` (an e-mail, site, @handle or
 * profile); none undoes the last merge into the person. Every copy of a named value goes.
 */
export async function splitByUser(
  store: Store,
  person: number,
  values: readonly string[],
): Promise<SplitResult> {
  const identities = await store.identitiesOf(person);
  let ids: number[];
  if (values.length === 0) {
    const merge = await lastMerge(store.conn, person);
    if (!merge) {
      throw new IrlError(
        "usage",
        `nothing was merged into #${person}; name the identities to split off (see irl person #${person})`,
      );
    }
    ids = merge.identityIds;
  } else {
    ids = values.map((v) => {
      const match = identities.find(
        (i) =>
          i.kind !== "name" &&
          (i.display === v ||
            i.value === normalizeIdentity({ kind: i.kind as IdentityKind, value: v }) ||
            i.value.endsWith(`:${v.replace(/^@/, "").toLowerCase()}`)),
      );
      if (!match) throw new IrlError("not_found", `#${person} has no identity "${v}"`);
      return match.id;
    });
    // Every copy of a named address goes (claimed and verified alike).
    const chosen = identities.filter((i) => ids.includes(i.id));
    ids = identities
      .filter((i) => chosen.some((c) => c.kind === i.kind && c.value === i.value))
      .map((i) => i.id);
  }
  const result = await store.conn.transaction((tx) => splitPerson(tx, person, ids));
  await computeTies(store);
  return result;
}

/** Pairs waiting for review, most likely first. */
export async function listDupes(store: Store, limit: number): Promise<DupePair[]> {
  const rows = await store.db
    .selectFrom("dupe_candidates as d")
    .innerJoin("people as a", "a.id", "d.person_a")
    .innerJoin("people as b", "b.id", "d.person_b")
    .select([
      "d.id",
      "d.person_a",
      "d.person_b",
      "a.display_name as nameA",
      "b.display_name as nameB",
      "d.probability",
      "d.reasons",
    ])
    .orderBy("d.probability", "desc")
    .orderBy("d.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    pair: Number(r.id),
    name: `${r.nameA} / ${r.nameB}`,
    a: { id: Number(r.person_a), name: r.nameA },
    b: { id: Number(r.person_b), name: r.nameB },
    probability: Number(r.probability),
    reasons: JSON.parse(r.reasons) as string[],
  }));
}

async function numbered(store: Store, n: number) {
  const pair = await store.db
    .selectFrom("dupe_candidates")
    .selectAll()
    .where("id", "=", n)
    .executeTakeFirst();
  if (!pair) throw new IrlError("not_found", `no pair numbered ${n}`);
  return pair;
}

/** The pair numbered `n` are different people: irl keeps them apart for good. */
export async function dismissDupe(store: Store, n: number): Promise<{ a: number; b: number }> {
  const pair = await numbered(store, n);
  await store.conn.transaction((tx) => markDifferent(tx, pair.person_a, pair.person_b));
  await computeTies(store);
  return { a: Number(pair.person_a), b: Number(pair.person_b) };
}

/** Merge the pair numbered `n`, or every pair on the list (`"all"`). Returns pairs merged. */
export async function acceptDupes(store: Store, which: number | "all"): Promise<number> {
  const pairs =
    which !== "all"
      ? [await numbered(store, which)]
      : await store.db
          .selectFrom("dupe_candidates")
          .selectAll()
          .orderBy("probability", "desc")
          .execute();
  let merged = 0;
  await store.conn.transaction(async (tx) => {
    const trail = new MergeTrail();
    for (const pair of pairs) {
      if (trail.current(pair.person_a) === trail.current(pair.person_b)) continue;
      await trail.merge(
        tx,
        pair.person_a,
        pair.person_b,
        { method: "user", reasons: ["confirmed by you in irl dupes"] },
        true,
      );
      merged++;
    }
  });
  await computeTies(store);
  return merged;
}
