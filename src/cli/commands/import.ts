/** `irl import PATH…`: files, folders or exports into the graph, with a summary. */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { type ImportSummary, runImport } from "../../pipeline/run-import.js";
import { ensureInterests } from "../../signals/interests/index.js";
import { formats } from "../../sources/index.js";
import { common, withStore } from "../context.js";
import { plural, printJson, say, status } from "../output.js";
import { importProgress } from "../progress.js";
import { parseMyIdentity } from "./me.js";

export function importCommand() {
  return common(
    new Command("import")
      .summary("import export files or folders")
      .description(
        "Import export files, whole folders, or the .zip an export service hands out. The format\n" +
          "of each file is detected from its content; importing the same file again adds nothing.\n" +
          "Files in folders and archives that are not exports (READMEs, media) are counted and skipped.\n\n" +
          `Formats:\n${formats.map((f) => `  ${f.format.padEnd(9)} ${f.description}`).join("\n")}`,
      )
      .argument("<path...>", "files or folders to import")
      .option("--as <format>", "treat every file as this format instead of detecting it")
      .option(
        "--map <column=field...>",
        "for CSV files: read a column as a field (name, email, organization, title, url, …)",
      )
      .option(
        "--me <id...>",
        "your own identities (e-mail, site URL, @handle); they replace the owner the export names",
      ),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl import blog-export.xml\n  irl import twitter-archive.zip linkedin-export/\n  irl import mail.mbox --me ada@example.org\n  irl import attendees.csv --map "Attendee=name" --map "Work e-mail=email"\n  irl import wordpress.xml --json',
    )
    .action(async (paths, options) => {
      const code = await withStore(options, async (store) => {
        const bar = importProgress({ enabled: !options.json && process.stderr.isTTY === true });
        let summary: ImportSummary;
        try {
          summary = await runImport(store, paths, {
            as: options.as,
            me: options.me?.map(parseMyIdentity),
            map: options.map ? parseMap(options.map) : undefined,
            onProgress: bar.update,
          });
        } finally {
          bar.stop();
        }
        // What everyone writes about, kept fresh like ties (reads recompute it too when stale).
        if (summary.added > 0 || summary.resolution) await ensureInterests(store);
        if (options.json) printJson(summary);
        else printSummary(summary);
        return summary.errors.length > 0 ? 1 : 0;
      });
      process.exitCode = code;
    });
}

/** `["Work Email=email", "Org=organization"]` → `{ "Work Email": "email", Org: "organization" }`. */
function parseMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    if (at < 1 || at === pair.length - 1) {
      throw new IrlError("usage", `--map ${pair}: write it as "Column header=field"`);
    }
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}

function printSummary(s: ImportSummary): void {
  for (const f of s.files) {
    const parts = [
      `${plural(f.added, "new record")}`,
      `${f.unchanged.toLocaleString("en-US")} unchanged`,
    ];
    if (f.skipped) parts.push(`${f.skipped.toLocaleString("en-US")} skipped`);
    say(`${f.file}${f.format ? ` (${f.format})` : ""}: ${parts.join(", ")}`);
  }
  say(
    `Imported ${plural(s.files.length, "file")}: ${plural(s.added, "new record")}, ` +
      `${s.unchanged.toLocaleString("en-US")} unchanged, ${s.skipped.toLocaleString("en-US")} skipped; ` +
      `${plural(s.peopleAdded, "new person", "new people")}.`,
  );
  const reasons = Object.entries(s.skippedBy).sort((a, b) => b[1] - a[1]);
  if (reasons.length) say(`Skipped: ${reasons.map(([r, n]) => `${r} ${n}`).join(", ")}.`);
  for (const e of s.errors) status(`error: ${e.file}: ${e.place}: ${e.message}`);
}
