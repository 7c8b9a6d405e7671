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

describe.each(storeTargets())("contacts, events and details on $name", (target) => {
  afterAll(() => target.cleanup());

  const card = (name: string, email: string): SourceRecord => ({
    type: "contact",
    key: `test:card:${email}`,
    channel: "vcard",
    kind: "card",
    party: {
      name,
      identities: [{ kind: "email", value: email }],
      details: { organization: "Brightlane", title: "Analyst", location: "Lisbon" },
    },
    place: {},
  });
  const meeting = (key: string, attendees: string[], declined: string[] = []): SourceRecord => ({
    type: "event",
    key,
    title: "Coffee",
    start: Date.parse("2025-03-01T09:00:00Z"),
    attendees: attendees.map((email) => ({
      party: { identities: [{ kind: "email" as const, value: email }] },
      status: declined.includes(email) ? ("declined" as const) : ("accepted" as const),
    })),
    place: {},
  });

  it("keeps cards as ties without dialog, with their details", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: true });
      const first = await store.conn.transaction((tx) =>
        writer.write(tx, [
          card("Zoe Park", "zoe@park.example"),
          card("Zoe Park", "zoe@park.example"),
        ]),
      );
      expect(first).toMatchObject({ added: 1, unchanged: 1 });
      const [zoe] = await store.findPeople("zoe@park.example");
      const details = await store.db
        .selectFrom("details")
        .select(["field", "value"])
        .where("person_id", "=", zoe?.id ?? -1)
        .orderBy("field")
        .execute();
      expect(details).toEqual([
        { field: "location", value: "Lisbon" },
        { field: "organization", value: "Brightlane" },
        { field: "title", value: "Analyst" },
      ]);
      expect((await store.stats()).interactions).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("records a small meeting with the user as mutual interactions, but not a crowd or a declined one", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      await store.addMyIdentities([{ kind: "email", value: "me@home.example" }]);
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: true });
      const crowd = Array.from({ length: 30 }, (_, i) => `guest${i}@conf.example`);
      const records = [
        meeting("ev1", ["me@home.example", "ann@a.example", "bob@b.example"], ["bob@b.example"]),
        meeting("ev2", ["me@home.example", ...crowd]),
        meeting("ev3", ["ann@a.example", "bob@b.example"]),
      ];
      await store.conn.transaction((tx) => writer.write(tx, records));
      const meetings = await store.db
        .selectFrom("interactions")
        .select(["channel", "direction", "from_person_id", "to_person_id"])
        .execute();
      const [ann] = await store.findPeople("ann@a.example");
      expect(meetings).toEqual([
        { channel: "meeting", direction: "mutual", from_person_id: me, to_person_id: ann?.id },
      ]);
      const stats = await store.stats();
      expect(stats.events).toBe(3);
      const attendance = await store.db
        .selectFrom("attendance")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(attendance.n)).toBe(3 + 31 + 2);
      // Importing the same events again adds nothing.
      const again = await store.conn.transaction((tx) => writer.write(tx, records));
      expect(again).toMatchObject({ added: 0, unchanged: 4 }); // 3 events and 1 meeting
      expect(await store.stats()).toEqual(stats);
    } finally {
      await store.close();
    }
  });

  it("resolves a party marked as the export's owner to the user, keeping its identities", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me, claimOwners: true });
      const tweet: SourceRecord = {
        type: "interaction",
        key: "tw1",
        channel: "twitter",
        kind: "reply",
        at: Date.parse("2025-01-01T00:00:00Z"),
        from: {
          isOwner: true,
          identities: [{ kind: "handle", platform: "twitter", value: "robin" }],
        },
        to: [{ identities: [{ kind: "handle", platform: "twitter", value: "ann" }] }],
        place: {},
      };
      await store.conn.transaction((tx) => writer.write(tx, [tweet]));
      const [row] = await store.db
        .selectFrom("interactions")
        .select(["direction", "from_person_id"])
        .execute();
      expect(row).toEqual({ direction: "outbound", from_person_id: me });
      expect((await store.identitiesOf(me)).map((i) => i.value)).toContain("twitter:robin");
    } finally {
      await store.close();
    }
  });
});
