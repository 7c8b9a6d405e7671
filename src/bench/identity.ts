/**
 * Identity-resolution benchmark: seeded synthetic irl profiles (~20% duplicates) are
 * prepared into a columnar `ProfileTable`, blocked, compared, trained on (u from random
 * pairs, m by EM), scored and clustered (union–find over the automatic merges), at 50,000 and
 * 1,000,000 profiles (`IRL_BENCH_IDENTITY_MAX`, default 1,000,000, caps the size). Reports
 * comparisons per second on one core, wall and CPU time per stage and in total against the
 * goals (< 5 s and < 60 s), the load average (the machine is shared), blocking recall and
 * pair precision/recall on the synthetic truth, and peak RSS.
 *
 * @example
 * // npx tsc && node -e 'import("./dist/bench/identity.js").then(m=>m.benchIdentity()).then(l=>console.log(l.join("\n")))'
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import {
  candidatePairs,
  compareAll,
  priorWeight,
  probabilityOf,
  ruleRanges,
  trainOnLevels,
  UnionFind,
  weightOf,
  weightTable,
} from "../identity/model/index.js";
import {
  PROFILE_BLOCKING,
  PROFILE_COMPARISONS,
  PROFILE_MAX_BLOCK,
  type Profile,
} from "../identity/profile-match.js";
import { ProfileTable } from "../identity/profile-table.js";
import { jaroWinkler } from "../identity/similarity.js";
import { syntheticProfileStream } from "../identity/synthetic-profiles.js";

const peakMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds (user + system) of this process so far. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

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
  // Profiles are generated a chunk at a time and added to the table as they come, so the raw
  // profiles of the whole set are never held at once; generation is timed apart.
  const truth = new Int32Array(n);
  const table = new ProfileTable({ rows: n });
  const chunk: Profile[] = [];
  let generation = 0;
  let preparation = 0;
  let preparationCpu = 0;
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
    const c1 = cpuSeconds();
    for (const p of chunk) table.addProfile(p);
    generation += g1 - g0;
    preparation += performance.now() - g1;
    preparationCpu += cpuSeconds() - c1;
  }
  chunk.length = 0;
  const wall = [performance.now()];
  const cpu = [cpuSeconds()];
  const stage = () => {
    wall.push(performance.now());
    cpu.push(cpuSeconds());
  };
  const rows = table.rows();
  const rules = table.blockingRules(PROFILE_BLOCKING);
  const comparisons = table.comparisonsOf(PROFILE_COMPARISONS);
  const pairs = candidatePairs(rows, rules, { maxBlock: PROFILE_MAX_BLOCK });
  stage();
  const levels = compareAll(rows, comparisons, pairs, table.compareInto);
  stage();
  const { model } = trainOnLevels(rows, comparisons, levels, {
    seed: 1,
    uSamples: 100_000,
    rules: ruleRanges(rules, pairs),
    compare: table.compareInto,
  });
  stage();
  const table8 = weightTable(model);
  const prior = priorWeight(model);
  const c = PROFILE_COMPARISONS.length;
  let kept = 0;
  let review = 0;
  let auto = 0;
  let autoOk = 0;
  const merged = new Uint8Array(pairs.count);
  for (let p = 0; p < pairs.count; p++) {
    const same = truth[pairs.left[p] as number] === truth[pairs.right[p] as number];
    if (same) kept++;
    const probability = probabilityOf(weightOf(table8, levels, p * c), prior);
    if (probability >= 0.6) review++;
    if (probability >= 0.99) {
      merged[p] = 1;
      auto++;
      if (same) autoOk++;
    }
  }
  stage();
  const clusters = new UnionFind(n);
  for (let p = 0; p < pairs.count; p++)
    if (merged[p]) clusters.union(pairs.left[p] as number, pairs.right[p] as number);
  let people = 0;
  for (let i = 0; i < n; i++) if (clusters.find(i) === i) people++;
  stage();
  const sizes = new Map<number, number>();
  for (const t of truth) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  let truePairs = 0;
  for (const s of sizes.values()) truePairs += (s * (s - 1)) / 2;
  const at = (k: number) => [wall[k] as number, cpu[k] as number] as const;
  const [w0, c0] = at(0);
  const [w5, c5] = at(5);
  const total = (w5 - w0 + preparation) / 1000;
  const totalCpu = c5 - c0 + preparationCpu;
  const goal = n <= 50_000 ? 5 : 60;
  const names = ["block", "compare", "train EM", "score", "cluster"];
  const stages = names.map((name, k) => {
    const [wa, ca] = at(k);
    const [wb, cb] = at(k + 1);
    return `${name} ${((wb - wa) / 1000).toFixed(2)} s (cpu ${(cb - ca).toFixed(2)})`;
  });
  const pairsPerSecond = pairs.count / (((wall[2] as number) - (wall[1] as number)) / 1000);
  return {
    pairsPerSecond,
    lines: [
      `${n} profiles: ${total.toFixed(2)} s total, cpu ${totalCpu.toFixed(2)} s (goal < ${goal} s: ${total < goal ? "met" : "MISSED"}; generating them took ${(generation / 1000).toFixed(2)} s more; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
      `  prepare ${(preparation / 1000).toFixed(2)} s (cpu ${preparationCpu.toFixed(2)}), ${stages.join(", ")}`,
      `  ${pairs.count} candidate pairs (${(pairs.count / n).toFixed(2)} per profile), blocking kept ${(kept / truePairs).toFixed(4)} of ${truePairs} true pairs; auto-merge p>=0.99: ${auto} pairs, precision ${(autoOk / Math.max(1, auto)).toFixed(4)}, recall ${(autoOk / truePairs).toFixed(4)}; review p>=0.6: ${review - auto} more; ${people} people; lambda ${model.lambda.toExponential(2)}`,
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
