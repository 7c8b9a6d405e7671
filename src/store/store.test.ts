import { afterAll, describe, expect, it } from "vitest";
import { BatchWriter } from "../pipeline/batch-writer.js";
import type { SourceRecord } from "../sources/records.js";
import { storeTargets } from "../testing/stores.js";
import { openStore } from "./store.js";

const ada = {
  name: "Adèle Durand",
  identities: [{ kind: "email" as const, value: "adele@example.org" }],
};
const someone = { name: "Sam Blog", identities: [{ kind: "url" as const, value: "sam.example" }] };

const records: SourceRecord[] = [
  {
    type: "interaction",
    key: "x1",
    channel: "blog_comment",
    kind: "comment",
    at: Date.parse("2024-03-01T00:00:00Z"),
    from: ada,
    to: [someone],
    text: "hello",
    place: {},
  },
];

describe.each(storeTargets())("Store on $name", (target) => {
  afterAll(() => target.cleanup());

  it("migrates on open, and opening again is a no-op", async () => {
    const where = await target.location();
    const first = await openStore(where);
    await first.ensureMe();
    await first.close();
    const second = await openStore(where);
    try {
      expect((await second.stats()).people).toBe(0);
      expect((await second.me())?.is_me).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("finds people by e-mail, site, accent-free name part and #id", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: false });
      await store.conn.transaction((tx) => writer.write(tx, records));
      const [byEmail] = await store.findPeople("ADELE@example.org");
      expect(byEmail?.display_name).toBe("Adèle Durand");
      expect((await store.findPeople("adele"))[0]?.id).toBe(byEmail?.id);
      expect((await store.findPeople("https://www.sam.example/"))[0]?.display_name).toBe(
        "Sam Blog",
      );
      expect((await store.findPeople(`#${byEmail?.id}`))[0]?.id).toBe(byEmail?.id);
      expect(await store.findPeople("nobody-at-all")).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("declaring an identity as mine merges that person into me and turns directions", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: false });
      await store.conn.transaction((tx) => writer.write(tx, records));
      const before = await store.db.selectFrom("interactions").select("direction").execute();
      expect(before.map((r) => r.direction)).toEqual(["observed"]);

      await store.addMyIdentities([{ kind: "url", value: "http://sam.example/" }]);
      const after = await store.db
        .selectFrom("interactions")
        .select(["direction", "to_person_id"])
        .execute();
      expect(after).toEqual([{ direction: "inbound", to_person_id: me }]);
      expect((await store.stats()).people).toBe(1);
      const mine = await store.identitiesOf(me);
      expect(mine.map((i) => `${i.kind}:${i.value}`)).toEqual(
        expect.arrayContaining(["url:sam.example", "name:sam blog"]),
      );
    } finally {
      await store.close();
    }
  });

  it("counts by channel and direction", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: false });
      await store.conn.transaction((tx) => writer.write(tx, records));
      const stats = await store.stats();
      expect(stats).toMatchObject({
        people: 2,
        interactions: 1,
        byChannel: { blog_comment: 1 },
        byDirection: { observed: 1 },
      });
      expect(stats.identities).toBe(4); // Ada's e-mail and name, Sam's site and name
    } finally {
      await store.close();
    }
  });
});
