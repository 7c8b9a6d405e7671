/**
 * `npm run eval:identity [FILE…]`: deduplicate labelled record-linkage files and print, per
 * file, blocking recall and reduction, pairwise precision / recall / F1 and the precision of
 * automatic merges; the last line is `name=value` pairs micro-averaged over the files. With no
 * files it reads the Febrl datasets 1–3 and Splink's fake_1000 from `../shared/corpora` beside
 * the repository (or `$IRL_CORPORA`).
 *
 * @example
 * // npm run eval:identity -- ../shared/corpora/record-linkage/febrl/dataset1.csv
 * // … precision=0.998 recall=0.991 f1=0.994 pairs_kept=0.998 reduction=0.9995 auto_precision=0.999
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultFiles } from "./corpora.js";
import { parseDataset } from "./dataset.js";
import { AUTO_MERGE_THRESHOLD, type Evaluation, evaluate, REVIEW_THRESHOLD } from "./evaluate.js";

const f = (x: number, d = 4) => x.toFixed(d);

function line(e: Evaluation): string {
  return [
    `${e.name}: ${e.records} records, ${e.truePairs} true pairs, ${e.candidates} candidates`,
    `  blocking: pairs_kept=${f(e.pairsKept)} reduction=${f(e.reduction, 5)}`,
    `  pairs p>=${REVIEW_THRESHOLD}: precision=${f(e.review.precision)} recall=${f(e.review.recall)} f1=${f(e.review.f1)} (${e.review.predicted} pairs)`,
    `  auto-merge p>=${AUTO_MERGE_THRESHOLD}: precision=${f(e.auto.precision)} recall=${f(e.auto.recall)} f1=${f(e.auto.f1)} (${e.auto.predicted} pairs)`,
    `  closure of auto-merges: precision=${f(e.closure.precision)} recall=${f(e.closure.recall)} f1=${f(e.closure.f1)}`,
    `  model: lambda=${f(e.lambda)} em_iterations=${e.iterations} compare=${Math.round(e.pairsPerSecond)} pairs/s`,
  ].join("\n");
}

function main(): void {
  const files = process.argv.slice(2);
  const targets = files.length > 0 ? files : defaultFiles();
  const results: Evaluation[] = [];
  for (const file of targets) {
    const e = evaluate(parseDataset(readFileSync(file, "utf8"), path.basename(file)));
    results.push(e);
    console.log(line(e));
  }
  const sum = (g: (e: Evaluation) => number) => results.reduce((s, e) => s + g(e), 0);
  const truePairs = sum((e) => e.truePairs);
  const predicted = sum((e) => e.auto.predicted);
  const correct = sum((e) => e.auto.correct);
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  const f1 = (2 * precision * recall) / (precision + recall || 1);
  const kept = sum((e) => e.pairsKept * e.truePairs) / (truePairs || 1);
  const all = sum((e) => (e.records * (e.records - 1)) / 2);
  const reduction = 1 - sum((e) => e.candidates) / all;
  console.log(
    `micro-averaged over ${results.length} files; precision/recall/f1 = pairs with p>=${AUTO_MERGE_THRESHOLD} (automatic merges)`,
  );
  const febrl = results.filter((e) => e.kind === "febrl");
  const febrlMin =
    febrl.length > 0 ? ` febrl_min_f1=${f(Math.min(...febrl.map((e) => e.auto.f1)))}` : "";
  console.log(
    `precision=${f(precision)} recall=${f(recall)} f1=${f(f1)} pairs_kept=${f(kept)} reduction=${f(reduction, 5)} auto_precision=${f(precision)}${febrlMin}`,
  );
}

main();
