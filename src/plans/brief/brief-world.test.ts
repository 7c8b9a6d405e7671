/**
 * The brief on the generated sample world, whose planted truths say who should be met at each
 * upcoming event (newcomers sharing the owner's interests, and the one to be introduced to
 * through a strong tie), who the owner's circle is, and who wrote only to ask for a job.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../pipeline/run-import.js";
import { buildWorld, writeSample } from "../../sample/index.js";
import { personIndex } from "../../sample/world.js";
import type { Store } from "../../store/store.js";
import { storeTargets, tempDir } from "../../testing/stores.js";
import { type Brief, buildBrief, rankEvents, readAttendeeList } from "./index.js";

const dir = tempDir("irl-brief-world-");
let manifest: Awaited<ReturnType<typeof writeSample>>;
const SEED = 1;
const PEOPLE = 200;

beforeAll(async () => {
  manifest = await writeSample(path.join(dir, "exports"), { seed: SEED, people: PEOPLE });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The event's attendee list file and its rows' names, in the generator's attendee order. */
function eventList(eventId: string): { file: string; names: Map<string, string> } {
  const entry = manifest.truths.eventLists?.find((e) => e.eventId === eventId);
  const event = manifest.truths.events.find((e) => e.id === eventId);
  if (!entry || !event) throw new Error(`no list for ${eventId}`);
  const file = path.isAbsolute(entry.file) ? entry.file : path.join(dir, "exports", entry.file);
  const rows = parse(fs.readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
  const names = new Map<string, string>();
  event.attendeeIds.forEach((id, i) => {
    const row = rows[i] as Record<string, string>;
    names.set(id, `${row["First Name"]} ${row["Last Name"]}`);
  });
  return { file, names };
}

describe.each(storeTargets())("the brief on the sample world ($name)", (target) => {
  let store: Store;
  const today = () => Date.parse(manifest.truths.referenceDate);

  beforeAll(async () => {
    store = await target.open();
    await store.conn.run("INSERT INTO meta (key, value) VALUES ('fixed_now', ?)", [
      String(today()),
    ]);
    await runImport(
      store,
      manifest.files.map((f) => f.path),
      { now: today() },
    );
  }, 300_000);
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  const briefs = new Map<string, Brief>();
  async function briefFor(eventId: string): Promise<Brief> {
    const known = briefs.get(eventId);
    if (known) return known;
    const { file } = eventList(eventId);
    const brief = await buildBrief(store, await readAttendeeList(file));
    briefs.set(eventId, brief);
    return brief;
  }

  it("ranks the planted people worth meeting at the top of the new people", async () => {
    for (const event of manifest.truths.events) {
      const { names } = eventList(event.id);
      const brief = await briefFor(event.id);
      const planted = new Set(event.newcomersSharingInterests.map((id) => names.get(id)));
      if (event.id === manifest.truths.introduction.eventId) {
        planted.add(names.get(manifest.truths.introduction.targetId));
      }
      const top = brief.newPeople.slice(0, 5).map((n) => n.name);
      const want = Math.min(5, planted.size);
      // Every planted person is in the top 5 when they fit; otherwise the top 5 are all planted.
      const hits = top.filter((n) => planted.has(n)).length;
      expect(hits, `${event.name}: top 5 ${top.join(", ")}`).toBe(want);
      for (const n of brief.newPeople) expect(n.reasons.length).toBeGreaterThan(0);
    }
  });

  it("finds the planted introduction path through the owner's strong tie", async () => {
    const intro = manifest.truths.introduction;
    const { names } = eventList(intro.eventId);
    const world = buildWorld({ seed: SEED, people: PEOPLE });
    const via = world.people[personIndex(intro.viaId)];
    const brief = await briefFor(intro.eventId);
    const path = brief.introductions.find((i) => i.name === names.get(intro.targetId));
    expect(path, JSON.stringify(brief.introductions.map((i) => [i.via, i.name]))).toBeDefined();
    expect(path?.via).toContain(via?.fullName);
    expect(path?.reasons.join(" ")).toMatch(/wrote to each other|replied|link|together/i);
    const target = brief.newPeople.find((n) => n.name === names.get(intro.targetId));
    expect(target?.introducedBy.join(" ")).toContain(via?.fullName);
  });

  it("lists the owner's circle on the list as people they know, with what they last talked about", async () => {
    const event = manifest.truths.events[0];
    if (!event) throw new Error("no events");
    const { names } = eventList(event.id);
    const brief = await briefFor(event.id);
    const circle = manifest.truths.irlCircle.map((p) => p.id).filter((id) => names.has(id));
    expect(circle.length).toBeGreaterThan(0);
    const knownNames = brief.known.map((k) => k.listedAs);
    for (const id of circle) expect(knownNames).toContain(names.get(id));
    const strongest = brief.known[0];
    expect(strongest?.strength).toBeGreaterThan(0.5);
    expect(strongest?.lastTalked?.title ?? strongest?.lastTalked?.excerpt).toBeTruthy();
    // Nobody the owner knows is offered as new.
    const fresh = new Set(brief.newPeople.map((n) => n.name));
    for (const id of circle) expect(fresh.has(names.get(id) ?? "")).toBe(false);
  });

  it("warns about one-way job askers on a list", async () => {
    const world = buildWorld({ seed: SEED, people: PEOPLE });
    const lines = manifest.truths.oneWay.jobAsk.map((a) => {
      const p = world.people[personIndex(a.id)];
      const emails = [p?.emails.personal, p?.emails.work].filter(Boolean).join(" ");
      return `${p?.fullName} ${emails}`;
    });
    const file = path.join(dir, `askers-${target.name}.txt`);
    fs.writeFileSync(file, `${lines.join("\n")}\nnot-an-email@\n`);
    const brief = await buildBrief(store, await readAttendeeList(file));
    expect(brief.skipped).toHaveLength(1);
    expect(brief.skipped[0]?.place).toBe(`line ${lines.length + 1}`);
    expect(brief.careful.length).toBeGreaterThan(0);
    for (const c of brief.careful) {
      expect(c.reasons.some((r) => /asked:/.test(r))).toBe(true);
    }
  });

  it("ranks the events with reasons", async () => {
    const all = [];
    for (const event of manifest.truths.events) all.push(await briefFor(event.id));
    const ranked = rankEvents(all);
    expect(ranked).toHaveLength(manifest.truths.events.length);
    for (const r of ranked) expect(r.reasons.length).toBeGreaterThan(1);
    for (let i = 1; i < ranked.length; i++) {
      expect((ranked[i - 1] as { value: number }).value).toBeGreaterThanOrEqual(
        (ranked[i] as { value: number }).value,
      );
    }
  });
});
