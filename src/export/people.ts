/**
 * The people an export writes: everyone but the user, with the identities and details irl
 * knows them by, and a summary of the dialog (count, channels, last contact).
 *
 * @example
 * const people = await exportPeople(store);
 */
import type { Store } from "../store/store.js";

export interface ExportedPerson {
  id: number;
  name: string;
  identities: { kind: string; value: string; display: string; key: string | null }[];
  details: Record<string, string[]>;
  interactions: number;
  channels: string[];
  lastAt: number | null;
}

export async function exportPeople(store: Store): Promise<ExportedPerson[]> {
  const summaries = await store.people({ sort: "name" });
  const identities = await store.db
    .selectFrom("identities")
    .select(["person_id", "kind", "value", "display", "key"])
    .orderBy("person_id")
    .orderBy("kind")
    .orderBy("value")
    .execute();
  const details = await store.db
    .selectFrom("details")
    .select(["person_id", "field", "value"])
    .orderBy("person_id")
    .orderBy("field")
    .orderBy("id")
    .execute();
  const byPerson = new Map<number, ExportedPerson>(
    summaries.map((p) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        identities: [],
        details: {},
        interactions: p.interactions,
        channels: p.channels,
        lastAt: p.lastAt,
      },
    ]),
  );
  for (const i of identities) {
    byPerson
      .get(Number(i.person_id))
      ?.identities.push({ kind: i.kind, value: i.value, display: i.display, key: i.key });
  }
  for (const d of details) {
    const person = byPerson.get(Number(d.person_id));
    if (person) (person.details[d.field] ??= []).push(d.value);
  }
  return [...byPerson.values()];
}
