import { describe, expect, it } from "vitest";
import { candidatePairs, hashKey } from "./model/index.js";
import {
  buildBlockIndex,
  candidatesFor,
  compareProfilesInto,
  explainPair,
  MIN_EM_PAIRS,
  matchCandidates,
  matchProfiles,
  nameKeys,
  PROFILE_BLOCKING,
  PROFILE_COMPARISONS,
  PROFILE_MAX_BLOCK,
  PROFILE_NAME_BLOCK,
  PROFILE_PRIOR_MODEL,
  type Profile,
  prepareProfile,
  trainProfileModel,
} from "./profile-match.js";
import { syntheticProfiles } from "./synthetic-profiles.js";

const id = (value: string, verified = false) => ({ value, verified });

function profile(p: Partial<Profile> & { id: number }): Profile {
  return { names: [], emails: [], urls: [], handles: [], organizations: [], locations: [], ...p };
}

const ada = profile({
  id: 1,
  names: ["Ada Lovelace"],
  emails: [id("ada@acme.io", true)],
  urls: [id("acme.io", true)],
  organizations: ["Acme"],
  locations: ["London"],
});

describe("explainPair", () => {
  it("is not verified agreement when the shared e-mail is only claimed on one side", () => {
    const other = profile({ id: 2, names: ["Lovelace, Ada"], emails: [id("ada@acme.io", false)] });
    const m = explainPair(PROFILE_PRIOR_MODEL, prepareProfile(ada), prepareProfile(other));
    expect(m.verifiedAgreement).toBe(false);
    expect(m.probability).toBeGreaterThan(0.99);
    expect(m.reasons).toContain("same e-mail ada@acme.io");
    expect(m.reasons.some((r) => r.startsWith("same name"))).toBe(true);
  });

  it("is verified agreement when both sides verified the shared identity", () => {
    const other = profile({ id: 2, names: ["Ada L."], urls: [id("acme.io", true)] });
    expect(
      explainPair(PROFILE_PRIOR_MODEL, prepareProfile(ada), prepareProfile(other))
        .verifiedAgreement,
    ).toBe(true);
  });

  it("explains a work domain matching a site and a nickname in plain words", () => {
    const a = profile({ id: 3, names: ["Bob Stone"], emails: [id("bob@stone.dev")] });
    const b = profile({ id: 4, names: ["Robert Stone"], urls: [id("stone.dev/about")] });
    const m = explainPair(PROFILE_PRIOR_MODEL, prepareProfile(a), prepareProfile(b));
    expect(m.reasons).toContain("e-mail domain stone.dev matches their site stone.dev");
    expect(m.reasons.some((r) => r.includes("nickname"))).toBe(true);
  });
});

describe("training", () => {
  it("falls back to the documented priors when the graph is small", () => {
    const t = trainProfileModel([ada].map(prepareProfile));
    expect(t.source).toBe("prior");
    expect(t.candidatePairs).toBeLessThan(MIN_EM_PAIRS);
  });

  it("trains by EM on a larger graph and finds most planted duplicates", () => {
    const { profiles, truth } = syntheticProfiles(6000, 3);
    const t = trainProfileModel(profiles.map(prepareProfile));
    expect(t.source).toBe("em");
    const matches = matchProfiles(profiles, { model: t.model, minProbability: 0.99 });
    const correct = matches.filter((m) => truth[m.a] === truth[m.b]).length;
    expect(correct / matches.length).toBeGreaterThan(0.85);
  });
});

describe("incremental candidates", () => {
  it("pairs only new profiles, with existing ones and with each other", () => {
    const { profiles } = syntheticProfiles(3000, 8);
    const existing = profiles.slice(0, 2900);
    const fresh = profiles.slice(2900);
    const index = buildBlockIndex(existing);
    const pairs = candidatesFor(index, fresh);
    const freshIds = new Set(fresh.map((p) => p.id));
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) {
      expect(freshIds.has(a)).toBe(true);
      expect(a).not.toBe(b);
    }
    const keys = pairs.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`));
    expect(new Set(keys).size).toBe(keys.length);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const scored = matchCandidates(PROFILE_PRIOR_MODEL, pairs, (i) => byId.get(i), 0);
    expect(scored.length).toBe(pairs.length);
  });
});

describe("compareProfilesInto", () => {
  it("gives the same levels as each comparison on its own", () => {
    const { profiles } = syntheticProfiles(1500, 12);
    const prepared = profiles.map(prepareProfile);
    const out = new Uint8Array(PROFILE_COMPARISONS.length);
    for (let i = 0; i + 7 < prepared.length; i++) {
      for (const j of [i + 1, i + 7, (i * 31) % prepared.length]) {
        const a = prepared[i] as ReturnType<typeof prepareProfile>;
        const b = prepared[j] as ReturnType<typeof prepareProfile>;
        compareProfilesInto(a, b, out, 0);
        expect(Array.from(out)).toEqual(PROFILE_COMPARISONS.map((c) => c.compare(a, b)));
      }
    }
  });
});

describe("hashed block keys", () => {
  it("hash exactly the string keys of every rule and the refining keys", () => {
    const { profiles } = syntheticProfiles(2000, 5);
    const more = [
      profile({ id: 9001, names: ["Bob van der Berg"], handles: [id("github:b12x345")] }),
      profile({ id: 9002, names: ["Prince"], urls: [id("x.io/7/88")], locations: ["Paris, FR"] }),
    ];
    const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);
    for (const p of [...profiles, ...more].map(prepareProfile)) {
      for (const rule of PROFILE_BLOCKING) {
        const got: number[] = [];
        rule.hashKeys?.(p, { add: (h) => got.push(h) });
        expect(sorted(got)).toEqual(sorted(rule.keys(p).map(hashKey)));
        if (!rule.refine) continue;
        const refined: number[] = [];
        rule.hashRefine?.(p, { add: (h) => refined.push(h) });
        expect(sorted(refined)).toEqual(sorted(rule.refine(p).map(hashKey)));
      }
    }
  });
});

describe("incremental and batch blocking", () => {
  it("give the same pairs involving the new profiles, big name blocks split alike", () => {
    // Every third profile renamed to one of two common names, so that those name blocks
    // exceed their limit and are split on the refining keys.
    const { profiles: generated } = syntheticProfiles(4000, 21);
    const profiles = generated.map((p, i) =>
      i % 3 === 0 ? { ...p, names: [i % 2 === 0 ? "John Smith" : "Smith, Mary"] } : p,
    );
    const sizes = new Map<string, number>();
    for (const p of profiles)
      for (const k of nameKeys(prepareProfile(p))) sizes.set(k, (sizes.get(k) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeGreaterThan(PROFILE_NAME_BLOCK * 4);
    const split = 3600;
    const index = buildBlockIndex(profiles.slice(0, split));
    const incremental = candidatesFor(index, profiles.slice(split)).map(([a, b]) =>
      a < b ? `${a}|${b}` : `${b}|${a}`,
    );
    const batch = candidatePairs(profiles.map(prepareProfile), PROFILE_BLOCKING, {
      maxBlock: PROFILE_MAX_BLOCK,
    });
    const expected: string[] = [];
    for (let p = 0; p < batch.count; p++) {
      const a = batch.left[p] as number;
      const b = batch.right[p] as number;
      if (b >= split) expected.push(`${a}|${b}`);
    }
    expect(incremental.sort()).toEqual(expected.sort());
  });
});
