/** `irl brief ATTENDEES`: the event brief for an attendee list — who to see, who to meet and why. */
import fs from "node:fs";
import { Command, Option } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import {
  briefFromFile,
  renderBriefHtml,
  renderBriefMarkdown,
  renderBriefText,
} from "../../plans/brief/index.js";
import { common, withStore } from "../context.js";
import { status } from "../output.js";
import { parsePositive } from "./people.js";

export function briefCommand() {
  return common(
    new Command("brief")
      .summary("the event brief for an attendee list")
      .description(
        "The brief for an event, from its attendee list: a CSV export from an event site, an\n" +
          "iCalendar file (the attendees of its events), or a text file with one name, e-mail,\n" +
          "site or @handle per line. Attendees are found in your graph by e-mail, site and handle,\n" +
          'then by name (nicknames, "Last, First", near spellings, with the company to tell\n' +
          "namesakes apart); irl says how sure it is and lists whom it cannot place.\n\n" +
          "Sections: people you know (strength, tier, what you last talked about); new people\n" +
          "worth meeting, ranked, each with why (shared interests, warm paths, that they reached\n" +
          "out, their latest post as a talking point); people you met once and never followed up;\n" +
          "who can introduce you; what the group cares about; one-way askers to be careful with.",
      )
      .argument("<attendees>", "the attendee list: .csv, .ics or a text file")
      .addOption(
        new Option("--format <format>", "output format")
          .choices(["text", "md", "html", "json"] as const)
          .default("text" as const),
      )
      .option("--out <file>", "write the brief to this file instead of stdout")
      .option("--limit <n>", "new people listed at most (all are ranked)", parsePositive),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl brief attendees.csv\n  irl brief meetup.ics --format html --out brief.html\n  irl brief names.txt --format md\n  irl brief attendees.csv --json",
    )
    .action(async (file, options) => {
      await withStore(options, async (store) => {
        const brief = await briefFromFile(store, file, { limit: options.limit });
        const format = options.json ? "json" : options.format;
        const text =
          format === "json"
            ? `${JSON.stringify(brief, null, 2)}\n`
            : format === "md"
              ? renderBriefMarkdown(brief)
              : format === "html"
                ? renderBriefHtml(brief)
                : renderBriefText(brief);
        if (options.out) {
          try {
            fs.writeFileSync(options.out, text);
          } catch (error) {
            throw new IrlError(
              "input",
              `${options.out}: cannot write the brief (${(error as Error).message})`,
              { file: options.out },
            );
          }
          status(`Wrote the brief for ${brief.counts.listed} attendees to ${options.out}`);
        } else {
          process.stdout.write(text);
        }
        if (brief.skipped.length > 0 && format !== "text")
          status(`${brief.skipped.length} lines of ${file} skipped (see the brief)`);
      });
    });
}
