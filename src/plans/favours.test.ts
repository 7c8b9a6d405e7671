/**
 * The favour check: what messages ask and give, and one person's history in both directions
 * on both databases.
 */
import { afterAll, describe, expect, it } from "vitest";
import { BatchWriter } from "../pipeline/batch-writer.js";
import type { InteractionRecord, PartyRef } from "../sources/records.js";
import { storeTargets } from "../testing/stores.js";
import { classifyFavour, favourHistory } from "./favours.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T12:00:00Z");
const me: PartyRef = { isOwner: true, identities: [{ kind: "email", value: "me@home.example" }] };
const sam: PartyRef = {
  name: "Sam Asker",
  identities: [{ kind: "email", value: "sam@ask.example" }],
};

let n = 0;
function mail(from: PartyRef, to: PartyRef, daysAgo: number, text: string): InteractionRecord {
  n++;
  return {
    type: "interaction",
    key: `f${n}`,
    channel: "email",
    kind: "message",
    at: NOW - daysAgo * DAY,
    from,
    to: [to],
    thread: `t${n}`,
    context: { title: "hello" },
    text,
    place: {},
  };
}

describe("classifyFavour", () => {
  it("tells asks, introductions, help and thanks from small talk", () => {
    expect(classifyFavour("Could you introduce me to your friend at Kestrel?")).toContain("ask");
    expect(classifyFavour("Do you know of any openings in analytics?")).toEqual(["ask"]);
    expect(classifyFavour("Let me introduce you to Ada, she runs the meetup.")).toEqual(["intro"]);
    expect(classifyFavour("Here's my feedback on the deck, happy to help.")).toEqual(["help"]);
    expect(classifyFavour("Thanks so much for the intro last week!")).toEqual(["thanks"]);
    expect(classifyFavour("Great post, loved the part about dashboards.")).toEqual([]);
  });
});

describe.each(storeTargets())("favour history on $name", (target) => {
  afterAll(() => target.cleanup());

  it("counts asks and gives in each direction, with the balance line", async () => {
    const store = await target.open();
    try {
      const meId = await store.ensureMe();
      const writer = new BatchWriter({ source: "test", importId: 1, me: meId, claimOwners: true });
      await store.conn.transaction((tx) =>
        writer.write(tx, [
          mail(sam, me, 200, "Hi! Is your team hiring? I'd love to send you my CV."),
          mail(me, sam, 199, "Not right now, but let me introduce you to Ada at Kestrel."),
          mail(sam, me, 190, "Thanks so much for the intro, she was lovely."),
          mail(sam, me, 100, "Would you mind looking over my portfolio before Friday?"),
          mail(me, sam, 40, "Could you share the slides from your talk?"),
          mail(sam, me, 20, "Would you be able to refer me for the role at Copperleaf?"),
        ]),
      );
      const sid = (await store.findPeople("sam@ask.example"))[0]?.id as number;
      const f = await favourHistory(store, sid);
      expect(f.theyAsked.length).toBe(3);
      expect(f.youAsked.length).toBe(1);
      expect(f.youGave.map((e) => e.kind).sort()).toEqual(["intro", "thanks"]);
      expect(f.theyGave).toEqual([]);
      expect(f.engagedBeforeAsking).toBe(0);
      expect(f.balance).toMatch(/^they asked 3 times, you asked once; you last helped in /);
      expect(f.balance).toContain("no dialog before");
    } finally {
      await store.close();
    }
  });
});
