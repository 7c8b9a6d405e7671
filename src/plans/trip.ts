/**
 * Travelling or moving to a place: whom there should I finally meet in real life. People are
 * found by where sources say they are (a card's address, a profile's location), by events in
 * that place they went to, and by attendee lists of events there; then ranked for a meeting —
 * a strong tie first, someone met before, a dormant tie worth reviving — each with reasons.
 *
 * @example
 * const trip = await planTrip(store, "Saint Louis, MO", { limit: 20 });
 * trip.people[0]; // { name: "Ada", where: "in", reasons: ["lives in St. Louis (vcard)", …] }
 */
import path from "node:path";
import { ensureTies, graphNow } from "../signals/compute-ties.js";
import type { Tier } from "../signals/tiers.js";
import type { Store } from "../store/store.js";
import { type Place, type PlaceMatch, parsePlace, placeMatch } from "./places.js";

export interface TripPerson {
  person: number;
  name: string;
  /** in: sources place them there; near: within the radius; visiting: only an event there. */
  where: "in" | "near" | "visiting";
  score: number;
  strength: number;
  tier: Tier | null;
  metBefore: boolean;
  /** The evidence, e.g. "Lisbon (vcard)", "Data for Good Lisbon on 2026-12-28". */
  places: string[];
  reasons: string[];
}

export interface TripPlan {
  place: string;
  /** How "near" was judged: the gazetteer's city and radius, or by name only. */
  near: string;
  people: TripPerson[];
  /** How many were found before the limit. */
  total: number;
}

export interface TripOptions {
  limit?: number;
  radiusKm?: number;
  now?: number;
}

interface Evidence {
  where: "in" | "near" | "visiting";
  label: string;
  km?: number;
}

const DAY = 86_400_000;

export async function planTrip(
  store: Store,
  text: string,
  options: TripOptions = {},
): Promise<TripPlan> {
  const place = parsePlace(text);
  const radius = options.radiusKm ?? 100;
  const now = options.now ?? (await graphNow(store));
  await ensureTies(store, now);
  const me = Number((await store.me())?.id ?? -1);
  const found = new Map<number, Evidence[]>();
  const note = (person: number, e: Evidence) => {
    if (person === me) return;
    const list = found.get(person) ?? [];
    if (!list.some((x) => x.label === e.label)) list.push(e);
    found.set(person, list);
  };
  const asEvidence = (m: PlaceMatch, label: string): Evidence =>
    m.kind === "in" ? { where: "in", label } : { where: "near", label, km: m.km };

  for (const d of await store.conn.all<{ person_id: number; value: string; source: string }>(
    "SELECT person_id, value, source FROM details WHERE field IN ('location', 'address', 'city')",
  )) {
    const m = placeMatch(place, d.value, radius);
    if (m) note(Number(d.person_id), asEvidence(m, `${d.value} (${d.source})`));
  }
  await eventsThere(store, place, radius, note);
  await attendeeListsThere(store, place, note);

  const ids = [...found.keys()];
  const ties = await tiesOf(store, ids);
  const people: TripPerson[] = [];
  for (const id of ids) {
    const evidence = found.get(id) ?? [];
    const tie = ties.get(id);
    const where = evidence.some((e) => e.where === "in")
      ? "in"
      : evidence.some((e) => e.where === "near")
        ? "near"
        : "visiting";
    const nearest = Math.min(...evidence.filter((e) => e.km !== undefined).map((e) => e.km ?? 0));
    const placeWeight =
      where === "in" ? 1 : where === "near" ? 0.85 - 0.35 * Math.min(1, nearest / radius) : 0.2;
    const strength = tie?.score ?? 0;
    const tier = tie?.tier ?? null;
    const metBefore = tie?.channels.includes("meeting") ?? false;
    const relation = relationWeight(tier, strength) + (metBefore ? 0.1 : 0);
    people.push({
      person: id,
      name: tie?.name ?? `#${id}`,
      where,
      score: Math.round(placeWeight * relation * 1000) / 1000,
      strength,
      tier,
      metBefore,
      places: evidence.map((e) => e.label),
      reasons: reasonsFor(place, where, evidence, tie, metBefore, now),
    });
  }
  people.sort(
    (a, b) => b.score - a.score || b.strength - a.strength || a.name.localeCompare(b.name),
  );
  return {
    place: text,
    near: place.at
      ? `within ${radius} km of ${place.at.name} (from irl's list of cities)`
      : "by name only (a city irl has no coordinates for)",
    people: options.limit ? people.slice(0, options.limit) : people,
    total: people.length,
  };
}

/** How much a meeting would mean, from the tie: a dormant tie is worth reviving. */
function relationWeight(tier: Tier | null, s: number): number {
  switch (tier) {
    case "irl":
      return 0.7 + 0.3 * s;
    case "strong":
      return 0.6 + 0.3 * s;
    case "dormant":
      return 0.55 + 0.3 * s;
    case "growing":
      return 0.4 + 0.3 * s;
    case "one-way":
      return 0.2 + 0.2 * s;
    default:
      return 0.1 + 0.1 * s;
  }
}

