/** `irl suggest`: who to meet next, and why. */
import { Command } from "@commander-js/extra-typings";
import { suggest } from "../../plans/suggest.js";
import { common, withStore } from "../context.js";
import { printJson, say } from "../output.js";
import { parsePositive } from "./people.js";

export function suggestCommand() {
  return common(
    new Command("suggest")
      .summary("who to meet next, and why")
      .description(
        "People you have no real relationship with yet (no tie, only a card, or one-way), ranked\n" +
          "by how likely a relationship is: how many of your ties know them and how well, paths\n" +
          "through friends of friends, how active and how newly connected they are, and shared\n" +
          "interests. The model is the one `npm run eval:suggest` measures. Snoozed people are\n" +
          "left out (irl person X --snooze 30).",
      )
      .option("--limit <n>", "how many to suggest", parsePositive, 10),
  )
    .addHelpText("after", "\nExamples:\n  irl suggest\n  irl suggest --limit 5 --json")
    .action(async (options) => {
      await withStore(options, async (store) => {
        const list = await suggest(store, { limit: options.limit });
        if (options.json) {
          printJson(
            list.map((s) => ({
              id: s.id,
              name: s.name,
              score: Math.round(s.score * 1000) / 1000,
              tier: s.tier,
              reasons: s.reasons,
              mutuals: s.mutuals.map((m) => ({
                ...m,
                strength: Math.round(m.strength * 1000) / 1000,
              })),
            })),
          );
          return;
        }
        if (list.length === 0) {
          say(
            "No one to suggest yet: irl needs people your ties know (import more of your exports).",
          );
          return;
        }
        say("Who to meet next:");
        for (const [i, s] of list.entries()) {
          say(`  ${i + 1}. ${s.name} (#${s.id}${s.tier ? `, ${s.tier}` : ""})`);
          for (const r of s.reasons) say(`       · ${r}`);
        }
        say("");
        say("For a way in: irl intro #ID");
      });
    });
}
