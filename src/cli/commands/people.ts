/** `irl people`: everyone in the graph, with what irl knows of your dialog with them. */
import { Command, Option } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import type { PeopleSort } from "../../store/store.js";
import { common, withStore } from "../context.js";
import { ago, printJson, say, table } from "../output.js";

export function peopleCommand() {
  return common(
    new Command("people")
      .summary("the people in your graph")
      .description(
        "The people in your graph, with how much you have talked, in which direction and how\n" +
          "recently. inbound = they wrote to you, outbound = you wrote to them, observed = they\n" +
          "talked with someone else where you could see it.",
      )
      .addOption(
        new Option("--sort <order>", "order of the list")
          .choices(["recent", "name", "interactions"] as const)
          .default("recent" as const),
      )
      .option("--limit <n>", "show at most this many", parsePositive),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl people --limit 20\n  irl people --sort interactions --json",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        const people = await store.people({
          sort: options.sort as PeopleSort,
          limit: options.limit,
        });
        if (options.json) {
          printJson(
            people.map((p) => ({
              id: p.id,
              name: p.name,
              interactions: p.interactions,
              inbound: p.inbound,
              outbound: p.outbound,
              observed: p.observed,
              channels: p.channels,
              firstAt: p.firstAt === null ? null : new Date(p.firstAt).toISOString(),
              lastAt: p.lastAt === null ? null : new Date(p.lastAt).toISOString(),
            })),
          );
          return;
        }
        if (people.length === 0) {
          say("No people yet. Import an export first: irl import FILE (or try: irl demo)");
          return;
        }
        say(
          table(
            people.map((p) => [
              `#${p.id}`,
              p.name,
              String(p.interactions),
              `${p.inbound}/${p.outbound}`,
              p.channels.join(", "),
              ago(p.lastAt),
            ]),
            ["id", "name", "interactions", "in/out", "channels", "last"],
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
