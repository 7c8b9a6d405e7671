/**
 * `npm run bench`: the import benchmarks in turn — WXR (`wxr-import.js`), mbox
 * (`mbox-import.js`), LinkedIn messages.csv (`linkedin-import.js`) and a Twitter/X archive
 * (`twitter-import.js`) — each in its own process, each printing its table and writing its
 * `bench/out/*.json`.
 * Sizes: `node dist/bench/run.js [WXR MB]`, `IRL_BENCH_MBOX_MB` (1024), `IRL_BENCH_LINKEDIN_MB`
 * (100), `IRL_BENCH_TWITTER_MB` (300, the size of tweets.js).
 * Then identity resolution (`identity-run.js`: 50k and 1M profiles, IRL_BENCH_IDENTITY_MAX)
 * and tie strength + `irl due` on 100k people / 10M interactions (`ties.js`).
 * `IRL_BENCH_ONLY=mbox,linkedin,twitter,identity,ties` runs a subset.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { here } from "./common.js";

const all = [
  { name: "wxr", script: "wxr-import.js", args: process.argv.slice(2, 3) },
  { name: "mbox", script: "mbox-import.js", args: [] },
  { name: "linkedin", script: "linkedin-import.js", args: [] },
  { name: "twitter", script: "twitter-import.js", args: [] },
  { name: "identity", script: "identity-run.js", args: [] },
  { name: "ties", script: "ties.js", args: [] },
  { name: "graph", script: "graph.js", args: [] },
  { name: "web", script: "web.js", args: [] },
  { name: "interests", script: "interests.js", args: [] },
  { name: "brief", script: "brief.js", args: [] },
  { name: "comments", script: "comments.js", args: [] },
  { name: "outbound", script: "outbound.js", args: [] },
];
const only = process.env.IRL_BENCH_ONLY?.split(",").map((s) => s.trim());
for (const b of all) {
  if (only && !only.includes(b.name)) continue;
  execFileSync(process.execPath, [path.join(here, b.script), ...b.args], { stdio: "inherit" });
  process.stdout.write("\n");
}
