/**
 * `irl trip PLACE`: whom to meet in real life there — people located in or near the place, and
 * people going to events there, ranked for a meeting with reasons.
 *
 * @example
 * irl trip Lisbon
 * irl trip "Saint Louis, MO" --radius 50 --json
 */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { planTrip } from "../../plans/trip.js";
import { common, withStore } from "../context.js";
import { printJson, say } from "../output.js";
import { parsePositive } from "./people.js";

export function tripCommand() {
  return common(
    new Command("trip")
      .summary("whom to meet in real life in a place")
      .description(
        "People located in or near PLACE (a card's address, a profile's location) and people\n" +
          "going to events there, ranked for meeting in real life: a strong tie first, someone\n" +
          'met before, a dormant tie worth reviving. PLACE may be "City", "City, Region" or\n' +
          '"City, Region, Country"; accents, case and "St."/"Saint" do not matter. "Near" uses a\n' +
          "small built-in list of cities with coordinates (--radius, default 100 km).",
      )
      .argument("<place...>", 'the city, e.g. Lisbon or "St. Louis, MO"')
      .option("--limit <n>", "show at most this many", parsePositive, 20)
      .option("--radius <km>", "how far counts as near", parsePositive, 100),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl trip Lisbon\n  irl trip "Saint Louis, MO" --radius 50\n  irl trip "Montréal, QC, Canada" --json',
    )
    .action(async (words, options) => {
      const place = words.join(" ").trim();
      if (!place) throw new IrlError("usage", "name a place, e.g. irl trip Lisbon");
      await withStore(options, async (store) => {
        const trip = await planTrip(store, place, {
          limit: options.limit,
          radiusKm: options.radius,
        });
        if (options.json) {
          printJson({
            place: trip.place,
            near: trip.near,
            total: trip.total,
            people: trip.people.map((p) => ({
              id: p.person,
              name: p.name,
              where: p.where,
              score: p.score,
              strength: Math.round(p.strength * 1000) / 1000,
              tier: p.tier,
              metBefore: p.metBefore,
              places: p.places,
              reasons: p.reasons,
            })),
          });
          return;
        }
        if (trip.people.length === 0) {
          say(`Nobody irl knows of is in or near ${place} (near: ${trip.near}).`);
          return;
        }
        say(`Whom to meet in ${place} (${trip.total} found; near = ${trip.near}):`);
        say("");
        for (const [i, p] of trip.people.entries()) {
          say(
            `${i + 1}. ${p.name} (#${p.person})  ${p.where} · ${p.tier ?? "no tie"} ${p.strength.toFixed(2)}`,
          );
          for (const r of p.reasons) say(`     · ${r}`);
        }
      });
    });
}
