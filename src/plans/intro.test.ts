/**
 * Links, introductions and who-to-meet-next on the generated sample world, on both databases:
 * the planted introduction (a newcomer who is a strong tie of one of the user's strong ties) is
 * found through the planted introducer, with evidence in plain words; links between other
 * people carry evidence; suggestions never name someone the user already has a relationship
 * with. And on a small hand-made graph, where every path can be counted by hand.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../pipeline/run-import.js";
import { writeSample } from "../sample/index.js";
import { buildWorld, personIndex } from "../sample/world.js";
import { computeTies } from "../signals/compute-ties.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { introPaths, introPathsMany, YOU } from "./intro.js";
import { SUGGESTABLE_TIERS, suggest } from "./suggest.js";

const dir = tempDir("irl-intro-");
let manifest: Awaited<ReturnType<typeof writeSample>>;
const world = buildWorld({ seed: 1, people: 200 });

beforeAll(async () => {
  manifest = await writeSample(path.join(dir, "exports"), { seed: 1, people: 200 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function personOf(store: Store, sampleId: string): Promise<number> {
  const p = world.people[personIndex(sampleId)];
  const email = p?.emails.personal ?? p?.emails.work;
  if (!email) throw new Error(`${sampleId} has no e-mail in the sample world`);
  const [found] = await store.findPeople(email);
  if (!found) throw new Error(`${sampleId} (${email}) was not imported`);
  return found.id;
}

describe.each(storeTargets())("introductions in the sample world on $name", (target) => {
  let store: Store;
  let now: number;

  beforeAll(async () => {
    store = await target.open();
    now = Date.parse(manifest.truths.referenceDate);
    await runImport(
      store,
      manifest.files.map((f) => f.path),
      { now },
    );
    await computeTies(store, now);
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("finds the planted introduction through the planted introducer, with evidence", async () => {
    const { targetId, viaId } = manifest.truths.introduction;
    const targetPerson = await personOf(store, targetId);
    const via = await personOf(store, viaId);
    const paths = await introPaths(store, targetPerson);
    expect(paths.length).toBeGreaterThan(0);
    const best = paths[0];
    expect(best?.hops.map((h) => h.to.id)).toEqual([via, targetPerson]);
    expect(best?.hops[0]?.from.name).toBe(YOU);
    for (const hop of best?.hops ?? []) {
      expect(hop.strength).toBeGreaterThan(0);
      expect(hop.evidence.length).toBeGreaterThan(0);
    }
    // The link between the two others names them and what they did.
    const last = best?.hops[1];
    expect(last?.evidence[0]).toMatch(/replied to each other|replied to/);
    expect(last?.evidence.join(" ")).toContain(last?.from.name.split(" ")[0] ?? "?");
    expect(best?.score).toBeCloseTo((best?.hops[0]?.strength ?? 0) * (last?.strength ?? 0), 9);
  });

  it("answers many targets at once as it answers each", async () => {
    const ids = (
      await store.conn.all<{ id: number }>(
        "SELECT id FROM people WHERE is_me = 0 ORDER BY id LIMIT 40",
      )
    ).map((r) => Number(r.id));
    const many = await introPathsMany(store, ids);
    for (const id of ids.slice(0, 10)) {
      expect(many.get(id)).toEqual(await introPaths(store, id));
    }
  });

  it("keeps links between other people with evidence in plain words", async () => {
    const me = Number((await store.me())?.id);
    const rows = await store.conn.all<{ evidence: string; strength: number }>(
      "SELECT evidence, strength FROM links WHERE person_a <> ? AND person_b <> ?",
      [me, me],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const evidence = JSON.parse(r.evidence) as string[];
      expect(evidence.length).toBeGreaterThan(0);
      expect(evidence[0]).toMatch(/\{a\}|\{b\}/);
      expect(Number(r.strength)).toBeGreaterThan(0);
      expect(Number(r.strength)).toBeLessThanOrEqual(1);
    }
  });

  it("suggests nobody the user already has a relationship with, each with reasons", async () => {
    const list = await suggest(store, { limit: 20, now });
    expect(list.length).toBeGreaterThan(0);
    const me = Number((await store.me())?.id);
    for (const s of list) {
      expect(s.id).not.toBe(me);
      expect(s.reasons.length).toBeGreaterThan(0);
      const tie = await store.db
        .selectFrom("ties")
        .select("tier")
        .where("person_id", "=", s.id)
        .executeTakeFirst();
      if (tie) expect(SUGGESTABLE_TIERS.has(tie.tier)).toBe(true);
    }
    const circle = await Promise.all(
      manifest.truths.irlCircle.map((p) => store.findPeople(p.emails[0] as string)),
    );
    // The planted circle, where irl sees it as a real relationship, is never suggested.
    const real = await store.db
      .selectFrom("ties")
      .select("person_id")
      .where(
        "person_id",
        "in",
        circle.flat().map((p) => p.id),
      )
      .where("tier", "in", ["irl", "strong", "dormant", "growing"])
      .execute();
    expect(real.length).toBeGreaterThan(0);
    const suggested = new Set(list.map((s) => s.id));
    for (const r of real) expect(suggested.has(Number(r.person_id))).toBe(false);
  });
});
