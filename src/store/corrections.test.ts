/**
 * The user's corrections to identity resolution — merge, split, forget — on both databases,
 * and that they survive re-importing the same records.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { BatchWriter } from "../pipeline/batch-writer.js";
import type { InteractionRecord, PartyRef, SourceRecord } from "../sources/records.js";
import { storeTargets } from "../testing/stores.js";
import { forgetPerson } from "./forget.js";
import { mergePeople } from "./merge.js";
import { lastMerge, splitPerson } from "./split.js";
import type { Store } from "./store.js";

const me: PartyRef = { isOwner: true, identities: [{ kind: "email", value: "me@home.example" }] };
const adaHome: PartyRef = {
  name: "Ada Quillfeather",
  identities: [{ kind: "email", value: "ada@quillfeather.example" }],
};
const adaWork: PartyRef = {
  name: "Ada Q.",
  identities: [
    { kind: "email", value: "ada.q@acme-widgets.example" },
    { kind: "url", value: "https://ada-writes.example/" },
  ],
};

function mail(key: string, from: PartyRef, to: PartyRef, at: string): InteractionRecord {
  return {
    type: "interaction",
    key,
    channel: "email",
    kind: "message",
    at: Date.parse(at),
    from,
    to: [to],
    thread: `thread-${key}`,
    context: { title: `About ${key}` },
    text: `Hello, a message numbered ${key} with some words in it.`,
    place: { line: 1 },
  };
}

const records: SourceRecord[] = [
  mail("m1", adaHome, me, "2024-03-01T10:00:00Z"),
  mail("m2", me, adaHome, "2024-03-02T10:00:00Z"),
  mail("m3", adaWork, me, "2024-03-03T10:00:00Z"),
  { type: "contact", key: "card1", channel: "vcard", kind: "card", party: adaWork, place: {} },
];

async function write(store: Store, batch: SourceRecord[]) {
  const meId = await store.ensureMe();
  const writer = new BatchWriter({ source: "test", importId: 1, me: meId, claimOwners: true });
  return store.conn.transaction((tx) => writer.write(tx, batch));
}

async function personOf(store: Store, query: string): Promise<number> {
  const [p] = await store.findPeople(query);
  if (!p) throw new Error(`nobody for ${query}`);
  return p.id;
}

describe.each(storeTargets())("corrections on $name", (target) => {
  afterAll(() => target.cleanup());

  it("merges two people, logs why, and a split hands their rows back", async () => {
    const store = await target.open();
    try {
      await write(store, records);
      const home = await personOf(store, "ada@quillfeather.example");
      const work = await personOf(store, "ada.q@acme-widgets.example");
      expect(home).not.toBe(work);
      await store.conn.transaction((tx) =>
        mergePeople(tx, home, work, { method: "user", reasons: ["merged by you"] }),
      );
      expect(await personOf(store, "ada-writes.example")).toBe(home);
      expect(await store.timeline(home)).toHaveLength(3);
      const undo = await store.conn.transaction((tx) => lastMerge(tx, home));
      expect(undo?.name).toBe("Ada Q.");

      const split = await store.conn.transaction((tx) =>
        splitPerson(tx, home, undo?.identityIds ?? []),
      );
      expect(split.moved.interactions).toBe(1);
      expect(split.moved.contacts).toBe(1);
      expect(await personOf(store, "ada.q@acme-widgets.example")).toBe(split.person);
      expect(await store.timeline(home)).toHaveLength(2);
      expect(await store.timeline(split.person)).toHaveLength(1);

      // A later record stating both addresses together does not undo the user's split...
      const both: PartyRef = {
        name: "Ada",
        identities: [
          { kind: "email", value: "ada@quillfeather.example" },
          { kind: "email", value: "ada.q@acme-widgets.example" },
        ],
      };
      const before = await store.stats();
      await write(store, [...records, mail("m4", both, me, "2024-03-04T10:00:00Z")]);
      expect(await personOf(store, "ada.q@acme-widgets.example")).toBe(split.person);
      expect((await store.stats()).people).toBe(before.people);
      // ...and a forced merge by the user lifts the rule.
      await expect(
        store.conn.transaction((tx) =>
          mergePeople(tx, home, split.person, { method: "auto", reasons: ["similar"] }),
        ),
      ).rejects.toThrow(/different people/);
      await store.conn.transaction((tx) =>
        mergePeople(tx, home, split.person, { method: "user", reasons: ["by you"] }, true),
      );
      expect(await personOf(store, "ada.q@acme-widgets.example")).toBe(home);
    } finally {
      await store.close();
    }
  });

  it("merges two known people when one verified record states both of their identities", async () => {
    const store = await target.open();
    try {
      await write(store, records);
      const card: PartyRef = {
        name: "Ada Quillfeather",
        identities: [
          { kind: "email", value: "ada@quillfeather.example" },
          { kind: "url", value: "ada-writes.example" },
        ],
      };
      await write(store, [
        { type: "contact", key: "card2", channel: "vcard", kind: "card", party: card, place: {} },
      ]);
      const home = await personOf(store, "ada@quillfeather.example");
      expect(await personOf(store, "ada.q@acme-widgets.example")).toBe(home);
      const log = await store.db.selectFrom("merges").selectAll().execute();
      expect(log).toHaveLength(1);
      expect(JSON.parse(log[0]?.reasons ?? "[]")[0]).toMatch(/stated together/);
    } finally {
      await store.close();
    }
  });

  it("never merges on a claim typed into a comment form", async () => {
    const store = await target.open();
    try {
      await write(store, records);
      const claimed: PartyRef = {
        name: "Ada Quillfeather",
        identities: [{ kind: "email", value: "ada@quillfeather.example", claimed: true }],
        nameScope: "wxr:blog.example",
      };
      await write(store, [
        {
          ...mail("c1", claimed, me, "2024-04-01T10:00:00Z"),
          channel: "blog_comment",
          kind: "comment",
        },
        {
          ...mail("c2", claimed, me, "2024-04-02T10:00:00Z"),
          channel: "blog_comment",
          kind: "comment",
        },
      ]);
      const found = await store.findPeople("ada@quillfeather.example");
      expect(found).toHaveLength(2);
      const commenter = found.find((p) => p.id !== found[0]?.id) ?? found[1];
      const ids = await store.identitiesOf(commenter?.id ?? -1);
      expect(ids.find((i) => i.kind === "email")?.verified).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("forgets a person: nothing of them is left, and a re-import keeps them out", async () => {
    const store = await target.open();
    try {
      await write(store, records);
      const home = await personOf(store, "ada@quillfeather.example");
      const gone = await forgetPerson(store, home);
      expect(gone).toMatchObject({ name: "Ada Quillfeather", interactions: 2, identities: 2 });
      expect(await store.findPeople("Quillfeather")).toEqual([]);
      const again = await write(store, records);
      expect(again.problems.filter((p) => p.reason === "forgotten")).toHaveLength(2);
      expect(await store.findPeople("ada@quillfeather.example")).toEqual([]);
      if (target.name === "sqlite") {
        const file = store.location;
        await store.close();
        for (const f of [file, `${file}-wal`]) {
          if (!fs.existsSync(f)) continue;
          const bytes = fs.readFileSync(f).toString("latin1").toLowerCase();
          expect(bytes).not.toContain("quillfeather");
          expect(bytes).not.toContain("numbered m1");
        }
      }
    } finally {
      await store.close().catch(() => {});
    }
  });
});
