/**
 * Writing the links on both databases: a small hand-made graph of replies between other people,
 * computed twice. The second run rewrites the table to the same rows (the path indexes dropped
 * for the bulk write and built again), every pair once with the lower id first, and the graph
 * read back through those indexes finds each person's neighbours.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import { addNumberedPeople, INTERACTION_COLUMNS } from "../../testing/synthetic-graph.js";
import { computeTies } from "../compute-ties.js";
import { StoreGraph } from "./store-source.js";

const DAY = 86_400_000;
const now = Date.parse("2026-06-01T00:00:00Z");

describe.each(storeTargets())("links written on $name", (target) => {
  let store: Store;
  let ids: number[];

  beforeAll(async () => {
    store = await target.open();
    const me = await store.ensureMe();
    await addNumberedPeople(store.conn, 6, now, (i) => `P${i}`);
    ids = (
      await store.conn.all<{ id: number }>("SELECT id FROM people WHERE is_me = 0 ORDER BY id")
    ).map((r) => Number(r.id));
    const [p0, p1, p2, p3, p4, p5] = ids as [number, number, number, number, number, number];
    // Replies written in an order that is not the ids' order: p5–p1 first, then a chain.
    const pairs: [number, number][] = [
      [p5, p1],
      [p1, p5],
      [p0, p1],
      [p1, p0],
      [p1, p2],
      [p2, p3],
      [p3, p2],
      [p4, p0],
    ];
    const rows = pairs.map(([a, b], i) => [
      `r${i}`,
      "blog_comment",
      "reply",
      "observed",
      now - (i + 1) * DAY,
      a,
      b,
      100,
      "approved",
    ]);
    // And the user writes to p0, so one link comes from the user's own ties.
    rows.push(["m0", "email", "message", "outbound", now - DAY, me, p0, 100, "approved"]);
    rows.push(["m1", "email", "message", "inbound", now - 2 * DAY, p0, me, 100, "approved"]);
    await store.conn.insertNew("interactions", INTERACTION_COLUMNS, rows);
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  const linkRows = async () =>
    store.conn.arrays(
      "SELECT person_a, person_b, strength, from_a, from_b FROM links ORDER BY person_a, person_b",
    );
  const indexes = async () => {
    const rows =
      store.conn.dialect === "sqlite"
        ? await store.conn.arrays(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'links'",
          )
        : await store.conn.arrays(`SELECT indexname FROM pg_indexes
             WHERE tablename = 'links' AND schemaname = current_schema()`);
    return rows.map((r) => String(r[0]));
  };

  it("rewrites the same links on a second run, with the path indexes back", async () => {
    await computeTies(store, now);
    const first = await linkRows();
    await computeTies(store, now);
    const second = await linkRows();
    expect(second).toEqual(first);
    // p5–p1, p0–p1, p1–p2, p2–p3, p0–p4 between others, and the user with p0.
    expect(second.length).toBe(6);
    for (const [a, b] of second) expect(Number(a)).toBeLessThan(Number(b));
    const names = await indexes();
    expect(names).toContain("links_a");
    expect(names).toContain("links_b");
  });

  it("reads each person's neighbours back from both ends of a link", async () => {
    const [p0, p1, p2, p3, p4, p5] = ids as [number, number, number, number, number, number];
    const graph = new StoreGraph(store.conn);
    const found = await graph.neighbours([p1, p2, p4]);
    expect([...(found.get(p1)?.keys() ?? [])].sort((x, y) => x - y)).toEqual([p0, p2, p5]);
    expect([...(found.get(p2)?.keys() ?? [])].sort((x, y) => x - y)).toEqual([p1, p3]);
    expect([...(found.get(p4)?.keys() ?? [])]).toEqual([p0]);
    const stats = await graph.stats([p1, p3]);
    expect(stats.get(p1)?.degree).toBe(3);
    expect(stats.get(p3)?.degree).toBe(1);
  });
});
