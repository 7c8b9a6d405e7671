/**
 * The one-pass scan behind tie computation, on both databases: the user's events come out
 * grouped per person and in time order whatever order they were stored in; everyone's last
 * activity and activity with others are gathered on the way.
 */
import { afterAll, describe, expect, it } from "vitest";
import { storeTargets } from "../testing/stores.js";
import { scanInteractions } from "./my-events.js";

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
          [
            "source_key",
            "from_person_id",
            "to_person_id",
            "occurred_at",
            "direction",
            "channel",
            "kind",
            "size",
            "status",
          ],
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
});
