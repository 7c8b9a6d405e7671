import { afterAll, describe, expect, it } from "vitest";
import type { InteractionRecord, PartyRef, SourceRecord } from "../sources/records.js";
import { storeTargets } from "../testing/stores.js";
import { BatchWriter } from "./batch-writer.js";

const owner: PartyRef = {
  name: "Olive Owner",
  identities: [{ kind: "email", value: "olive@blog.example" }],
};
const ada: PartyRef = {
  name: "Ada",
  identities: [
    { kind: "email", value: "Ada@Example.org " },
    { kind: "url", value: "https://www.ada.example/" },
  ],
  nameScope: "test",
};
const bo: PartyRef = { name: "Bo", identities: [], nameScope: "test" };

function comment(
  key: string,
  from: PartyRef,
  to: PartyRef,
  at: string,
  text = "a thoughtful comment",
): InteractionRecord {
  return {
    type: "interaction",
    key,
    channel: "blog_comment",
    kind: "comment",
    at: Date.parse(at),
    from,
    to: [to],
    thread: "t1",
    context: { title: "A post", url: "https://blog.example/a-post" },
    text,
    place: { line: 1 },
  };
}

const records: SourceRecord[] = [
  { type: "owner", party: owner, place: {} },
  comment("k1", ada, owner, "2024-01-01T10:00:00Z"),
  comment("k2", owner, ada, "2024-01-02T10:00:00Z", "thank you, Ada"),
  comment("k3", bo, ada, "2024-01-03T10:00:00Z"),
  // The same site as Ada's, spelled differently: the same person.
  comment(
    "k4",
    { name: "Ada L.", identities: [{ kind: "url", value: "http://ada.example" }] },
    owner,
    "2024-01-04T10:00:00Z",
  ),
  { type: "skip", reason: "spam", message: "marked as spam", place: { line: 9 } },
  comment("k5", { identities: [] }, owner, "2024-01-05T10:00:00Z"),
  {
    type: "content",
    key: "post1",
    kind: "post",
    author: owner,
    title: "A post",
    text: "On dialog.",
    place: {},
  },
];

describe.each(storeTargets())("BatchWriter on $name", (target) => {
  afterAll(() => target.cleanup());

  async function writeAll(store: Awaited<ReturnType<typeof target.open>>) {
    const me = await store.ensureMe();
    const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: true });
    return { me, counts: await store.conn.transaction((tx) => writer.write(tx, records)) };
  }

  it("resolves parties, decides directions and counts what it kept", async () => {
    const store = await target.open();
    try {
      const { me, counts } = await writeAll(store);
      expect(counts.added).toBe(5); // 4 interactions + 1 post
      expect(counts.skipped).toBe(2); // spam + the comment with no author at all
      expect(counts.problems.map((p) => p.reason).sort()).toEqual(["no author", "spam"]);

      const rows = await store.db
        .selectFrom("interactions")
        .select(["source_key", "direction", "from_person_id", "to_person_id"])
        .orderBy("source_key")
        .execute();
      expect(rows.map((r) => [r.source_key, r.direction])).toEqual([
        ["k1", "inbound"],
        ["k2", "outbound"],
        ["k3", "observed"],
        ["k4", "inbound"],
      ]);
      const adaId = rows[0]?.from_person_id;
      expect(rows[3]?.from_person_id).toBe(adaId);
      expect(rows[1]?.from_person_id).toBe(me);

      const stats = await store.stats();
      expect(stats.people).toBe(2); // Ada and Bo; the owner is the user
      const meIds = await store.identitiesOf(me);
      expect(meIds.map((i) => i.value)).toContain("olive@blog.example");
    } finally {
      await store.close();
    }
  });

  it("writes nothing new when the same records come again", async () => {
    const store = await target.open();
    try {
      await writeAll(store);
      const before = await store.stats();
      const { counts } = await writeAll(store);
      expect(counts.added).toBe(0);
      expect(counts.unchanged).toBe(5);
      const after = await store.stats();
      expect(after).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it("rolls back a batch that fails half-way", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: true });
      await expect(
        store.conn.transaction(async (tx) => {
          await writer.write(tx, records);
          throw new Error("power cut");
        }),
      ).rejects.toThrow("power cut");
      const stats = await store.stats();
      expect(stats.people).toBe(0);
      expect(stats.interactions).toBe(0);
      expect(stats.identities).toBe(0);
    } finally {
      await store.close();
    }
  });
});