interface TieRow {
  name: string;
  score: number;
  tier: Tier;
  reasons: string[];
  channels: string;
  lastAt: number | null;
}

async function tiesOf(store: Store, ids: number[]): Promise<Map<number, TieRow>> {
  const out = new Map<number, TieRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await store.conn.all<{
      id: number;
      name: string;
      score: number | null;
      tier: string | null;
      reasons: string | null;
      channels: string | null;
      last_at: number | null;
    }>(
      `SELECT p.id, p.display_name AS name, t.score, t.tier, t.reasons, t.channels, t.last_at
       FROM people p LEFT JOIN ties t ON t.person_id = p.id
       WHERE p.id IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const r of rows) {
      out.set(Number(r.id), {
        name: r.name,
        score: Number(r.score ?? 0),
        tier: (r.tier ?? "card-only") as Tier,
        reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : [],
        channels: r.channels ?? "",
        lastAt: r.last_at === null ? null : Number(r.last_at),
      });
    }
  }
  return out;
}

/** People who went (or go) to an event held in or near the place. */
async function eventsThere(
  store: Store,
  place: Place,
  radius: number,
  note: (person: number, e: Evidence) => void,
): Promise<void> {
  const events = await store.conn.all<{
    id: number;
    title: string;
    location: string | null;
    starts_at: number | null;
  }>("SELECT id, title, location, starts_at FROM events");
  const there = new Map<number, string>();
  for (const e of events) {
    const m =
      (e.location ? placeMatch(place, e.location, radius) : undefined) ??
      placeMatch(place, e.title, 0);
    if (!m) continue;
    const when =
      e.starts_at === null ? "" : ` on ${new Date(Number(e.starts_at)).toISOString().slice(0, 10)}`;
    const where = e.location ? ` (${e.location})` : "";
    there.set(Number(e.id), `${e.title}${where}${when}`);
  }
  const ids = [...there.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await store.conn.all<{ event_id: number; person_id: number }>(
      `SELECT event_id, person_id FROM attendance WHERE event_id IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const r of rows) {
      note(Number(r.person_id), { where: "visiting", label: there.get(Number(r.event_id)) ?? "" });
    }
  }
}

/** People on an imported attendee list whose file is named for an event there. */
async function attendeeListsThere(
  store: Store,
  place: Place,
  note: (person: number, e: Evidence) => void,
): Promise<void> {
  const lists = await store.conn.all<{ id: number; path: string }>(
    `SELECT id, path FROM imports WHERE id IN (SELECT DISTINCT import_id FROM contacts WHERE kind = 'attendee')`,
  );
  for (const list of lists) {
    const name = path.basename(list.path).replace(/\.[a-z0-9]+$/i, "");
    const words = name.replace(/[-_.]+/g, " ");
    if (!placeMatch(place, words, 0)) continue;
    const rows = await store.conn.all<{ person_id: number }>(
      "SELECT DISTINCT person_id FROM contacts WHERE kind = 'attendee' AND import_id = ?",
      [list.id],
    );
    for (const r of rows) {
      note(Number(r.person_id), {
        where: "visiting",
        label: `on the attendee list ${path.basename(list.path)}`,
      });
    }
  }
}

function reasonsFor(
  place: Place,
  where: TripPerson["where"],
  evidence: Evidence[],
  tie: TieRow | undefined,
  metBefore: boolean,
  now: number,
): string[] {
  const reasons: string[] = [];
  const home = evidence.filter((e) => e.where !== "visiting");
  if (where === "in")
    reasons.push(`lives or works in ${place.text}: ${home.map((e) => e.label).join("; ")}`);
  if (where === "near") {
    const e = home.reduce((a, b) => ((a.km ?? 1e9) <= (b.km ?? 1e9) ? a : b));
    reasons.push(`about ${e.km} km away: ${e.label}`);
  }
  const visits = evidence.filter((e) => e.where === "visiting");
  if (visits.length) reasons.push(`there for an event: ${visits.map((e) => e.label).join("; ")}`);
  if (!tie || tie.tier === "card-only") {
    reasons.push("only a card or a connection so far: a trip is a good reason to finally meet");
  } else if (tie.tier === "dormant") {
    const since =
      tie.lastAt === null
        ? ""
        : `, quiet for ${Math.round((now - tie.lastAt) / (30.4 * DAY))} months`;
    reasons.push(`dormant tie (${tie.score.toFixed(2)})${since}: worth reviving over coffee`);
    if (tie.reasons[0]) reasons.push(tie.reasons[0]);
  } else {
    reasons.push(
      `${tie.tier} tie (${tie.score.toFixed(2)})${tie.reasons[0] ? `: ${tie.reasons[0]}` : ""}`,
    );
  }
  reasons.push(metBefore ? "you have met in person before" : "you have never met in person");
  return reasons;
}
