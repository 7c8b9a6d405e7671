/** `irl events FILE…`: rank several events (attendee lists) by what each is worth to me. */
import { Command } from "@commander-js/extra-typings";
import { briefFromFile, rankEvents } from "../../plans/brief/index.js";
import { common, withStore } from "../context.js";
import { printJson, say } from "../output.js";

export function eventsCommand() {
  return common(
    new Command("events")
      .summary("rank events by what they are worth to you")
      .description(
        "Rank events by their attendee lists (CSV, iCalendar or text, as for irl brief): the\n" +
          "people you should see there (strong and dormant ties), the new people worth meeting,\n" +
          "and how much the group's interests overlap yours — each with its reasons.",
      )
      .argument("<files...>", "one attendee list per event"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl events summit.csv meetup.csv dinner.ics\n  irl events events/*.csv --json",
    )
    .action(async (files, options) => {
      await withStore(options, async (store) => {
        const briefs = [];
        for (const file of files) briefs.push(await briefFromFile(store, file));
        const ranked = rankEvents(briefs);
        if (options.json) {
          printJson(ranked.map((r) => ({ name: r.title, ...r })));
          return;
        }
        ranked.forEach((r, i) => {
          const when = r.start ? ` (${r.start.slice(0, 10)})` : "";
          say(`${i + 1}. ${r.title}${when} — worth ${r.value.toFixed(2)}`);
          say(
            `   see ${r.parts.see.toFixed(2)} · meet ${r.parts.meet.toFixed(2)} · interests ${r.parts.interests.toFixed(2)}   ${r.file}`,
          );
          for (const reason of r.reasons) say(`   · ${reason}`);
        });
      });
    });
}
