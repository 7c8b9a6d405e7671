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
    // Raw SQL: a query tree of 500 ids, built three times a chunk, costs more than the reads.
    const marks = part.map(() => "?").join(", ");
    const people = await store.conn.all<{
      id: number;
      display_name: string;
      is_me: number;
      score: number | null;
      tier: string | null;
      tier_reason: string | null;
      reasons: string | null;
      last_at: number | null;
      dialog_in: number | null;
      dialog_out: number | null;
    }>(
      `SELECT p.id, p.display_name, p.is_me, t.score, t.tier, t.tier_reason, t.reasons, t.last_at,
         t.dialog_in, t.dialog_out
       FROM people p LEFT JOIN ties t ON t.person_id = p.id
       WHERE p.id IN (${marks})`,
      part,
    );
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
    const contacts = await store.conn.all<{ person_id: number; channel: string; kind: string }>(
      `SELECT person_id, channel, kind FROM contacts WHERE person_id IN (${marks})`,
      part,
    );
    for (const c of contacts) {
      const f = out.get(Number(c.person_id));
      const kind = `${c.channel}:${c.kind}`;
      if (f && !f.contactKinds.includes(kind)) f.contactKinds.push(kind);
    }
    const details = await store.conn.all<{ person_id: number; field: string; value: string }>(
      `SELECT person_id, field, value FROM details
       WHERE person_id IN (${marks}) AND field IN ('organization', 'title', 'location', 'bio')`,
      part,
    );
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
