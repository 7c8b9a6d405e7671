import { afterAll, describe, expect, it } from "vitest";
import type { PartyRef } from "../sources/records.js";
import { storeTargets } from "../testing/stores.js";
import { PartyResolver } from "./party-resolver.js";

const ada: PartyRef = {
  name: "Ada Quill",
  identities: [{ kind: "email", value: "ada@quill.example" }],
  details: { organization: "Quill & Co" },
};

describe.each(storeTargets())("PartyResolver on $name", (target) => {
  afterAll(() => target.cleanup());

  it("finds the same person after its caches were cleared, and writes nothing twice", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const resolver = new PartyResolver("test", me);
      const first = await store.conn.transaction(async (tx) => {
        await resolver.prefetch(tx, [ada]);
        return resolver.resolve(tx, ada);
      });
      const before = await store.stats();
      resolver.trimCaches(0);
      const second = await store.conn.transaction(async (tx) => {
        // No prefetch: a resolver must still ask the database for what it does not know.
        return resolver.resolve(tx, {
          ...ada,
          identities: [{ kind: "email", value: "ADA@quill.example" }],
        });
      });
      expect(second).toEqual(first);
      expect(await store.stats()).toEqual(before);
      const details = await store.db.selectFrom("details").selectAll().execute();
      expect(details).toHaveLength(1);
      expect(resolver.peopleAdded).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("knows a party written again as a new object, and tells apart parties spelled alike", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const resolver = new PartyResolver("test", me);
      const bo: PartyRef = {
        name: "Bo Lind",
        nameScope: "wxr:blog.example",
        identities: [{ kind: "email", value: "bo@lind.example", claimed: true }],
      };
      // The same commenter verified, and a name that spells out the claim's fields.
      const verified: PartyRef = {
        ...bo,
        identities: [{ kind: "email", value: "bo@lind.example" }],
      };
      const spelledOut: PartyRef = {
        name: "Bo Lind\u0001email\u0002\u00021\u0002bo@lind.example",
        nameScope: "wxr:blog.example",
        identities: [],
      };
      const people = await store.conn.transaction(async (tx) => {
        const parties = [bo, structuredClone(bo), verified, spelledOut];
        await resolver.prefetch(tx, parties);
        const out: number[] = [];
        for (const party of parties) {
          const resolved = await resolver.resolve(tx, party);
          if (!resolved || resolved === "forgotten") throw new Error("unresolved");
          out.push(resolved.person);
        }
        return out;
      });
      expect(people[1]).toBe(people[0]);
      expect(new Set(people).size).toBe(3);
      expect(resolver.peopleAdded).toBe(3);
    } finally {
      await store.close();
    }
  });
});
