/** `irl export vcard|csv|json`: the people in the graph, in formats other tools read back. */
import fs from "node:fs";
import { Argument, Command } from "@commander-js/extra-typings";
import { csvLines } from "../../export/csv.js";
import { exportPeople } from "../../export/people.js";
import { vcards } from "../../export/vcard.js";
import { common, withStore } from "../context.js";
import { status } from "../output.js";

export function exportCommand() {
  return common(
    new Command("export")
      .summary("write the people as vCard, CSV or JSON")
      .description(
        "Write everyone in the graph (but you) with the identities and details irl knows them by,\n" +
          "to stdout or --out FILE. vCard (4.0) is for address books and reads back into irl as\n" +
          "the same people; CSV is for spreadsheets; JSON is everything, for scripts.",
      )
      .addArgument(
        new Argument("<format>", "what to write").choices(["vcard", "csv", "json"] as const),
      )
      .option("--out <file>", "write to this file instead of stdout"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl export vcard --out people.vcf\n  irl export csv > people.csv\n  irl export json | jq '.[0]'",
    )
    .action(async (format, options) => {
      await withStore(options, async (store) => {
        const people = await exportPeople(store);
        const pieces =
          format === "vcard"
            ? vcards(people)
            : format === "csv"
              ? csvLines(people)
              : [`${JSON.stringify(people.map(toJson), null, 2)}\n`];
        const out: NodeJS.WritableStream = options.out
          ? fs.createWriteStream(options.out)
          : process.stdout;
        for (const piece of pieces) {
          if (!out.write(piece))
            await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        }
        if (options.out) {
          await new Promise<void>((resolve, reject) => {
            out.once("error", reject);
            (out as fs.WriteStream).end(resolve);
          });
          status(`Wrote ${people.length} people to ${options.out}.`);
        }
      });
    });
}

function toJson(p: Awaited<ReturnType<typeof exportPeople>>[number]) {
  return {
    id: p.id,
    name: p.name,
    identities: p.identities.map((i) => ({ kind: i.kind, value: i.display })),
    details: p.details,
    interactions: p.interactions,
    channels: p.channels,
    lastAt: p.lastAt === null ? null : new Date(p.lastAt).toISOString(),
  };
}
