/**
 * A small seeded pseudo-random generator (mulberry32) so that sampling — random pairs for u,
 * synthetic data for tests and benchmarks — gives the same answer on every run.
 *
 * @example
 * const rnd = seeded(42);
 * rnd();        // 0.6011… (always the same for seed 42)
 * randomInt(rnd, 10); // an integer in [0, 10)
 */

export type Random = () => number;

export function seeded(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rnd: Random, n: number): number {
  return Math.floor(rnd() * n);
}

export function pick<T>(rnd: Random, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}
