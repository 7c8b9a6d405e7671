/**
 * Building blocks for schema comparisons and blocking keys: graded string agreement by
 * Jaro–Winkler or edit distance, and keys that put two codes one typo apart into a shared
 * block.
 *
 * @example
 * jwLevel("tullaroop", "tullarop", [0.92, 0.8]) // 2 (exact = 1, ≥ 0.92 = 2, ≥ 0.8 = 3, else 4)
 * typoKeys("6988048")                         // ["6988048", "?988048", …, "~69…", …]
 */
import { damerauLevenshtein, jaroWinkler } from "../similarity.js";

/** 0 missing, 1 exact, then one level per threshold passed (descending), last = different. */
export function jwLevel(a: string, b: string, thresholds: readonly number[]): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const s = jaroWinkler(a, b);
  for (let i = 0; i < thresholds.length; i++) if (s >= (thresholds[i] as number)) return i + 2;
  return thresholds.length + 2;
}

/** 0 missing, 1 exact, then one level per edit count allowed (ascending), last = different. */
export function editLevel(a: string, b: string, maxEdits: readonly number[]): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const d = damerauLevenshtein(a, b);
  for (let i = 0; i < maxEdits.length; i++) if (d <= (maxEdits[i] as number)) return i + 2;
  return maxEdits.length + 2;
}

/**
 * The code itself, the code with each character in turn blanked out, and the code with each
 * adjacent pair put in a fixed order: two codes of one length that differ by one substituted
 * character or one swap of neighbours (the commonest typos) share a key, unrelated codes
 * rarely do.
 */
export function typoKeys(code: string): string[] {
  if (!code) return [];
  const keys = [code];
  for (let i = 0; i < code.length; i++) keys.push(`${code.slice(0, i)}?${code.slice(i + 1)}`);
  for (let i = 0; i + 1 < code.length; i++) {
    const x = code[i] as string;
    const y = code[i + 1] as string;
    if (x === y) continue;
    const pair = x < y ? x + y : y + x;
    keys.push(`${code.slice(0, i)}~${pair}${code.slice(i + 2)}`);
  }
  return keys;
}

/** The two parts in a fixed order, so "a|b" and "b|a" make one key. */
export function unordered(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
