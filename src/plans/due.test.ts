/**
 * `whatIsDue` and the ties behind it on hand-made histories, on both databases: a reply owed
 * appears and disappears when answered; someone who never answers shows, and so does their
 * organisation when nobody there answers; a weekly correspondent silent for months goes
 * quiet; a pinned person stays in the IRL group; a snooze hides a person.
 */
import { afterAll, describe, expect, it } from "vitest";
import { BatchWriter } from "../pipeline/batch-writer.js";
import { computeTies } from "../signals/compute-ties.js";
import type { InteractionRecord, PartyRef, SourceRecord } from "../sources/records.js";
import { setFlags } from "../store/flags.js";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { whatIsDue } from "./due.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T12:00:00Z");
const me: PartyRef = { isOwner: true, identities: [{ kind: "email", value: "me@home.example" }] };
const party = (name: string, email: string, organization?: string): PartyRef => ({
  name,
  identities: [{ kind: "email", value: email }],
  ...(organization ? { details: { organization } } : {}),
});
const ada = party("Ada Quill", "ada@quill.example");
const bo = party("Bo Weekly", "bo@weekly.example");
const cy = party("Cy Silent", "cy@bigco.example", "BigCo");
const di = party("Di Silent", "di@bigco.example", "BigCo");

let n = 0;
function mail(from: PartyRef, to: PartyRef, daysAgo: number, thread: string): InteractionRecord {
  n++;
  return {
    type: "interaction",
    key: `m${n}`,
    channel: "email",
    kind: "message",
    at: NOW - daysAgo * DAY,
    from,
    to: [to],
    thread,
    context: { title: thread },
    text: `message ${n} with a few words to make it real`,
    place: {},
  };
}

function history(): SourceRecord[] {
  const out: SourceRecord[] = [];
  // Bo: weekly, both ways, for a year, then silence for four months.
  for (let w = 0; w < 52; w++) {
    out.push(mail(bo, me, 120 + w * 7, `bo-${w}`), mail(me, bo, 119 + w * 7, `bo-${w}`));
  }
  // Ada: a lively exchange; her last message, 3 days ago, waits for an answer.
  for (let d = 40; d > 3; d -= 4) {
    out.push(mail(ada, me, d, "ada"), mail(me, ada, d - 1, "ada"));
  }
  out.push(mail(ada, me, 3, "ada"));
  // Cy and Di at BigCo never answer.
  out.push(mail(me, cy, 40, "cy"), mail(me, cy, 30, "cy2"), mail(me, di, 35, "di"));
  return out;
}

async function write(store: Store, records: SourceRecord[]) {
  const meId = await store.ensureMe();
  const writer = new BatchWriter({ source: "test", importId: 1, me: meId, claimOwners: true });
  await store.conn.transaction((tx) => writer.write(tx, records));
  await computeTies(store, NOW);
}

async function idOf(store: Store, email: string): Promise<number> {
  return (await store.findPeople(email))[0]?.id as number;
}

describe.each(storeTargets())("what is due on $name", (target) => {
  afterAll(() => target.cleanup());

  it("finds the reply owed, the silent, the quiet — and forgets the reply once answered", async () => {
    const store = await target.open();
    try {
      await write(store, history());
      const due = await whatIsDue(store, { now: NOW });
      const adaId = await idOf(store, "ada@quill.example");
      expect(due.owed.map((o) => o.name)).toEqual(["Ada Quill"]);
      expect(due.budget[0]).toMatchObject({ person: adaId, action: "reply" });
      expect(due.unanswered.map((u) => u.name).sort()).toEqual(["Cy Silent", "Di Silent"]);
      expect(due.silentOrganizations).toEqual([
        { organization: "BigCo", people: expect.arrayContaining(["Cy Silent", "Di Silent"]) },
      ]);
      expect(due.quiet.map((q) => q.name)).toEqual(["Bo Weekly"]);
      expect(due.quiet[0]?.reason).toMatch(/silent for/);

      await write(store, [mail(me, ada, 1, "ada")]);
      const after = await whatIsDue(store, { now: NOW });
      expect(after.owed).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("keeps a pinned person in the IRL group and hides a snoozed one", async () => {
    const store = await target.open();
    try {
      await write(store, history());
      const cyId = await idOf(store, "cy@bigco.example");
      const boId = await idOf(store, "bo@weekly.example");
      await setFlags(store.conn, cyId, { pinned: true });
      await setFlags(store.conn, boId, { snoozedUntil: NOW + 30 * DAY });
      await computeTies(store, NOW);
      const tier = async (id: number) =>
        (await store.db.selectFrom("ties").selectAll().where("person_id", "=", id).execute())[0];
      expect(await tier(cyId)).toMatchObject({ tier: "irl" });
      expect((await tier(cyId))?.tier_reason).toMatch(/pinned/);
      const due = await whatIsDue(store, { now: NOW });
      expect(due.quiet).toEqual([]);
      expect(due.budget.some((t) => t.person === boId)).toBe(false);
    } finally {
      await store.close();
    }
  });
});
