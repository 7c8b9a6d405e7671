/**
 * `irl demo`: build a graph from the bundled sample world in a temporary database and show
 * what irl does with it, so a newcomer sees the point in one command.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { runImport } from "../../pipeline/run-import.js";
import { writeSample } from "../../sample/index.js";
import { resolveLocation } from "../../store/location.js";
import { openStore } from "../../store/store.js";
import { ago, plural, printJson, say, status, table } from "../output.js";
import { importProgress } from "../progress.js";
import { parsePositive } from "./people.js";

export function demoCommand() {
  return new Command("demo")
    .summary("see what irl does, on bundled sample data")
    .description(
      "Generate irl's fictional sample world, import it into a temporary database (or --db) and\n" +
        "walk through what irl finds. Your own database is not touched.",
    )
    .option("--db <file>", "keep the demo graph in this database instead of a temporary one")
    .option("--people <n>", "size of the sample world", parsePositive, 200)
    .option("--seed <n>", "the random seed", parsePositive, 1)
    .option("--json", "print the demo's findings as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  irl demo\n  irl demo --db demo.db   # keep it, then: irl people --db demo.db",
    )
    .action(async (options) => {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "irl-demo-"));
      const keep = Boolean(options.db);
      const where = resolveLocation(options.db ?? path.join(work, "irl.db"));
      try {
        if (!options.json)
          status(`Generating the sample world (seed ${options.seed}, ${options.people} people)…`);
        const manifest = await writeSample(path.join(work, "exports"), {
          seed: options.seed,
          people: options.people,
        });
        const store = await openStore(where);
        try {
          const bar = importProgress({ enabled: !options.json && process.stderr.isTTY === true });
          const summary = await runImport(
            store,
            manifest.files.map((f) => f.path),
            { onProgress: bar.update },
          );
          bar.stop();
          const stats = await store.stats();
          const me = await store.me();
          const people = await store.people({ sort: "interactions" });
          const dialog = people.filter((p) => p.inbound > 0 && p.outbound > 0);
          const oneWay = people.filter((p) => p.inbound > 0 && p.outbound === 0);
          const top = dialog.slice(0, 8);
          if (options.json) {
            printJson({
              database: keep ? where.location : null,
              import: summary,
              stats,
              dialog: top.map((p) => ({
                name: p.name,
                interactions: p.interactions,
                inbound: p.inbound,
                outbound: p.outbound,
                channels: p.channels,
              })),
              inDialog: dialog.length,
              oneWay: oneWay.length,
            });
            return;
          }
          say(`Imported the sample exports of ${me?.display_name ?? "the owner"}:`);
          for (const f of summary.files)
            say(`  ${path.basename(f.file)} (${f.format}): ${plural(f.added, "record")}`);
          const reasons = Object.entries(summary.skippedBy).map(([r, n]) => `${n} ${r}`);
          if (reasons.length)
            say(`  skipped, with reasons: ${reasons.join(", ")} (spam never becomes a person)`);
          say("");
          say(
            `${plural(stats.people, "person", "people")} in the graph, ${plural(stats.interactions, "interaction")}. ` +
              `In real dialog with you (both directions): ${dialog.length}. ` +
              `Writing to you without an answer yet: ${oneWay.length}.`,
          );
          say("");
          say("The people you talk with most:");
          say(
            table(
              top.map((p) => [
                p.name,
                String(p.interactions),
                `${p.inbound}/${p.outbound}`,
                p.channels.join(", "),
                ago(p.lastAt),
              ]),
              ["name", "interactions", "in/out", "channels", "last"],
            ),
          );
          const first = top[0];
          if (first) {
            const timeline = await store.timeline(first.id, 3);
            say("");
            say(`Where you left off with ${first.name}:`);
            for (const t of timeline) {
              say(
                `  ${ago(t.at)}: ${t.direction} ${t.kind}${t.contextTitle ? ` on "${t.contextTitle}"` : ""}`,
              );
              if (t.excerpt) say(`    ${t.excerpt.replace(/\s+/g, " ").slice(0, 100)}`);
            }
          }
          say("");
          say(
            keep
              ? `The demo graph is in ${where.location}. Try: irl people --db ${where.location}`
              : "Keep the demo graph with: irl demo --db demo.db   then: irl people --db demo.db",
          );
        } finally {
          await store.close();
        }
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    });
}
