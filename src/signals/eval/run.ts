/**
 * `npm run eval:strength [FILE]`: runs the tie-strength evaluation (protocol in ./protocol.ts)
 * and prints a short report whose last line is `auc=… auc_recency=… auc_decay=… hit1=…`.
 * FILE defaults to `temporal/CollegeMsg.txt` in the corpora folder: `$IRL_CORPORA`, else
 * `../shared/corpora` beside the package root.
 *
 * @example
 * npm run eval:strength
 * npm run eval:strength -- some/other-network.txt
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { STRENGTH_WEIGHTS } from "../strength.js";
import { type EvalReport, evaluateStrength } from "./protocol.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function defaultCorpusFile(env: NodeJS.ProcessEnv = process.env): string {
  const corpora = env.IRL_CORPORA ?? path.resolve(packageRoot, "../shared/corpora");
  return path.join(corpora, "temporal", "CollegeMsg.txt");
}

export function formatReport(r: EvalReport): string[] {
  const f = (x: number) => x.toFixed(3);
  const day = new Date(r.cutAt).toISOString().slice(0, 16).replace("T", " ");
  return [
    `file: ${r.file}`,
    `protocol: T = the ${r.percentile}th-percentile message; ties = pairs with a message up to T; positive = a message in (T, T + ${r.horizonDays} days]`,
    `          scores use messages up to T only, through TieAccumulator.finish(T, context) from each side (lower kept);`,
    `          context = other's last activity, each person's 7-day-half-life activity total as of T`,
    `weights: ${Object.entries(STRENGTH_WEIGHTS)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
    `${r.messages} messages among ${r.people} people${r.skippedLines ? ` (${r.skippedLines} unreadable lines skipped)` : ""}; T = ${day} UTC (70th percentile)`,
    `${r.ties} ties up to T, ${r.positives} positive (a message in the next 30 days)`,
    `                AUC    hit@1`,
    `irl strength    ${f(r.auc.irl)}  ${f(r.hit1.irl)}`,
    `recency         ${f(r.auc.recency)}  ${f(r.hit1.recency)}`,
    `decayed count   ${f(r.auc.decay)}  ${f(r.hit1.decay)}`,
    `irl − best baseline: ${(r.auc.irl - Math.max(r.auc.recency, r.auc.decay)).toFixed(3)} (${r.seconds.toFixed(1)} s)`,
    `auc=${f(r.auc.irl)} auc_recency=${f(r.auc.recency)} auc_decay=${f(r.auc.decay)} hit1=${f(r.hit1.irl)} hit1_recency=${f(r.hit1.recency)} hit1_decay=${f(r.hit1.decay)}`,
  ];
}

async function main(): Promise<void> {
  const file = path.resolve(process.argv[2] ?? defaultCorpusFile());
  const report = await evaluateStrength(file);
  process.stdout.write(`${formatReport(report).join("\n")}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:strength: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
