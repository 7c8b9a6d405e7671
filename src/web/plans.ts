/**
 * The web app's door to irl's plans — the event brief (and several events compared), warm
 * introduction paths, suggestions, the match for an opening, a person's interests and favour
 * history — each the very function the CLI command calls. Those that first bring a computed
 * table up to date (the link graph, interests) run under the write lock.
 *
 * @example
 * const brief = await briefFromText(env, "Ada Lovelace\nada@example.org", "Meetup");
 * const paths = await introFor(env, 42);
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { IrlError } from "../errors.js";
import { type Brief, briefFromFile, type RankedEvent, rankEvents } from "../plans/brief/index.js";
import { balanceLine, favourHistory } from "../plans/favours.js";
import { type IntroPath, introPaths } from "../plans/intro.js";
import { type MatchResult, matchOpening } from "../plans/match.js";
import { type Suggestion, suggest } from "../plans/suggest.js";
import { type Interest, interestsOf } from "../signals/interests/read.js";
import { uploadName } from "./actions.js";
import type { WebEnv } from "./data.js";

/** Longest pasted list or opening, in characters. */
export const TEXT_MAX = 1_000_000;

export interface SavedBriefs {
  id: string;
  briefs: Brief[];
  ranked: RankedEvent[] | null;
}

const saved = new Map<string, SavedBriefs>();
const KEEP = 20;

export function savedBriefs(id: string): SavedBriefs | undefined {
  return saved.get(id);
}

/** Attendee lists (name + bytes) → briefs (ranked when several), kept for the page to show. */
export async function briefsFromLists(
  env: WebEnv,
  lists: { name: string; bytes: Buffer }[],
): Promise<SavedBriefs> {
  const usable = lists.filter((l) => l.bytes.length > 0);
  if (usable.length === 0) throw new IrlError("usage", "paste an attendee list or choose a file");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-brief-"));
  try {
    const briefs: Brief[] = [];
    for (const [i, l] of usable.entries()) {
      if (l.bytes.length > TEXT_MAX * 4) throw new IrlError("usage", `${l.name} is too large`);
      const sub = path.join(dir, String(i));
      fs.mkdirSync(sub);
      const file = path.join(sub, uploadName(l.name));
      fs.writeFileSync(file, l.bytes);
      const brief = await env.lock.run(() => briefFromFile(env.store, file));
      // The page names the list as it was given, not the temporary file.
      brief.file = l.name;
      briefs.push(brief);
    }
    const result: SavedBriefs = {
      id: Math.random().toString(36).slice(2, 12),
      briefs,
      ranked: briefs.length > 1 ? rankEvents(briefs) : null,
    };
    saved.set(result.id, result);
    for (const old of [...saved.keys()].slice(0, Math.max(0, saved.size - KEEP))) saved.delete(old);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function introFor(env: WebEnv, person: number): Promise<IntroPath[]> {
  await env.store.person(person);
  return env.lock.run(() => introPaths(env.store, person, { limit: 5 }));
}

export async function suggestions(env: WebEnv, limit = 15): Promise<Suggestion[]> {
  return env.lock.run(() => suggest(env.store, { limit }));
}

export async function matchText(env: WebEnv, text: string): Promise<MatchResult> {
  if (!text.trim()) throw new IrlError("usage", "paste the opening's text");
  if (text.length > TEXT_MAX) throw new IrlError("usage", "the opening is too long");
  return env.lock.run(() => matchOpening(env.store, text, { limit: 15 }));
}

/** A person's interests, or null while an import holds the lock (they are recomputed after). */
export async function interestsFor(env: WebEnv, person: number): Promise<Interest[] | null> {
  if (env.lock.busy) return null;
  return env.lock.run(() => interestsOf(env.store, person, 12));
}

export async function favoursFor(env: WebEnv, person: number) {
  const h = await favourHistory(env.store, person);
  const iso = (ms: number) => new Date(ms).toISOString();
  const entries = (list: typeof h.theyAsked) => list.map((e) => ({ ...e, at: iso(e.at) }));
  return {
    balance: balanceLine(h),
    engagedBeforeAsking: h.engagedBeforeAsking,
    theyAsked: entries(h.theyAsked),
    youAsked: entries(h.youAsked),
    theyGave: entries(h.theyGave),
    youGave: entries(h.youGave),
  };
}
