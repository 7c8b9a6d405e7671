import { describe, expect, it } from "vitest";
import { candidatePairs } from "./model/index.js";
import {
  compareProfilesInto,
  PROFILE_BLOCKING,
  PROFILE_COMPARISONS,
  PROFILE_MAX_BLOCK,
  type Profile,
  prepareProfile,
} from "./profile-match.js";
import { ProfileTable } from "./profile-table.js";
import { syntheticProfiles } from "./synthetic-profiles.js";

const id = (value: string, verified = false) => ({ value, verified });

function profile(p: Partial<Profile> & { id: number }): Profile {
  return { names: [], emails: [], urls: [], handles: [], organizations: [], locations: [], ...p };
}

/** Hand-made profiles that reach the rarer branches: parts, swaps, sites vs domains, places. */
const SPECIAL: Profile[] = [
  profile({ id: 90001, names: ["Mary Smith-Jones"], organizations: ["Acme Ltd"] }),
  profile({ id: 90002, names: ["Mary Jones"], emails: [id("mary@acme.io")], locations: ["Paris"] }),
  profile({
    id: 90003,
    names: ["Jones Mary"],
    urls: [id("blog.acme.io/x")],
    locations: ["Paris, FR"],
  }),
  profile({ id: 90004, names: ["Bob van der Berg", "Robert Berg"], emails: [id("bobberg@x.de")] }),
  profile({ id: 90005, names: ["R. Berg"], emails: [id("rberg@gmail.com")], organizations: ["X"] }),
  profile({ id: 90006, names: ["Prince"], handles: [id("github:prince77")], urls: [id("x.de")] }),
  profile({ id: 90007, names: ["Ada Lovelace"], emails: [id("ada@acme.io"), id("a@b.co")] }),
  profile({ id: 90008, names: ["Lovelace, Ada"], emails: [id("adalovelace@gmail.com")] }),
  profile({ id: 90009, names: ["Adah Lovelaec"], organizations: ["Acme Labs", "Acme"] }),
  profile({ id: 90010, names: [], emails: [id("info@acme.io")], organizations: ["acme"] }),
];

describe("ProfileTable", () => {
  const { profiles } = syntheticProfiles(4000, 17);
  const all = [...profiles, ...SPECIAL];
  const prepared = all.map(prepareProfile);
  const table = new ProfileTable();
  for (const p of prepared) table.add(p);
  const direct = new ProfileTable({ rows: 100 }); // grows past its room
  for (const p of all) direct.addProfile(p);
  const both = [
    ["add(prepareProfile(p))", table],
    ["addProfile(p)", direct],
  ] as const;

  it.each(both)("keeps every profile's id by row (%s)", (_, table) => {
    expect(table.size).toBe(all.length);
    for (let r = 0; r < all.length; r++) expect(table.ids[r]).toBe(all[r]?.id);
  });

  it.each(both)("gives the levels of compareProfilesInto for every pair (%s)", (_, table) => {
    const c = PROFILE_COMPARISONS.length;
    const expected = new Uint8Array(c);
    const got = new Uint8Array(c);
    const n = prepared.length;
    const check = (i: number, j: number) => {
      compareProfilesInto(prepared[i] as never, prepared[j] as never, expected, 0);
      table.compareInto(i, j, got, 0);
      expect([i, j, ...got]).toEqual([i, j, ...expected]);
    };
    const pairs = candidatePairs(prepared, PROFILE_BLOCKING, { maxBlock: PROFILE_MAX_BLOCK });
    expect(pairs.count).toBeGreaterThan(1000);
    for (let p = 0; p < pairs.count; p++) {
      check(pairs.left[p] as number, pairs.right[p] as number);
      check(pairs.right[p] as number, pairs.left[p] as number);
    }
    for (let i = 0; i < n; i++) check(i, (i * 7919 + 13) % n);
    for (let i = n - SPECIAL.length; i < n; i++)
      for (let j = n - SPECIAL.length; j < n; j++) check(i, j);
  });

  it.each(both)("blocks into the same candidate pairs as the string keys (%s)", (_, table) => {
    const byObjects = candidatePairs(prepared, PROFILE_BLOCKING, { maxBlock: PROFILE_MAX_BLOCK });
    const byTable = candidatePairs(table.rows(), table.blockingRules(PROFILE_BLOCKING), {
      maxBlock: PROFILE_MAX_BLOCK,
    });
    const list = (x: typeof byTable) =>
      Array.from({ length: x.count }, (_, p) => `${x.left[p]}|${x.right[p]}|${x.rules[p]}`);
    expect(list(byTable)).toEqual(list(byObjects));
    expect(byTable.perRule).toEqual(byObjects.perRule);
  });

  it("splits oversized name blocks on the same refining keys", () => {
    const common = profiles.map((p, i) =>
      i % 3 === 0 ? { ...p, names: [i % 2 === 0 ? "John Smith" : "Smith, Mary"] } : p,
    );
    const prep = common.map(prepareProfile);
    const t = new ProfileTable();
    for (const p of prep) t.add(p);
    const byObjects = candidatePairs(prep, PROFILE_BLOCKING, { maxBlock: PROFILE_MAX_BLOCK });
    const byTable = candidatePairs(t.rows(), t.blockingRules(PROFILE_BLOCKING), {
      maxBlock: PROFILE_MAX_BLOCK,
    });
    expect(byTable.count).toBe(byObjects.count);
    expect(Array.from(byTable.right)).toEqual(Array.from(byObjects.right));
    expect(Array.from(byTable.left)).toEqual(Array.from(byObjects.left));
  });

  it("refuses blocking rules it has no keys for", () => {
    expect(() =>
      table.blockingRules([{ name: "dob", keys: () => [] }] as typeof PROFILE_BLOCKING),
    ).toThrow(/dob/);
  });
});
