/**
 * Match, trip and the favour check on the generated sample world, through the real import
 * pipeline and on both databases: the planted best fits for the opening, the ties living in the
 * destination city, and the people who wrote only to ask for a job. The user first accepts the
 * pairs `irl dupes` offers (as the README's tour does), so each planted person is one person.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../pipeline/run-import.js";
import { writeSample } from "../sample/index.js";
import { buildWorld } from "../sample/world.js";
import { computeTies } from "../signals/compute-ties.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { openingKey, recordAsk } from "./asks.js";
import { acceptDupes } from "./corrections.js";
import { favourHistory } from "./favours.js";
import { matchOpening } from "./match.js";
import { planTrip } from "./trip.js";

const DAY = 86_400_000;
const dir = tempDir("irl-plans-world-");
let manifest: Awaited<ReturnType<typeof writeSample>>;
let world: ReturnType<typeof buildWorld>;

beforeAll(async () => {
  manifest = await writeSample(path.join(dir, "exports"), { seed: 1, people: 200 });
  world = buildWorld({ seed: 1, people: 200, referenceDate: manifest.truths.referenceDate });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Store person id → the planted person's id, through their e-mail addresses. */
async function truthIds(store: Store): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const p of world.people) {
    for (const email of [p.emails.personal, p.emails.work]) {
      if (!email) continue;
      for (const found of await store.findPeople(email)) out.set(found.id, p.id);
    }
  }
  return out;
}

/** The planted ids of a ranked list, each once, in order. */
function distinct(ids: number[], map: Map<number, string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const t = map.get(id) ?? `#${id}`;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

describe.each(storeTargets())("plans on the sample world on $name", (target) => {
  let store: Store;
  let now: number;
  let map: Map<number, string>;

  beforeAll(async () => {
    store = await target.open();
    now = Date.parse(manifest.truths.referenceDate);
    await store.conn.run("INSERT INTO meta (key, value) VALUES ('fixed_now', ?)", [String(now)]);
    const summary = await runImport(
      store,
      manifest.files.map((f) => f.path),
      { now },
    );
    expect(summary.errors).toEqual([]);
    await acceptDupes(store, "all");
    await computeTies(store, now);
    map = await truthIds(store);
  }, 180_000);
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("matches the planted opening to its best fits, with reasons", async () => {
    const text = fs.readFileSync(path.join(dir, "exports", "opening.txt"), "utf8");
    expect(text).toBe(`${manifest.truths.opening.text}\n`);
    const found = await matchOpening(store, text, { now });
    const ranked = distinct(
      found.people.map((p) => p.person),
      map,
    );
    const best = manifest.truths.opening.bestFitIds;
    // The first planted best fit leads; both are in the top three.
    expect(ranked[0]).toBe(best.find((id) => id === ranked[0]));
    for (const id of best) expect(ranked.slice(0, 3)).toContain(id);
    const top = found.people[0];
    expect(top?.reasons.some((r) => r.startsWith("writes about"))).toBe(true);
    expect(top?.reasons.some((r) => / tie \(/.test(r))).toBe(true);
    for (const p of found.people) expect(["irl", "strong", "growing", "dormant"]).toContain(p.tier);
  });

  it("gives someone asked recently a rest, and says so", async () => {
    const text = manifest.truths.opening.text;
    const before = await matchOpening(store, text, { now });
    const top = before.people[0];
    if (!top) throw new Error("no match");
    await recordAsk(store, top.person, openingKey(text), now - 3 * DAY);
    const after = await matchOpening(store, text, { now });
    const again = after.people.find((p) => p.person === top.person);
    expect(again?.score ?? 1).toBeLessThan(top.score * 0.5);
    expect(after.people[0]?.person).not.toBe(top.person);
    expect(again?.reasons.join(" ")).toContain("already asked them about this opening");
    // After the rest period, they are back on top.
    const later = await matchOpening(store, text, { now: now + 40 * DAY, restDays: 30 });
    expect(later.people.find((p) => p.person === top.person)?.asked).toBeNull();
  });

  it("lists the ties living in the destination city first", async () => {
    const { city, ties } = manifest.truths.destination;
    const trip = await planTrip(store, city, { now });
    const ranked = distinct(
      trip.people.map((p) => p.person),
      map,
    );
    expect(new Set(ranked.slice(0, ties.length))).toEqual(new Set(ties.map((t) => t.id)));
    expect(trip.people[0]?.where).toBe("in");
    expect(trip.people[0]?.reasons[0]).toContain(city);
    // Spelled differently, the same people.
    const again = await planTrip(store, `${city.toUpperCase()}, Portugal`, { now });
    expect(again.people.slice(0, 3).map((p) => p.person)).toEqual(
      trip.people.slice(0, 3).map((p) => p.person),
    );
  });

  it("finds the job asks of people who wrote only to ask", async () => {
    let checked = 0;
    for (const ask of manifest.truths.oneWay.jobAsk) {
      const person = world.people.find((p) => p.id === ask.id);
      const email = person?.emails.personal ?? person?.emails.work;
      const [found] = email ? await store.findPeople(email) : [];
      if (!found) continue;
      const f = await favourHistory(store, found.id);
      expect(f.theyAsked.length).toBeGreaterThanOrEqual(1);
      expect(f.engagedBeforeAsking).toBe(0);
      expect(f.balance).toMatch(/they asked/);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
