/** `irl dupes`: pairs of people that may be one person, for the user to merge or dismiss. */
import { Command } from "@commander-js/extra-typings";
import { acceptDupes, dismissDupe, listDupes } from "../../plans/corrections.js";
import { common, withStore } from "../context.js";
import { plural, printJson, say, status } from "../output.js";
import { parsePositive } from "./people.js";

export function dupesCommand() {
  return common(
    new Command("dupes")
      .summary("people who may be one person, for review")
      .description(
        "Pairs of people that may be the same person but that irl did not merge on its own —\n" +
          "most often because the only evidence is something typed into a public comment form,\n" +
          "which proves nothing about who owns an address. Each pair shows how likely it is and\n" +
          "why. Merge a pair with `irl merge A B`; dismiss it with `--dismiss N` (irl then keeps\n" +
          "the two apart, also in future imports).",
      )
      .option("--limit <n>", "pairs to show", parsePositive, 20)
      .option("--dismiss <n>", "the pair numbered N are different people", parsePositive)
      .option("--accept <n>", "the pair numbered N are one person: merge them", parsePositive)
      .option("--accept-all", "merge every pair on the list (after reviewing it!)"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl dupes\n  irl dupes --accept 2\n  irl dupes --dismiss 3\n  irl dupes --accept-all",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        if (options.dismiss !== undefined) {
          const pair = await dismissDupe(store, options.dismiss);
          status(`#${pair.a} and #${pair.b} are kept apart from now on.`);
          if (options.json) printJson({ dismissed: options.dismiss });
          return;
        }
        if (options.accept !== undefined || options.acceptAll) {
          const merged = await acceptDupes(store, options.accept ?? "all");
          status(`${plural(merged, "pair")} merged.`);
          if (options.json) printJson({ merged });
          return;
        }
        const pairs = await listDupes(store, options.limit);
        if (options.json) {
          printJson(pairs);
          return;
        }
        if (pairs.length === 0) {
          say("Nothing to review: irl is sure of everyone it merged and kept apart.");
          return;
        }
        say(`${plural(pairs.length, "pair")} to review (most likely first):`);
        for (const p of pairs) {
          say("");
          say(
            `[${p.pair}] #${p.a.id} ${p.a.name}  ↔  #${p.b.id} ${p.b.name}   ${Math.round(p.probability * 100)}% likely`,
          );
          for (const r of p.reasons) say(`      ${r}`);
        }
        say("");
        say("Merge with `irl merge #A #B`, or keep apart with `irl dupes --dismiss N`.");
      });
    });
}
