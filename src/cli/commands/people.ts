/** `irl people`: everyone in the graph, with what irl knows of your dialog with them. */
import { Command, Option } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { ensureTies } from "../../signals/compute-ties.js";
import { listedPersonJson, listPeople, tierCounts } from "../../signals/tie-list.js";
import { summarizeTiers, TIERS } from "../../signals/tiers.js";
import { common, withStore } from "../context.js";
import { ago, printJson, say, table } from "../output.js";

export { tieOf } from "../../signals/tie-list.js";

export function peopleCommand() {
  return common(
    new Command("people")
      .summary("the people in your graph")
      .description(
        "The people in your graph, strongest tie first: tie strength (0–1, from recency,\n" +
          "reciprocity, depth, channels and meetings), tier, and how much you have talked.\n" +
          "Tiers: irl (strong, two-way, met or ready to meet, or pinned), strong, growing,\n" +
          "dormant (was strong, quiet for much longer than usual), one-way, card-only (a card or\n" +
          "connection and nothing else). in/out = they wrote to you / you wrote to them.",
      )
      .addOption(new Option("--tier <tier>", "only this tier").choices(TIERS))
      .addOption(
        new Option("--sort <order>", "order of the list")
          .choices(["strength", "recent", "name", "interactions"] as const)
          .default("strength" as const),
      )
      .option("--limit <n>", "show at most this many", parsePositive),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl people --limit 20\n  irl people --tier irl\n  irl people --tier dormant --json\n  irl people --sort recent",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        await ensureTies(store);
        const people = await listPeople(store, {
          tier: options.tier,
          sort: options.sort,
          limit: options.limit,
        });
        const summary = summarizeTiers(await tierCounts(store));
        if (options.json) {
          printJson(people.map(listedPersonJson));
          return;
        }
        if (people.length === 0) {
          say("No people yet. Import an export first: irl import FILE (or try: irl demo)");
          return;
        }
        say(`${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`);
        say("");
        say(
          table(
            people.map((p) => [
              `#${p.id}`,
              p.name,
              p.strength.toFixed(2),
              p.tier,
              `${p.inbound}/${p.outbound}`,
              p.channels.join(", "),
              ago(p.lastAt),
            ]),
            ["id", "name", "strength", "tier", "in/out", "channels", "last"],
          ),
        );
      });
    });
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new IrlError("usage", `"${value}" is not a positive whole number`);
  return n;
}
