/**
 * Where the brief meets the interests module (`signals/interests/`) and the introductions
 * module (`plans/intro.ts`): each is loaded when it is there, and the brief's own small
 * stand-ins (`fallback-interests.ts`, `fallback-intro.ts`) answer when it is not. One
 * interface for both, so the brief never knows which answered; `source` says it.
 *
 * @example
 * const { interests, intro } = await loadSeams();
 * const v = await interests.textVector(store, "content marketing");
 * const paths = await intro.pathsMany(store, [42], 3);
 */
import type { Store } from "../../store/store.js";
import {
  fallbackCosine,
  fallbackSharedTerms,
  fallbackTextVector,
  fallbackVectorsOf,
  type TermVector,
} from "./fallback-interests.js";
import { fallbackIntroPaths, type IntroPath } from "./fallback-intro.js";

export type { TermVector } from "./fallback-interests.js";
export type { IntroHop, IntroPath } from "./fallback-intro.js";

export interface InterestsSeam {
  source: "interests" | "fallback";
  vectorsOf(store: Store, ids: number[]): Promise<Map<number, TermVector>>;
  textVector(store: Store, text: string): Promise<TermVector>;
  cosine(a: TermVector, b: TermVector): number;
  sharedTerms(a: TermVector, b: TermVector, limit: number): string[];
}

export interface IntroSeam {
  source: "intro" | "fallback";
  pathsMany(store: Store, targets: number[], limit: number): Promise<Map<number, IntroPath[]>>;
}

type AnyFn = (...args: unknown[]) => unknown;

/** A module by a path the compiler does not check (it may not exist yet). */
async function optional(spec: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(spec)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

let cached: { interests: InterestsSeam; intro: IntroSeam } | undefined;

export async function loadSeams(): Promise<{ interests: InterestsSeam; intro: IntroSeam }> {
  if (cached) return cached;
  const im = await optional(["..", "..", "signals", "interests", "index.js"].join("/"));
  const interests: InterestsSeam =
    im &&
    typeof im.vectorsOf === "function" &&
    typeof im.textVector === "function" &&
    typeof im.cosine === "function" &&
    typeof im.sharedTerms === "function"
      ? {
          source: "interests",
          vectorsOf: im.vectorsOf as InterestsSeam["vectorsOf"],
          textVector: im.textVector as InterestsSeam["textVector"],
          cosine: im.cosine as InterestsSeam["cosine"],
          sharedTerms: (a, b, limit) => (im.sharedTerms as AnyFn)(a, b, limit) as string[],
        }
      : {
          source: "fallback",
          vectorsOf: fallbackVectorsOf,
          textVector: async (_store, text) => fallbackTextVector(text),
          cosine: fallbackCosine,
          sharedTerms: fallbackSharedTerms,
        };
  const tm = await optional(["..", "intro.js"].join("/"));
  const intro: IntroSeam =
    tm && typeof tm.introPathsMany === "function"
      ? {
          source: "intro",
          pathsMany: async (store, targets, limit) =>
            asPathMap(
              targets,
              await (tm.introPathsMany as AnyFn)(store, targets, { maxHops: 3, limit }),
            ),
        }
      : {
          source: "fallback",
          pathsMany: (store, targets, limit) => fallbackIntroPaths(store, targets, limit),
        };
  cached = { interests, intro };
  return cached;
}

/** The intro module's answer as a map from target to paths (a Map, an array or an object). */
function asPathMap(targets: number[], value: unknown): Map<number, IntroPath[]> {
  const out = new Map<number, IntroPath[]>();
  if (value instanceof Map) {
    for (const [k, v] of value) out.set(Number(k), (v as IntroPath[]) ?? []);
  } else if (Array.isArray(value)) {
    targets.forEach((t, i) => {
      out.set(t, (value[i] as IntroPath[]) ?? []);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.set(Number(k), (v as IntroPath[]) ?? []);
  }
  return out;
}
