/**
 * `npm run eval:suggest [FILE] [--fixed]`: the who-to-meet-next evaluation (protocol in
 * ./suggest-protocol.ts) on a `SRC DST UNIXTIME` message network, CollegeMsg by default. Prints
 * a short report whose last line is `hit10=… p10=… aa_hit10=… pa_hit10=… two_hop_share=…`.
 * `--fixed` scores with irl's shipped weights instead of fitting them on the file's earlier half.
 *
 * @example
 * npm run eval:suggest
 * npm run eval:suggest -- other-network.txt
 * node dist/plans/eval/synthetic-network.js /tmp/mail-like.txt && npm run eval:suggest -- /tmp/mail-like.txt
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultCorpusFile } from "../../signals/eval/run.js";
import { FEATURES } from "../../signals/graph/candidates.js";
import { evaluateSuggest, type SuggestEvalReport } from "./suggest-protocol.js";

export function formatSuggestReport(r: SuggestEvalReport): string[] {
  const f = (x: number) => x.toFixed(3);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  return [
    `file: ${r.file}`,
    `protocol: T = the 70th-percentile message (${day(r.cutAt)} UTC); a new tie = a pair with no message up to T and one in (T, T + 30 days];`,
    `          per person with a new tie (in the graph at T): top 10 of who-to-meet-next from messages up to T, existing ties excluded`,
    `${r.messages} messages among ${r.people} people; ${r.newTies} new ties; ${r.evaluated} people evaluated`,
    r.trainExamples > 0
      ? `model fitted at T′ = ${day(r.trainCutAt)} (50th percentile), outcome to ${day(r.trainEndAt)}: ${r.trainExamples} examples, ${r.trainPositives} new ties`
      : "model: irl's shipped weights (SUGGEST_WEIGHTS)",
    `weights: bias=${r.model.bias.toFixed(3)} ${FEATURES.map((n, i) => `${n}=${(r.model.weights[i] ?? 0).toFixed(3)}`).join(" ")}`,
    `                          hit@10  P@10`,
    `irl who-to-meet-next      ${f(r.irl.hit)}   ${f(r.irl.precision)}`,
    `Adamic–Adar               ${f(r.aa.hit)}   ${f(r.aa.precision)}`,
    `preferential attachment   ${f(r.pa.hit)}   ${f(r.pa.precision)}`,
    `new ties within two hops: ${f(r.twoHopShare)}; irl's candidates hold ${f(r.candidateRecall)} of the new ties (${r.seconds.toFixed(1)} s)`,
    `hit10=${f(r.irl.hit)} p10=${f(r.irl.precision)} aa_hit10=${f(r.aa.hit)} pa_hit10=${f(r.pa.hit)} two_hop_share=${f(r.twoHopShare)}`,
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fixedWeights = args.includes("--fixed");
  const file = path.resolve(args.find((a) => !a.startsWith("--")) ?? defaultCorpusFile());
  const report = await evaluateSuggest(file, { fixedWeights });
  process.stdout.write(`${formatSuggestReport(report).join("\n")}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:suggest: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
