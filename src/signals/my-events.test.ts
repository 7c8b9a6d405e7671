/**
 * The one-pass scan behind tie computation, on both databases: the user's events come out
 * grouped per person and in time order whatever order they were stored in; everyone's last
 * activity and activity with others are gathered on the way.
 */
import { afterAll, describe, expect, it } from "vitest";
import { storeTargets } from "../testing/stores.js";
import { scanInteractions } from "./my-events.js";

const COLUMNS = [
  "source_key",
  "from_person_id",
  "to_person_id",
  "occurred_at",
  "direction",
  "channel",
  "kind",
  "size",
  "status",
];

describe.each(storeTargets())("scanInteractions on $name", (target) => {
  afterAll(() => target.cleanup());

  it("groups the user's events per person, oldest first, and sees the rest", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const people: number[] = [];
      for (const name of ["Ada", "Bo", "Cy"]) {
        const made = await store.conn.all<{ id: number }>(
          "INSERT INTO people (display_name, is_me, created_at) VALUES (?, 0, 0) RETURNING id",
          [name],
        );
        people.push(Number(made[0]?.id));
      }
      const [ada, bo, cy] = people as [number, number, number];
      const rows: [string, number, number, number, string][] = [
        ["k1", ada, me, 300, "inbound"],
        ["k2", me, ada, 100, "outbound"],
        ["k3", bo, me, 50, "inbound"],
        ["k4", ada, me, 200, "inbound"],
        ["k5", bo, cy, 400, "observed"],
      ];
      await store.conn.transaction((tx) =>
        tx.insertNew(
          "interactions",
          COLUMNS,
          rows.map(([key, from, to, at, direction]) => [
            key,
            from,
            to,
            at,
            direction,
            "email",
            "message",
            10,
            "approved",
          ]),
        ),
      );
      const scan = await scanInteractions(store.conn, me, { weight: (at) => (at >= 300 ? 1 : 0) });
      const groups = new Map<number, { at: number; direction: string }[]>();
      for (const [person, events] of scan.byPerson()) {
        const list: { at: number; direction: string }[] = [];
        for (const e of events) list.push({ at: e.at, direction: e.direction });
        groups.set(person, list);
      }
      // The event object is reused: copying fields out (as above) is how callers keep them.
      expect(groups.get(ada)).toEqual([
        { at: 100, direction: "outbound" },
        { at: 200, direction: "inbound" },
        { at: 300, direction: "inbound" },
      ]);
      expect(groups.get(bo)).toEqual([{ at: 50, direction: "inbound" }]);
      expect(groups.has(cy)).toBe(false);
      expect(scan.events).toBe(4);
      expect(scan.lastActive.get(bo)).toBe(400);
      expect(scan.lastActive.get(ada)).toBe(300);
      expect(scan.observedRecent.get(cy)).toBe(1);
    } finally {
      await store.close();
    }
  });
  it("gives the same result when the table is read in two halves", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const made = await store.conn.all<{ id: number }>(
        `INSERT INTO people (display_name, is_me, created_at)
         VALUES ('A', 0, 0), ('B', 0, 0), ('C', 0, 0), ('D', 0, 0) RETURNING id`,
      );
      const people = made.map((r) => Number(r.id));
      // Seeded mix of the user's events (out of time order) and others' between themselves.
      let seed = 5;
      const next = () => {
        seed = (seed * 48271) % 2147483647;
        return seed / 2147483647;
      };
      const rows: unknown[][] = [];
      for (let k = 0; k < 400; k++) {
        const a = people[Math.floor(next() * people.length)] as number;
        const b = people[Math.floor(next() * people.length)] as number;
        const mine = next() < 0.6;
        const out = next() < 0.5;
        rows.push([
          `s${k}`,
          mine ? (out ? me : a) : a,
          mine ? (out ? a : me) : b,
          Math.floor(next() * 50) * 10,
          mine ? (out ? "outbound" : "inbound") : "observed",
          next() < 0.5 ? "email" : "dm",
          next() < 0.8 ? "message" : "like",
          k,
          "approved",
        ]);
      }
      await store.conn.transaction((tx) => tx.insertNew("interactions", COLUMNS, rows));
      const run = async (split: boolean) => {
        const seen: string[] = [];
        const scan = await scanInteractions(store.conn, me, {
          weight: (at) => at / 1000,
          observed: (from, to, at, channel, kind) =>
            seen.push(`${from}>${to}@${at}:${channel}/${kind}`),
          // Without the compiled worker beside it, the later half is read here and merged.
          ...(split ? { file: store.location, splitFrom: 1 } : {}),
        });
        const groups: string[] = [];
        scan.forEachPerson((person, events) => {
          for (let k = 0; k < events.length; k++) {
            const e = events.get(k);
            groups.push(
              `${person}:${e.id}@${e.at}:${e.direction}/${e.channel}/${e.kind}/${e.size}`,
            );
          }
        });
        return {
          seen,
          groups,
          lastActive: [...scan.lastActive].sort((x, y) => x[0] - y[0]),
          recent: [...scan.observedRecent].sort((x, y) => x[0] - y[0]),
          count: [...scan.observedCount].sort((x, y) => x[0] - y[0]),
        };
      };
      const whole = await run(false);
      expect(whole.groups.length).toBeGreaterThan(100);
      expect(whole.seen.length).toBeGreaterThan(50);
      expect(await run(true)).toEqual(whole);
    } finally {
      await store.close();
    }
  });
});
