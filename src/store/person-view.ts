/**
 * What irl shows about one person apart from the tie: the user's flags on them (pin, snooze,
 * tier), the identities they are known by, the merges that made them (with why), how much they
 * wrote, and a page of the timeline. `irl person` and the web app's person page read it here.
 *
 * @example
 * const view = await personView(store, 12, { limit: 20 });
 * view.merges[0]; // { name: "ada_l", by: "auto", at: "2026-…", probability: 0.997, reasons: [...] }
 */
import type { Identity } from "./schema.js";
import type { Store, TimelineEntry } from "./store.js";

export interface MergeView {
  name: string;
  by: string;
  at: string;
  probability: number | null;
  reasons: string[];
}

export interface PersonView {
  pinned: boolean;
  snoozedUntil: number | null;
  /** The tier the user chose, when they did. */
  tierOverride: string | null;
  identities: Identity[];
  merges: MergeView[];
  writings: number;
  timeline: TimelineEntry[];
}

export async function personView(
  store: Store,
  person: number,
  page: { limit: number; offset?: number },
): Promise<PersonView> {
  const flags = await store.db
    .selectFrom("person_flags")
    .selectAll()
    .where("person_id", "=", person)
    .executeTakeFirst();
  const identities = await store.identitiesOf(person);
  const timeline = await store.timeline(person, page.limit, page.offset ?? 0);
  const writings = await store.contentCount(person);
  const merges = await store.db
    .selectFrom("merges")
    .selectAll()
    .where("into_person_id", "=", person)
    .orderBy("id")
    .execute();
  return {
    pinned: Number(flags?.pinned ?? 0) === 1,
    snoozedUntil: flags?.snoozed_until ? Number(flags.snoozed_until) : null,
    tierOverride: flags?.tier ?? null,
    identities,
    merges: merges.map((m) => ({
      name: m.from_name,
      by: m.method,
      at: new Date(Number(m.created_at)).toISOString(),
      probability: m.probability === null ? null : Number(m.probability),
      reasons: JSON.parse(m.reasons) as string[],
    })),
    writings,
    timeline,
  };
}

/** How many interactions the person took part in (the timeline's length). */
export async function timelineLength(store: Store, person: number): Promise<number> {
  const row = await store.db
    .selectFrom("interactions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => eb.or([eb("from_person_id", "=", person), eb("to_person_id", "=", person)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
