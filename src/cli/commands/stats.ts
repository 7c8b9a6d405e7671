/** `irl stats`: how much the graph holds. */
import { Command } from "@commander-js/extra-typings";
import { importLog } from "../../store/import-log.js";
import { common, withStore } from "../context.js";
import { ago, printJson, say, table } from "../output.js";

export function statsCommand() {
  return common(
    new Command("stats")
      .summary("counts: people, identities, interactions by channel, imports")
      .description("Counts of what the graph holds, and the files imported into it."),
  )
    .addHelpText("after", "\nExamples:\n  irl stats\n  irl stats --json")
    .action(async (options) => {
      await withStore(options, async (store) => {
        const stats = await store.stats();
        const imports = await store.imports();
        if (options.json) {
          printJson({ ...stats, importLog: await importLog(store) });
          return;
        }
        say(
          `${stats.people.toLocaleString("en-US")} people, ${stats.identities.toLocaleString("en-US")} identities, ${stats.interactions.toLocaleString("en-US")} interactions, ${stats.content.toLocaleString("en-US")} pieces of writing, ${stats.contacts.toLocaleString("en-US")} ties without dialog, ${stats.events} events`,
        );
        const channels = Object.entries(stats.byChannel);
        if (channels.length) {
          say("");
          say(
            table(
              channels.map(([c, n]) => [c, n.toLocaleString("en-US")]),
              ["channel", "interactions"],
            ),
          );
        }
        const directions = Object.entries(stats.byDirection);
        if (directions.length) {
          say("");
          say(
            table(
              directions.map(([d, n]) => [d, n.toLocaleString("en-US")]),
              ["direction", "interactions"],
            ),
          );
        }
        if (imports.length) {
          say("");
          say(
            table(
              imports.map((i) => [
                i.path,
                i.format,
                i.status === "running" ? "interrupted" : i.status,
                String(i.runs),
                `${i.added}+${i.unchanged}`,
                String(i.skipped),
                ago(Number(i.last_at)),
              ]),
              ["file", "format", "status", "runs", "records", "skipped", "last imported"],
            ),
          );
        }
      });
    });
}
