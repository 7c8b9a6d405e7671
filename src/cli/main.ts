/**
 * The `irl` command line: one file per command under `commands/`, and the one place where
 * errors become exit statuses (0 ok, 1 failed, 2 bad usage).
 *
 * @example
 * process.exitCode = await main(["stats", "--json"]);
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { exitCodeFor, IrlError } from "../errors.js";
import { briefCommand } from "./commands/brief.js";
import { commentsCommand } from "./commands/comments.js";
import { demoCommand } from "./commands/demo.js";
import { dueCommand } from "./commands/due.js";
import { dupesCommand } from "./commands/dupes.js";
import { engageCommand } from "./commands/engage.js";
import { eventsCommand } from "./commands/events.js";
import { exportCommand } from "./commands/export.js";
import { forgetCommand } from "./commands/forget.js";
import { importCommand } from "./commands/import.js";
import { introCommand } from "./commands/intro.js";
import { matchCommand } from "./commands/match.js";
import { meCommand } from "./commands/me.js";
import { mergeCommand } from "./commands/merge.js";
import { peopleCommand } from "./commands/people.js";
import { personCommand } from "./commands/person.js";
import { sampleCommand } from "./commands/sample.js";
import { serveCommand } from "./commands/serve.js";
import { splitCommand } from "./commands/split.js";
import { statsCommand } from "./commands/stats.js";
import { suggestCommand } from "./commands/suggest.js";
import { tripCommand } from "./commands/trip.js";

export function program(): Command {
  const cli = new Command("irl")
    .description(
      "irl — relationship-first networking. Import your own exports, see who you really know.\n" +
        "Data stays on this machine: no telemetry, no network access unless a command asks for it.",
    )
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nStart here:\n  irl demo                    see what irl does, on bundled sample data\n" +
        "  irl import blog-export.xml  import your own export\n  irl people                  who is in your graph\n\n" +
        "Every command takes --db FILE (default $IRL_DB, else ~/.local/share/irl/irl.db) and --json.",
    );
  for (const make of [
    importCommand,
    meCommand,
    statsCommand,
    peopleCommand,
    personCommand,
    dueCommand,
    introCommand,
    suggestCommand,
    briefCommand,
    eventsCommand,
    dupesCommand,
    mergeCommand,
    splitCommand,
    forgetCommand,
    exportCommand,
    matchCommand,
    tripCommand,
    engageCommand,
    demoCommand,
    sampleCommand,
    serveCommand,
    commentsCommand,
  ]) {
    cli.addCommand(make());
  }
  cli.exitOverride();
  for (const c of [cli, ...cli.commands]) {
    c.exitOverride();
    c.configureHelp({ helpWidth: 100 });
  }
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  // `irl people | head`: a reader that stops early is not a failure.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  try {
    await program().parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; commander has already printed the message.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof IrlError) {
      process.stderr.write(`irl: ${error.message}\n`);
      return exitCodeFor(error);
    }
    process.stderr.write(`irl: unexpected failure: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
