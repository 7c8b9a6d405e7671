/**
 * Attendee matching on a small hand-made graph: e-mail, site, handle, "Last, First", a
 * nickname, a claimed address, namesakes told apart by company, and a name that stays
 * ambiguous — on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorKey, normalizeIdentity } from "../../identity/normalize.js";
import type { IdentityKind } from "../../sources/records.js";
import type { Store } from "../../store/store.js";
import { storeTargets } from "../../testing/stores.js";
import type { ListedAttendee } from "./attendee-list.js";
import { parseTextLine } from "./attendee-list.js";
import { matchAttendees } from "./match-attendees.js";

interface Spec {
  name: string;
  ids?: [IdentityKind, string, string?][];
  org?: string;
  claimed?: [IdentityKind, string][];
}

async function person(store: Store, spec: Spec): Promise<number> {
  const rows = await store.conn.all<{ id: number }>(
    "INSERT INTO people (display_name, created_at) VALUES (?, ?) RETURNING id",
    [spec.name, 1],
  );
  const id = Number(rows[0]?.id);
  const add = async (kind: IdentityKind, raw: string, platform?: string, claimed = false) => {
    const value = normalizeIdentity({ kind, value: raw, ...(platform ? { platform } : {}) });
    if (!value) throw new Error(`bad identity ${raw}`);
    const plain = anchorKey(kind, value) ?? null;
    const key = plain && claimed ? `claim:wxr:blog.example:${plain}` : plain;
    await store.conn.run(
      `INSERT INTO identities (person_id, kind, value, display, key, source, created_at, verified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, kind, value, raw, key, "test", 1, claimed ? 0 : 1],
    );
  };
  await add("name", spec.name);
  for (const [kind, value, platform] of spec.ids ?? []) await add(kind, value, platform);
  for (const [kind, value] of spec.claimed ?? []) await add(kind, value, undefined, true);
  if (spec.org) {
    await store.conn.run(
      "INSERT INTO details (person_id, field, value, source, created_at) VALUES (?, 'organization', ?, 'test', 1)",
      [id, spec.org],
    );
  }
  return id;
}

function line(text: string): ListedAttendee {
  const a = parseTextLine(text);
  if (typeof a === "string") throw new Error(a);
  return { ...a, place: "line 1" };
}

describe.each(storeTargets())("matching attendees on $name", (target) => {
  let store: Store;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    store = await target.open();
    await store.ensureMe();
    ids.ada = await person(store, {
      name: "Ada Lovelace",
      ids: [
        ["email", "ada@analytical.example"],
        ["url", "https://ada.example/"],
      ],
    });
    ids.grace = await person(store, {
      name: "Grace Hopper",
      ids: [["handle", "gracehopper", "twitter"]],
    });
    ids.robert = await person(store, { name: "Robert Smith", org: "Cure Ltd" });
    ids.burakA = await person(store, { name: "Burak Farouk", org: "Driftwood Design" });
    ids.burakB = await person(store, { name: "Burak Farouk", org: "Harbor & Pine" });
    ids.kim = await person(store, { name: "Kim Lee" });
    ids.kim2 = await person(store, { name: "Kim Lee", org: "Other Co" });
    ids.kim3 = await person(store, { name: "Kim Lee", org: "Third Co" });
    ids.claimer = await person(store, {
      name: "Yasmin Ozturk",
      claimed: [["email", "yoz@webmail.example"]],
    });
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("finds people by e-mail, site and handle, whatever their spelling", async () => {
    const [byEmail, bySite, byHandle, byUrlHandle] = await matchAttendees(store, [
      line("A. L. <ADA@Analytical.example>"),
      line("https://www.ada.example"),
      line("@GraceHopper"),
      line("https://x.com/gracehopper"),
    ]);
    expect(byEmail?.personId).toBe(ids.ada);
    expect(byEmail?.reason).toContain("same e-mail");
    expect(byEmail?.confidence).toBeGreaterThan(0.95);
    expect(bySite?.personId).toBe(ids.ada);
    expect(bySite?.reason).toContain("same site");
    expect(byHandle?.personId).toBe(ids.grace);
    expect(byUrlHandle?.personId).toBe(ids.grace);
  });

  it('reads "Last, First" and nicknames, with less confidence and the reason', async () => {
    const [swapped, nick, nickOrg] = await matchAttendees(store, [
      line("Lovelace, Ada"),
      line("Bob Smith"),
      line("Bob Smith (Cure Ltd)"),
    ]);
    expect(swapped?.status).toBe("matched");
    expect(swapped?.personId).toBe(ids.ada);
    expect(nick?.status).toBe("matched");
    expect(nick?.personId).toBe(ids.robert);
    expect(nick?.reason).toContain("nickname");
    expect(nick?.confidence).toBeLessThan(0.9);
    expect(nickOrg?.confidence).toBeGreaterThan(nick?.confidence ?? 1);
    expect(nickOrg?.reason).toContain("Cure Ltd");
  });

  it("tells namesakes apart by company, and says so when it cannot", async () => {
    const [harbor, unsure, three] = await matchAttendees(store, [
      line("Burak Farouk (Harbor & Pine)"),
      line("Burak Farouk"),
      line("Kim Lee"),
    ]);
    expect(harbor?.status).toBe("matched");
    expect(harbor?.personId).toBe(ids.burakB);
    expect(harbor?.also.map((c) => c.id)).not.toContain(ids.burakA);
    expect(unsure?.status).toBe("ambiguous");
    expect(unsure?.personId).toBeUndefined();
    expect(unsure?.candidates.map((c) => c.id).sort()).toEqual([ids.burakA, ids.burakB].sort());
    expect(unsure?.reason).toMatch(/2 people .* Burak Farouk/);
    expect(three?.status).toBe("ambiguous");
    expect(three?.candidates).toHaveLength(3);
  });

  it("takes an address typed into a comment form as a weaker match", async () => {
    const [claimed, stranger] = await matchAttendees(store, [
      line("Yasmin Öztürk yoz@webmail.example"),
      line("Nobody Known nobody@nowhere.example"),
    ]);
    expect(claimed?.personId).toBe(ids.claimer);
    expect(claimed?.reason).toContain("comment form");
    expect(claimed?.confidence).toBeLessThan(0.95);
    expect(stranger?.status).toBe("unknown");
    expect(stranger?.personId).toBeUndefined();
  });

  it("recognises the user", async () => {
    await store.addMyIdentities([{ kind: "email", value: "me@example.org" }]);
    const [me] = await matchAttendees(store, [line("me@example.org")]);
    expect(me?.status).toBe("me");
  });
});
