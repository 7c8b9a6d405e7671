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
});
