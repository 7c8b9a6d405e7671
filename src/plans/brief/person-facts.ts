/**
 * What the brief needs to know of a set of people, read in a few batched queries: name, tie
 * (strength, tier and reasons from the `ties` table), contact kinds (cards, connections,
 * invitations, attendee lists) and details (organisation, title, location).
 *
 * @example
 * const facts = await loadPersonFacts(store, [12, 40]);
 * facts.get(12)?.tier;            // "strong"
 * facts.get(40)?.contactKinds;    // ["linkedin:connection"]
 */
import type { Store } from "../../store/store.js";

export interface PersonFacts {
  id: number;
  name: string;
  isMe: boolean;
  strength: number;
  tier: string | null;
  tierReason: string | null;
  reasons: string[];
  lastAt: number | null;
  dialogIn: number;
  dialogOut: number;
  /** `channel:kind` of every contact ("linkedin:connection", "csv:attendee"). */
  contactKinds: string[];
  organization: string[];
  title: string[];
  location: string[];
  bio: string[];
}

const CHUNK = 500;

export function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function loadPersonFacts(
  store: Store,
  ids: Iterable<number>,
): Promise<Map<number, PersonFacts>> {
  const all = [...new Set(ids)];
  const out = new Map<number, PersonFacts>();
  for (const part of chunks(all)) {
    const people = await store.db
      .selectFrom("people as p")
      .leftJoin("ties as t", "t.person_id", "p.id")
      .select([
        "p.id",
        "p.display_name",
        "p.is_me",
        "t.score",
        "t.tier",
        "t.tier_reason",
        "t.reasons",
        "t.last_at",
        "t.dialog_in",
        "t.dialog_out",
      ])
      .where("p.id", "in", part)
      .execute();
    for (const r of people) {
      out.set(Number(r.id), {
        id: Number(r.id),
        name: r.display_name,
        isMe: Number(r.is_me) === 1,
        strength: r.score === null ? 0 : Number(r.score),
        tier: r.tier,
        tierReason: r.tier_reason,
        reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : [],
        lastAt: r.last_at === null ? null : Number(r.last_at),
        dialogIn: Number(r.dialog_in ?? 0),
        dialogOut: Number(r.dialog_out ?? 0),
        contactKinds: [],
        organization: [],
        title: [],
        location: [],
        bio: [],
      });
    }
    const contacts = await store.db
      .selectFrom("contacts")
      .select(["person_id", "channel", "kind"])
      .where("person_id", "in", part)
      .execute();
    for (const c of contacts) {
      const f = out.get(Number(c.person_id));
      const kind = `${c.channel}:${c.kind}`;
      if (f && !f.contactKinds.includes(kind)) f.contactKinds.push(kind);
    }
    const details = await store.db
      .selectFrom("details")
      .select(["person_id", "field", "value"])
      .where("person_id", "in", part)
      .where("field", "in", ["organization", "title", "location", "bio"])
      .execute();
    for (const d of details) {
      const f = out.get(Number(d.person_id));
      const list = f?.[d.field as "organization" | "title" | "location" | "bio"];
      if (list && !list.includes(d.value)) list.push(d.value);
    }
  }
  return out;
}

/** Tiers that are relationships the user has, as opposed to cards and one-way streams. */
export const KNOWN_TIERS = new Set(["irl", "strong", "growing", "dormant"]);

/** Contacts that mean the user has met or connected with the person (not an attendee list). */
export function metContact(kind: string): boolean {
  return /:(card|connection)$/.test(kind);
}
