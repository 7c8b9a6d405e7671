/**
 * Identity-resolution benchmark: seeded synthetic irl profiles (~20% duplicates) are
 * prepared, blocked, compared, trained on (u from random pairs, m by EM) and scored, at
 * 50,000 and 1,000,000 profiles (`IRL_BENCH_IDENTITY_MAX`, default 1,000,000, caps the size).
 * Reports comparisons per second on one core, wall time per size against the goals (< 5 s and
 * < 60 s), blocking recall and pair precision/recall on the synthetic truth, and peak RSS.
 *
 * @example
 * // npx tsc && node -e 'import("./dist/bench/identity.js").then(m=>m.benchIdentity()).then(l=>console.log(l.join("\n")))'
 */
import { performance } from "node:perf_hooks";
import {
  candidatePairs,
  compareAll,
  priorWeight,
  probabilityOf,
  ruleRanges,
  trainOnLevels,
  weightOf,
  weightTable,
} from "../identity/model/index.js";
import {
  compareProfilesInto,
  PROFILE_BLOCKING,
  PROFILE_COMPARISONS,
  PROFILE_MAX_BLOCK,
  type PreparedProfile,
  type Profile,
  prepareProfile,
} from "../identity/profile-match.js";
import { jaroWinkler } from "../identity/similarity.js";
import { syntheticProfileStream } from "../identity/synthetic-profiles.js";

const peakMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

function jwRate(): number {
  const words = [
    "robert",
    "roberta",
    "bob",
    "lovelace",
    "lovelaec",
    "margaret",
    "maggie",
    "nakamura",
    "nakamra",
    "smith",
  ];
  let sink = 0;
  const n = 2_000_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    sink += jaroWinkler(words[i % 10] as string, words[(i * 7 + 3) % 10] as string);
  const s = (performance.now() - t0) / 1000;
  return sink > 0 ? n / s : 0;
}

function run(n: number): { lines: string[]; pairsPerSecond: number } {
  // Profiles are generated and prepared a chunk at a time, so the raw profiles of the whole
  // set are never held at once; generation is timed apart from the pipeline.
  const truth = new Int32Array(n);
  const prepared: PreparedProfile[] = [];
  const chunk: Profile[] = [];
  let generation = 0;
  let preparation = 0;
  const stream = syntheticProfileStream(n, 42, truth);
  for (let done = false; !done; ) {
    const g0 = performance.now();
    chunk.length = 0;
    for (let i = 0; i < 10_000; i++) {
      const next = stream.next();
      if (next.done) {
        done = true;
        break;
      }
      chunk.push(next.value);
    }
    const g1 = performance.now();
    for (const p of chunk) prepared.push(prepareProfile(p));
    generation += g1 - g0;
    preparation += performance.now() - g1;
  }
  chunk.length = 0;
  const t1 = performance.now();
  const t0 = t1 - preparation;
  const pairs = candidatePairs(prepared, PROFILE_BLOCKING, { maxBlock: PROFILE_MAX_BLOCK });
  const t2 = performance.now();
  const levels = compareAll(prepared, PROFILE_COMPARISONS, pairs, compareProfilesInto);
  const t3 = performance.now();
  const { model } = trainOnLevels(prepared, PROFILE_COMPARISONS, levels, {
    seed: 1,
    uSamples: 100_000,
    rules: ruleRanges(PROFILE_BLOCKING, pairs),
    compare: compareProfilesInto,
  });
  const t4 = performance.now();
  const table = weightTable(model);
  const prior = priorWeight(model);
  const c = PROFILE_COMPARISONS.length;
  let kept = 0;
  let auto = 0;
  let autoOk = 0;
  for (let p = 0; p < pairs.count; p++) {
    const same = truth[pairs.left[p] as number] === truth[pairs.right[p] as number];
    if (same) kept++;
    if (probabilityOf(weightOf(table, levels, p * c), prior) >= 0.99) {
      auto++;
      if (same) autoOk++;
    }
  }
  const t5 = performance.now();
  const sizes = new Map<number, number>();
  for (const t of truth) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  let truePairs = 0;
  for (const s of sizes.values()) truePairs += (s * (s - 1)) / 2;
  const total = (t5 - t0) / 1000;
  const goal = n <= 50_000 ? 5 : 60;
  const sec = (a: number, b: number) => ((b - a) / 1000).toFixed(2);
  const pairsPerSecond = pairs.count / ((t3 - t2) / 1000);
  return {
    pairsPerSecond,
    lines: [
      `${n} profiles: ${total.toFixed(2)} s total (goal < ${goal} s: ${total < goal ? "met" : "MISSED"}; generating them took ${(generation / 1000).toFixed(2)} s more) — prepare ${sec(t0, t1)} s, block ${sec(t1, t2)} s, compare ${sec(t2, t3)} s, train ${sec(t3, t4)} s, score ${sec(t4, t5)} s`,
      `  ${pairs.count} candidate pairs (${(pairs.count / n).toFixed(2)} per profile), blocking kept ${(kept / truePairs).toFixed(4)} of ${truePairs} true pairs; auto-merge p>=0.99: ${auto} pairs, precision ${(autoOk / Math.max(1, auto)).toFixed(4)}, recall ${(autoOk / truePairs).toFixed(4)}; lambda ${model.lambda.toFixed(4)}`,
      `  peak RSS so far ${peakMB()} MB`,
    ],
  };
}

export async function benchIdentity(): Promise<string[]> {
  const max = Number(process.env.IRL_BENCH_IDENTITY_MAX ?? 1_000_000);
  const lines = [`identity resolution (single thread; synthetic profiles, seed 42)`];
  lines.push(
    `  Jaro–Winkler: ${Math.round(jwRate()).toLocaleString("en")} comparisons/s on one core`,
  );
  for (const n of [50_000, 1_000_000]) {
    if (n > max && n !== 50_000) break;
    const size = Math.min(n, max);
    const r = run(size);
    if (n === 50_000) {
      lines.push(
        `  profile pairs: ${Math.round(r.pairsPerSecond).toLocaleString("en")} full comparisons/s on one core (${PROFILE_COMPARISONS.length} comparisons each)`,
      );
    }
    lines.push(...r.lines);
    if (size < n) break;
  }
  return lines;
}
