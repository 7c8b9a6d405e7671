/**
 * Interests stored and read back, on SQLite and PostgreSQL: a small graph whose people write
 * about known topics.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import {
  computeInterests,
  cosine,
  ensureInterests,
  groupInterests,
  interestsOf,
  sharedTerms,
  textVector,
  vectorsOf,
} from "./index.js";

const TOPICS: Record<string, string[]> = {
  bread: ["sourdough starter", "rye flour", "fermentation", "bread oven", "kimchi jars"],
  bikes: ["gravel rides", "bikepacking routes", "cargo bikes", "saddle sores", "cycle lanes"],
  content: ["content marketing", "editorial calendar", "brand voice", "newsletter", "case study"],
  data: ["cohort analysis", "attribution model", "dashboards", "conversion rate", "churn"],
  garden: ["tomato seedlings", "compost heap", "raised beds", "greenhouse", "seed swaps"],
};

/** A sentence about a topic, varied by `i`. */
function about(topic: string, i: number): string {
  const words = TOPICS[topic] as string[];
  const a = words[i % words.length] as string;
  const b = words[(i + 2) % words.length] as string;
  return `Some notes on ${a} this month, and why ${b} keeps coming up when we talk.`;
}

describe.each(storeTargets())("interests on $name", (target) => {
  let store: Store;
  const ids: Record<string, number> = {};
  let keys = 0;

  const person = async (name: string, me = 0) => {
    const rows = await store.conn.all<{ id: number }>(
      "INSERT INTO people (display_name, is_me, created_at) VALUES (?, ?, 0) RETURNING id",
      [name, me],
    );
    ids[name] = Number(rows[0]?.id);
    return ids[name] as number;
  };
  const post = (who: number, text: string) =>
    store.conn.run(
      "INSERT INTO content (source_key, person_id, kind, title, body, published_at) VALUES (?, ?, 'post', NULL, ?, ?)",
      [`t:${keys++}`, who, text, keys],
    );
  const message = (from: number, to: number, text: string, kind = "message") =>
    store.conn.run(
      `INSERT INTO interactions (source_key, channel, kind, direction, occurred_at, from_person_id,
         to_person_id, body, size, status) VALUES (?, 'email', ?, 'inbound', ?, ?, ?, ?, 10, 'approved')`,
      [`t:${keys++}`, kind, keys, from, to, text],
    );

  beforeAll(async () => {
    store = await target.open();
    const me = await person("Robin Hale", 1);
    const ada = await person("Ada Byrne");
    const bob = await person("Bob Quill");
    const cleo = await person("Cleo Marsh");
    await person("Dan Silent");
    for (let i = 0; i < 6; i++) {
      await post(me, about(i % 2 === 0 ? "bread" : "content", i));
      await message(ada, me, about("bread", i + 1));
      await message(bob, me, about("bikes", i));
      await post(cleo, about(i < 4 ? "content" : "data", i));
    }
    // Filler writers, so that document frequencies mean something.
    for (let k = 0; k < 8; k++) {
      const f = await person(`Filler ${k}`);
      for (let i = 0; i < 3; i++) await post(f, about(k % 2 === 0 ? "garden" : "data", k + i));
    }
    // Bob liked a post about bread: those are someone else's words.
    for (let i = 0; i < 5; i++) await message(bob, me, about("bread", i), "like");
    // Ada sent one message to three people: one text, three rows.
    for (const to of [me, bob, cleo]) await message(ada, to, "Kimchi jars and rye flour again!");
    // Titles are read (a term in one text only is not: a second baker); organisations are not.
    await store.conn.run(
      `INSERT INTO details (person_id, field, value, source, created_at) VALUES
         (?, 'title', 'Head Baker', 'vcard', 0), (?, 'organization', 'Thistle & Thyme', 'vcard', 0),
         (?, 'organization', 'Thistle & Thyme', 'vcard', 0), (?, 'title', 'Baker', 'vcard', 0)`,
      [ada, ada, ids["Filler 0"], ids["Filler 0"]],
    );
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("finds what each person writes about, with how many of their texts say so", async () => {
    const result = await computeInterests(store);
    expect(result.texts).toBeGreaterThan(40);
    const ada = await interestsOf(store, ids["Ada Byrne"] as number, 10);
    const adaTerms = ada.map((i) => i.term);
    expect(adaTerms.some((t) => /sourdough|rye flour|fermentation|kimchi|bread oven/.test(t))).toBe(
      true,
    );
    // The one message to three people is one text.
    const adaTexts = [1, 2, 3, 4, 5, 6].map((i) => about("bread", i));
    adaTexts.push("Kimchi jars and rye flour again!");
    expect(ada.find((i) => i.term === "kimchi jar")?.texts).toBe(
      adaTexts.filter((t) => /kimchi jars/i.test(t)).length,
    );
    expect(adaTerms).toContain("baker");
    expect(adaTerms.some((t) => /thistle|thyme/.test(t))).toBe(false);
    // Likes are someone else's words.
    const bob = (await interestsOf(store, ids["Bob Quill"] as number, 24)).map((i) => i.term);
    expect(bob.some((t) => /gravel|bikepacking|cargo bike|cycle lane/.test(t))).toBe(true);
    expect(bob.some((t) => /sourdough|rye|bread|kimchi/.test(t))).toBe(false);
    for (const i of ada) {
      expect(i.weight).toBeGreaterThan(0);
      expect(i.weight).toBeLessThanOrEqual(1);
      expect(i.texts).toBeGreaterThanOrEqual(1);
    }
  });

  it("includes the user, and leaves people who wrote nothing empty", async () => {
    const mine = (await interestsOf(store, ids["Robin Hale"] as number, 24)).map((i) => i.term);
    expect(mine.some((t) => /sourdough|fermentation|rye/.test(t))).toBe(true);
    expect(mine.some((t) => /content marketing|editorial calendar|brand voice/.test(t))).toBe(true);
    expect(await interestsOf(store, ids["Dan Silent"] as number)).toEqual([]);
    const v = await vectorsOf(store, [ids["Dan Silent"] as number]);
    expect(v.get(ids["Dan Silent"] as number)?.size).toBe(0);
  });

  it("people who write about the same things are more alike, and the shared terms say why", async () => {
    const [me, ada, bob, cleo] = ["Robin Hale", "Ada Byrne", "Bob Quill", "Cleo Marsh"].map(
      (n) => ids[n] as number,
    ) as [number, number, number, number];
    const v = await vectorsOf(store, [me, ada, bob, cleo]);
    const get = (id: number) => v.get(id) ?? new Map();
    const norm = Math.sqrt([...get(ada).values()].reduce((s, w) => s + w * w, 0));
    expect(norm).toBeCloseTo(1, 3);
    expect(cosine(get(me), get(ada))).toBeGreaterThan(cosine(get(me), get(bob)));
    expect(cosine(get(me), get(cleo))).toBeGreaterThan(cosine(get(me), get(bob)));
    const why = sharedTerms(get(me), get(ada), 3);
    expect(why.length).toBeGreaterThan(0);
    expect(why.every((t) => (get(me).get(t) ?? 0) > 0 && (get(ada).get(t) ?? 0) > 0)).toBe(true);
  });

  it("weights a free text like the graph's texts, so it finds the people who fit it", async () => {
    const opening = await textVector(
      store,
      "<h1>We are hiring</h1><p>A bakery looks for someone who loves sourdough starter, rye flour and fermentation.</p>",
    );
    expect(opening.size).toBeGreaterThan(2);
    const people = ["Ada Byrne", "Bob Quill", "Cleo Marsh"].map((n) => ids[n] as number);
    const v = await vectorsOf(store, people);
    const ranked = people
      .map((id) => ({ id, score: cosine(opening, v.get(id) ?? new Map()) }))
      .sort((a, b) => b.score - a.score);
    expect(ranked[0]?.id).toBe(ids["Ada Byrne"]);
    expect(await textVector(store, "   ")).toEqual(new Map());
  });

  it("says what a group cares about: terms several of them write about", async () => {
    const fillers = Object.entries(ids)
      .filter(([n]) => n.startsWith("Filler"))
      .map(([, id]) => id);
    const group = await groupInterests(store, fillers, 5);
    expect(group.length).toBeGreaterThan(0);
    expect(group.every((g) => g.people >= 2)).toBe(true);
    expect(
      group.some((g) =>
        /tomato|compost|raised bed|greenhouse|seed swap|cohort|attribution|dashboard|conversion|churn/.test(
          g.term,
        ),
      ),
    ).toBe(true);
    for (let i = 1; i < group.length; i++) {
      expect(group[i]?.weight).toBeLessThanOrEqual(group[i - 1]?.weight as number);
    }
  });

  it("recomputes when the graph changes, and only then", async () => {
    await computeInterests(store);
    expect(await ensureInterests(store)).toBe(false);
    const dan = ids["Dan Silent"] as number;
    for (let i = 0; i < 3; i++)
      await post(dan, `Tomato seedlings and the greenhouse again, part ${i}.`);
    expect(await ensureInterests(store)).toBe(true);
    const terms = (await interestsOf(store, dan, 10)).map((i) => i.term);
    expect(terms.some((t) => /tomato|greenhouse/.test(t))).toBe(true);
    expect(await ensureInterests(store)).toBe(false);
    // Reads recompute on their own: a forgotten person's interests go with them.
    await store.conn.run("DELETE FROM people WHERE id = ?", [dan]);
    const rows = await store.conn.all<{ n: number }>(
      "SELECT count(*) AS n FROM interests WHERE person_id = ?",
      [dan],
    );
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await interestsOf(store, dan)).toEqual([]);
  });

  it("computes once for reads that arrive together", async () => {
    await post(ids["Bob Quill"] as number, "Bikepacking routes and gravel rides, again.");
    const done = await Promise.all([
      ensureInterests(store),
      ensureInterests(store),
      ensureInterests(store),
    ]);
    expect(done.filter((d) => d)).toHaveLength(1);
    expect(await ensureInterests(store)).toBe(false);
  });
});
