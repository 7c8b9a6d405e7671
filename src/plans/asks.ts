/**
 * Whom the user asked about an opportunity, and when (the `asks` table): `irl match FILE
 * --asked PERSON` records an ask, and later matches give people asked recently a rest.
 *
 * @example
 * const opening = openingKey(text);             // { hash: "9f2c…", about: "Analytics Lead — …" }
 * await recordAsk(store, 12, opening, Date.now());
 * (await recentAsks(store, Date.now() - 30 * DAY)).get(12); // [{ about, opening, at }]
 */
import { createHash } from "node:crypto";
import type { Store } from "../store/store.js";

export interface OpeningKey {
  /** sha256 of the text with its whitespace normalised. */
  hash: string;
  /** The first non-empty line, shortened: what the ask was about. */
  about: string;
}

export interface Ask {
  about: string;
  opening: string | null;
  at: number;
}

export function openingKey(text: string): OpeningKey {
  const normal = text.replace(/\s+/g, " ").trim();
  const hash = createHash("sha256").update(normal).digest("hex");
  const first = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[#\s*-]+/, "").trim())
    .find((l) => l.length > 0);
  const about = (first ?? "an opening").slice(0, 120);
  return { hash, about };
}

export async function recordAsk(
  store: Store,
  personId: number,
  what: { about: string; hash?: string | null },
  at: number,
): Promise<void> {
  await store.db
    .insertInto("asks")
    .values({ person_id: personId, about: what.about, opening: what.hash ?? null, asked_at: at })
    .execute();
}

/** Asks made since `since`, newest first, per person. */
export async function recentAsks(store: Store, since: number): Promise<Map<number, Ask[]>> {
  const rows = await store.db
    .selectFrom("asks")
    .select(["person_id", "about", "opening", "asked_at"])
    .where("asked_at", ">=", since)
    .orderBy("asked_at", "desc")
    .execute();
  const out = new Map<number, Ask[]>();
  for (const r of rows) {
    const id = Number(r.person_id);
    const list = out.get(id) ?? [];
    list.push({ about: r.about, opening: r.opening, at: Number(r.asked_at) });
    out.set(id, list);
  }
  return out;
}
