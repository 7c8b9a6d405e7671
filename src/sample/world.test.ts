import { afterEach, describe, expect, it, vi } from "vitest";
import { IrlError } from "../errors.js";
import { asciiFold, slugPart } from "./lexicon.js";
import { OPENING_INTERESTS, OWNER_INTERESTS } from "./vocabulary.js";
import {
  buildWorld,
  DAY,
  type Person,
  personId,
  personIndex,
  QUIRKS,
  type Role,
  sharesOwnerInterest,
  type World,
} from "./world.js";

const world = buildWorld({ seed: 1, people: 1000 });
const small = buildWorld({ seed: 1, people: 200 });
const byId = (w: World, id: string) => w.people[personIndex(id)] as Person;
const withRole = (w: World, role: Role) => w.people.filter((p) => p.role === role);
const emailsOf = (p: Person) => [p.emails.personal, p.emails.work].filter((e): e is string => !!e);

describe("buildWorld", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("builds the same world for the same seed, and another for another seed", () => {
    expect(JSON.stringify(buildWorld({ seed: 1, people: 200 }))).toBe(JSON.stringify(small));
    expect(JSON.stringify(buildWorld({ seed: 2, people: 200 }))).not.toBe(JSON.stringify(small));
  });

  it("never reads the clock", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2001-01-01T00:00:00Z"));
    const early = JSON.stringify(buildWorld({ seed: 3, people: 200 }));
    vi.setSystemTime(new Date("2049-06-01T12:00:00Z"));
    expect(JSON.stringify(buildWorld({ seed: 3, people: 200 }))).toBe(early);
  });

  it("moves every time with the reference date", () => {
    const later = buildWorld({ seed: 1, people: 200, referenceDate: "2027-11-01T00:00:00Z" });
    const shift = later.referenceDate - small.referenceDate;
    expect(shift).toBe(365 * DAY);
    expect(later.people[0]?.connectedAt).toBe((small.people[0]?.connectedAt ?? 0) + shift);
  });

  it("rejects sizes too small to plant the truths, and bad dates", () => {
    expect(() => buildWorld({ people: 10 })).toThrow(IrlError);
    expect(() => buildWorld({ referenceDate: "soon" })).toThrow(/not a date/);
  });

  it("gives stable, unique ids and unique addresses, sites and handles", () => {
    expect(world.people.map((p) => p.id)).toEqual(world.people.map((_, i) => personId(i)));
    const emails = world.people.flatMap(emailsOf);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).not.toContain(world.owner.emails.blog);
    const sites = world.people.flatMap((p) => (p.site ? [p.site] : []));
    expect(new Set(sites).size).toBe(sites.length);
    const handles = world.people.flatMap((p) => (p.twitter ? [p.twitter] : []));
    expect(new Set(handles).size).toBe(handles.length);
    expect(handles.every((h) => /^[a-z0-9_]{1,15}$/.test(h))).toBe(true);
  });

  it("keeps full names unique apart from the planted same-name pair", () => {
    const counts = new Map<string, number>();
    for (const p of world.people) counts.set(p.fullName, (counts.get(p.fullName) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([name]) => name);
    const planted = world.lookAlikes
      .filter((l) => l.kind === "sameFullName")
      .map((l) => byId(world, l.ids[0]).fullName);
    expect(twice.sort()).toEqual(planted.sort());
  });

  it("draws a small IRL circle (3–5%, at least 8) and a card-only majority", () => {
    expect(withRole(small, "irl")).toHaveLength(8);
    const irl = withRole(world, "irl").length / world.people.length;
    expect(irl).toBeGreaterThanOrEqual(0.03);
    expect(irl).toBeLessThanOrEqual(0.05);
    expect(withRole(small, "cardOnly").length / 200).toBeGreaterThan(0.5);
    expect(withRole(world, "cardOnly").length / 1000).toBeGreaterThan(0.7);
    for (const role of [
      "growing",
      "dormant",
      "owed",
      "likeOnly",
      "jobAsk",
      "unresponsive",
      "newcomer",
    ] as const) {
      expect(withRole(small, role).length, role).toBeGreaterThan(0);
    }
  });

  it("gives talking roles a contact span before the reference date, and dormant ones months of silence", () => {
    for (const p of world.people) {
      if (p.role === "cardOnly" || p.role === "newcomer") expect(p.contact).toBeUndefined();
      else {
        expect(p.contact?.from).toBeLessThanOrEqual(p.contact?.until ?? 0);
        expect(p.contact?.until).toBeLessThan(world.referenceDate);
      }
    }
    for (const p of withRole(world, "dormant")) {
      expect(p.contact?.pace).toBe("weekly");
      expect(world.referenceDate - (p.contact?.until ?? 0)).toBeGreaterThanOrEqual(120 * DAY);
      expect((p.contact?.until ?? 0) - (p.contact?.from ?? 0)).toBeGreaterThanOrEqual(26 * 7 * DAY);
    }
  });

  it("plants look-alikes: same first name at one company, same full name in two cities", () => {
    const kinds = world.lookAlikes.map((l) => l.kind).sort();
    expect(kinds).toEqual(["sameFirstName", "sameFullName"]);
    for (const { kind, ids } of world.lookAlikes) {
      const [a, b] = [byId(world, ids[0]), byId(world, ids[1])];
      expect(emailsOf(a).some((e) => emailsOf(b).includes(e))).toBe(false);
      if (kind === "sameFirstName") {
        expect(a.firstName).toBe(b.firstName);
        expect(a.lastName).not.toBe(b.lastName);
        expect(a.company).toBe(b.company);
        expect(a.emails.work?.split("@")[1]).toBe(b.emails.work?.split("@")[1]);
      } else {
        expect(a.fullName).toBe(b.fullName);
        expect(a.city).not.toBe(b.city);
        expect(a.company).not.toBe(b.company);
      }
    }
  });

  it("gives many-faces people every face, and each quirk at least once", () => {
    const many = world.people.filter((p) => p.marks.includes("manyFaces"));
    expect(new Set(many.map((p) => p.quirk))).toEqual(new Set(QUIRKS));
    for (const p of many) {
      expect(["irl", "growing"]).toContain(p.role);
      expect(p.nickname && p.site && p.twitter && p.emails.personal && p.emails.work).toBeTruthy();
      expect(p.quirkName).not.toBe(p.fullName);
      expect(p.faces?.names).toEqual(expect.arrayContaining([p.fullName, p.nickname, p.quirkName]));
      expect(p.faces?.urls).toHaveLength(2);
      if (p.quirk === "accents") {
        expect(asciiFold(p.fullName)).not.toBe(p.fullName);
        expect(p.quirkName).toBe(asciiFold(p.fullName));
      }
      if (p.quirk === "lastFirst") expect(p.quirkName).toBe(`${p.lastName}, ${p.firstName}`);
      if (p.quirk === "maiden") {
        expect(p.maidenName).not.toBe(p.lastName);
        expect(p.emails.personal).toContain(slugPart(p.maidenName ?? ""));
        expect(p.nameChangedAt).toBeGreaterThan(p.contact?.from ?? 0);
      }
    }
  });

  it("puts a handful of ties, strong ones first, in the destination city and nobody else", () => {
    const there = world.people.filter((p) => p.city === world.owner.destinationCity);
    expect(there.every((p) => p.marks.includes("destination"))).toBe(true);
    const ties = there.filter((p) => p.role !== "cardOnly");
    expect(ties.length).toBeGreaterThanOrEqual(5);
    expect(ties.filter((p) => p.role === "irl").length).toBeGreaterThanOrEqual(2);
    expect(there.length - ties.length).toBeGreaterThanOrEqual(2);
  });

  it("makes exactly two IRL people the best fit for the opening", () => {
    const fits = world.opening.bestFitIds.map((id) => byId(world, id));
    expect(fits).toHaveLength(2);
    for (const p of fits) {
      expect(p.role).toBe("irl");
      expect(p.interests).toEqual(expect.arrayContaining([...OPENING_INTERESTS]));
    }
    const others = world.people.filter(
      (p) => !fits.includes(p) && OPENING_INTERESTS.every((i) => p.interests.includes(i)),
    );
    expect(others).toEqual([]);
    expect(world.opening.text).toMatch(/analytics/i);
    expect(world.opening.text).toMatch(/volunteer/i);
  });

  it("plants an introduction: a newcomer at the next event who is close to an IRL friend", () => {
    const { targetId, viaId, eventId } = world.introduction;
    expect(byId(world, targetId).role).toBe("newcomer");
    expect(byId(world, viaId).role).toBe("irl");
    expect(sharesOwnerInterest(byId(world, targetId))).toBe(true);
    const event = world.events.find((e) => e.id === eventId);
    expect(event?.attendeeIds).toContain(targetId);
    expect(event?.start).toBeGreaterThan(world.referenceDate);
  });

  it("sends every newcomer to an upcoming event, some sharing the owner's interests", () => {
    const attending = new Set(world.events.flatMap((e) => e.attendeeIds));
    for (const p of withRole(world, "newcomer")) expect(attending.has(p.id)).toBe(true);
    const newcomers = withRole(world, "newcomer");
    const sharing = newcomers.filter(sharesOwnerInterest).length;
    expect(sharing).toBeGreaterThan(0);
    expect(sharing).toBeLessThan(newcomers.length);
    for (const e of world.events) expect(new Set(e.attendeeIds).size).toBe(e.attendeeIds.length);
  });

  it("puts all unresponsive people at one company", () => {
    const companies = new Set(withRole(world, "unresponsive").map((p) => p.company));
    expect([...companies]).toEqual([world.unresponsiveCompany.name]);
  });

  it("gives people who talk with the owner the owner's interests", () => {
    const talking = world.people.filter((p) => ["irl", "growing", "dormant"].includes(p.role));
    const share = talking.filter((p) => p.interests.some((i) => OWNER_INTERESTS.includes(i)));
    expect(share.length / talking.length).toBeGreaterThan(0.9);
  });

  it("builds 100,000 people in linear time", () => {
    const t0 = performance.now();
    buildWorld({ people: 20000 });
    const t1 = performance.now();
    const big = buildWorld({ people: 100000 });
    const t2 = performance.now();
    expect(big.people).toHaveLength(100000);
    expect(withRole(big, "irl")).toHaveLength(4000);
    expect(t2 - t1).toBeLessThan(20000);
    expect((t2 - t1) / (t1 - t0)).toBeLessThan(12);
  }, 60000);
});
