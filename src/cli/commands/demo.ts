/**
 * `irl demo`: build a graph from the bundled sample world in a temporary database and show
 * what irl does with it, so a newcomer sees the point in one command.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { runImport } from "../../pipeline/run-import.js";
import { briefFromFile } from "../../plans/brief/index.js";
import { whatIsDue } from "../../plans/due.js";
import { matchOpening } from "../../plans/match.js";
import { writeSample } from "../../sample/index.js";
import { computeTies } from "../../signals/compute-ties.js";
import { resolveLocation } from "../../store/location.js";
import { openStore, type Store } from "../../store/store.js";
import { plural, printJson, say, status, table } from "../output.js";
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
          // The sample world lives on its reference date: that is "today" for this graph.
          const today = Date.parse(manifest.truths.referenceDate);
          await store.conn.run(
            `INSERT INTO meta (key, value) VALUES ('fixed_now', ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [String(today)],
          );
          const bar = importProgress({ enabled: !options.json && process.stderr.isTTY === true });
          const summary = await runImport(
            store,
            manifest.files.map((f) => f.path),
            { onProgress: bar.update, now: today },
          );
          bar.stop();
          const tour = await demoTour(store, today);
          const brief = await nextEventBrief(store, manifest, work, today);
          const match = await matchOpening(store, manifest.truths.opening.text, {
            now: today,
            limit: 3,
          });
          if (options.json) {
            printJson({
              database: keep ? where.location : null,
              import: summary,
              ...tour,
              brief,
              match,
            });
            return;
          }
          const me = await store.me();
          say(`Imported the sample exports of ${me?.display_name ?? "the owner"}:`);
          for (const f of summary.files)
            say(`  ${path.basename(f.file)} (${f.format}): ${plural(f.added, "record")}`);
          const reasons = Object.entries(summary.skippedBy).map(([r, n]) => `${n} ${r}`);
          if (reasons.length)
            say(`  skipped, with reasons: ${reasons.join(", ")} (spam never becomes a person)`);
          say("");
          say(`Quality over quantity: ${tour.summary}.`);
          say("");
          say("Your IRL group — strong, two-way, met or ready to meet:");
          say(
            table(
              tour.irl.map((p) => [p.name, p.strength.toFixed(2), p.reasons[0] ?? ""]),
              ["name", "strength", "why"],
            ),
          );
          say("");
          say("Due this week:");
          for (const [i, t] of tour.due.entries()) {
            say(`  ${i + 1}. ${t.action} — ${t.name}: ${t.reason}`);
          }
          if (brief) {
            say("");
            say(`Before the next event, ${brief.title}:`);
            const known = brief.known.slice(0, 3).map((k) => `${k.name} (${k.tier})`);
            if (known.length) say(`  you know ${brief.counts.known}: ${known.join(", ")}`);
            for (const n of brief.newPeople.slice(0, 3))
              say(`  meet ${n.name} — ${n.reasons.slice(0, 2).join("; ")}`);
            say("  Full brief: irl brief ATTENDEES.csv --format html --out brief.html");
          }
          if (match.people.length) {
            say("");
            say(`Who fits the opening "${match.about}":`);
            for (const m of match.people)
              say(`  ${m.name} (${m.score.toFixed(2)}) — ${m.reasons.slice(0, 2).join("; ")}`);
          }
          if (tour.resolved) {
            say("");
            say(
              `One person, many faces: ${tour.resolved.name} was linked across ${tour.resolved.sources.join(", ")}:`,
            );
            for (const r of tour.resolved.reasons.slice(0, 3)) say(`  · ${r}`);
          }
          say("");
          say(
            `${plural(tour.merged, "merge")} across sources; ${plural(tour.toReview, "pair")} irl was not sure of wait for your review (irl dupes).`,
          );
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

/** The brief for the sample world's next event (its attendee list is among the exports). */
async function nextEventBrief(
  store: Store,
  manifest: Awaited<ReturnType<typeof writeSample>>,
  work: string,
  today: number,
) {
  const next = [...manifest.truths.events]
    .filter((e) => Date.parse(e.start) >= today)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  const list = manifest.truths.eventLists?.find((l) => l.eventId === next?.id);
  if (!next || !list) return undefined;
  const file = path.isAbsolute(list.file) ? list.file : path.join(work, "exports", list.file);
  const brief = await briefFromFile(store, file, { now: today, limit: 5 });
  return { ...brief, title: next.name };
}

/** What the demo shows: the summary, the IRL group, what is due, and identity resolution. */
async function demoTour(store: Store, today: number) {
  const ties = await computeTies(store, today);
  const irl = await store.conn.all<{ id: number; name: string; score: number; reasons: string }>(
    `SELECT p.id, p.display_name AS name, t.score, t.reasons FROM ties t
     JOIN people p ON p.id = t.person_id WHERE t.tier = 'irl' ORDER BY t.score DESC LIMIT 8`,
  );
  const due = await whatIsDue(store, { now: today, budget: 5 });
  const merges = await store.conn.all<{ into: number; n: number }>(
    `SELECT into_person_id AS "into", count(*) AS n FROM merges
     GROUP BY into_person_id ORDER BY count(*) DESC, into_person_id LIMIT 1`,
  );
  const counts = await store.conn.all<{ merged: number; review: number }>(
    `SELECT (SELECT count(*) FROM merges) AS merged,
       (SELECT count(*) FROM dupe_candidates) AS review`,
  );
  let resolved: { name: string; sources: string[]; reasons: string[] } | undefined;
  const most = merges[0];
  if (most) {
    const person = await store.person(Number(most.into));
    const identities = await store.identitiesOf(person.id);
    const log = await store.db
      .selectFrom("merges")
      .select("reasons")
      .where("into_person_id", "=", person.id)
      .execute();
    resolved = {
      name: person.display_name,
      sources: [...new Set(identities.map((i) => i.source))].sort(),
      reasons: log.flatMap((m) => JSON.parse(m.reasons) as string[]),
    };
  }
  return {
    summary: ties.summary,
    tiers: ties.counts,
    irl: irl.map((p) => ({
      name: p.name,
      strength: Math.round(Number(p.score) * 1000) / 1000,
      tier: "irl",
      reasons: JSON.parse(p.reasons) as string[],
    })),
    due: due.budget.map((t) => ({ ...t, reasons: [t.reason] })),
    resolved,
    merged: Number(counts[0]?.merged ?? 0),
    toReview: Number(counts[0]?.review ?? 0),
  };
}
