/**
 * Identity resolution across sources on the generated world, where the generator knows the
 * truth: each many-faces person (blog comments under a nickname and a site, a work address
 * in mail, a card, LinkedIn under the full name, a Twitter handle) ends up as one person with
 * reasons; the planted look-alikes stay apart.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSample } from "../sample/index.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { runImport } from "./run-import.js";

const dir = tempDir("irl-resolution-world-");
let manifest: Awaited<ReturnType<typeof writeSample>>;

beforeAll(async () => {
  manifest = await writeSample(path.join(dir, "exports"), { seed: 3, people: 300 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function peopleOf(store: Store, queries: string[]): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const q of queries) for (const p of await store.findPeople(q)) ids.add(p.id);
  return ids;
}

describe.each(storeTargets())("identity resolution on the sample world, on $name", (target) => {
  let store: Store;

  beforeAll(async () => {
    store = await target.open();
    await runImport(
      store,
      manifest.files.map((f) => f.path),
      { now: Date.parse(manifest.truths.referenceDate) },
    );
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("makes each many-faces person one person, and says why", async () => {
    expect(manifest.truths.manyFaces.length).toBeGreaterThanOrEqual(3);
    for (const m of manifest.truths.manyFaces) {
      const faces = [...m.faces.emails, ...m.faces.urls, ...m.faces.handles.map((h) => `@${h}`)];
      const ids = await peopleOf(store, faces);
      // Faces known only from a comment form with a single typed-in address (a guest comment
      // on the old Disqus blog) are offered for review instead: one claim proves nothing.
      const verified: number[] = [];
      const claimOnly: number[] = [];
      for (const id of ids) {
        const mine = await store.identitiesOf(id);
        const proven = mine.some((i) => i.kind !== "name" && i.verified === 1);
        (proven ? verified : claimOnly).push(id);
      }
      expect({ who: m.fullName, people: verified.length }).toEqual({ who: m.fullName, people: 1 });
      const [id] = verified;
      for (const other of claimOnly) {
        const [a, b] = [Math.min(other, id as number), Math.max(other, id as number)];
        const offered = await store.db
          .selectFrom("dupe_candidates")
          .selectAll()
          .where("person_a", "=", a)
          .where("person_b", "=", b)
          .execute();
        expect(offered).toHaveLength(1);
      }
      const person = await store.person(id as number);
      expect(person.display_name.split(/\s+/).length).toBeGreaterThanOrEqual(2);
      const merges = await store.db
        .selectFrom("merges")
        .selectAll()
        .where("into_person_id", "=", id as number)
        .execute();
      expect(merges.length).toBeGreaterThan(0);
      for (const row of merges) expect(JSON.parse(row.reasons).length).toBeGreaterThan(0);
    }
  });

  it("keeps the look-alikes apart", async () => {
    expect(manifest.truths.lookAlikes.length).toBe(2);
    for (const pair of manifest.truths.lookAlikes) {
      const left = await peopleOf(store, pair.emails[0]);
      const right = await peopleOf(store, pair.emails[1]);
      expect(left.size).toBeGreaterThan(0);
      expect(right.size).toBeGreaterThan(0);
      for (const id of left) expect(right.has(id)).toBe(false);
    }
  });

  it("offers what it was not sure of for review, never merging on a typed-in address alone", async () => {
    const candidates = await store.db.selectFrom("dupe_candidates").selectAll().execute();
    expect(candidates.length).toBeGreaterThan(0);
    const autos = await store.db
      .selectFrom("merges")
      .selectAll()
      .where("method", "=", "auto")
      .execute();
    for (const m of autos) {
      // Scored merges clear the threshold; the rest were vouched for by a corroborated form.
      if (m.probability === null) expect(m.reasons).toMatch(/same comment form/);
      else expect(m.probability).toBeGreaterThanOrEqual(0.99);
    }
  });
});
