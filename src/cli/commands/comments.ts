/**
 * `irl comments …`: the public comment service for a blog — `serve` runs it, `passwd` sets the
 * admin password, `import` loads old comments from a WXR or Disqus export (into the service and
 * the graph), `export` writes every comment as JSON.
 *
 * @example
 * irl comments serve --port 8080 --owner-name "Ada" --origin https://ada.example
 */
import fs from "node:fs";
import { Command, Option } from "@commander-js/extra-typings";
import { commentConfig, type SmtpSettings } from "../../comments/config.js";
import { hasAdminPassword, setAdminPassword } from "../../comments/settings.js";
import { IrlError } from "../../errors.js";
import { runImport } from "../../pipeline/run-import.js";
import { common, withStore } from "../context.js";
import { printJson, say, status } from "../output.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new IrlError("usage", `--port ${value}: not a port number`);
  return n;
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new IrlError("usage", `--edit-minutes ${value}: not a number of minutes`);
  return n;
}

function origin(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === "http:" || u.protocol === "https:") return u.origin;
  } catch {
    // below
  }
  throw new IrlError("usage", `--origin ${value}: not an http(s) URL`);
}

function serveCommand() {
  return common(
    new Command("serve")
      .summary("run the comment service")
      .description(
        "Serve the comment service: the embed (/embed.js), the threads without JavaScript\n" +
          "(/thread?page=URL), counts, Atom feeds (/feed.atom) and the admin page (/admin).\n" +
          "Approved comments become interactions in your graph. One log line per request on stderr.",
      )
      .addOption(new Option("--port <n>", "port to listen on").argParser(port).default(8080))
      .option("--host <address>", "address to listen on (0.0.0.0 to face the network)", "127.0.0.1")
      .option("--owner-name <name>", "how your replies are signed", "the author")
      .option("--owner-email <address>", "where new-comment notifications go (with --smtp-host)")
      .option("--origin <url...>", "sites allowed to embed threads (default: any)", collect)
      .option("--trusted-proxy <cidr...>", "proxies whose X-Forwarded-For is believed", collect)
      .addOption(
        new Option("--edit-minutes <n>", "how long authors may edit")
          .argParser(minutes)
          .default(15),
      )
      .option("--smtp-host <host>", "send e-mail notifications through this SMTP server")
      .addOption(new Option("--smtp-port <n>", "SMTP port").argParser(port).default(587))
      .option("--smtp-user <user>", "SMTP user (password in IRL_SMTP_PASSWORD)")
      .option("--mail-from <address>", "sender of notifications"),
  )
    .addHelpText(
      "after",
      "\nThe admin password: irl comments passwd, or IRL_COMMENTS_PASSWORD in the environment.\n\n" +
        "Examples:\n  irl comments serve --owner-name Ada --origin https://ada.example\n" +
        "  irl comments serve --host 0.0.0.0 --trusted-proxy 127.0.0.1/32 --owner-email ada@example.org \\\n" +
        "      --smtp-host smtp.example.org --mail-from comments@ada.example\n\n" +
        'On the blog: <script src="https://comments.ada.example/embed.js" data-page="https://ada.example/post"></script>',
    )
    .action(async (options) => {
      let smtp: SmtpSettings | undefined;
      if (options.smtpHost) {
        const from = options.mailFrom ?? options.ownerEmail;
        if (!from) throw new IrlError("usage", "--smtp-host needs --mail-from (or --owner-email)");
        smtp = {
          host: options.smtpHost,
          port: options.smtpPort,
          from,
          ...(options.smtpUser
            ? { user: options.smtpUser, pass: process.env.IRL_SMTP_PASSWORD ?? "" }
            : {}),
        };
      }
      const config = commentConfig({
        ownerName: options.ownerName,
        ownerEmail: options.ownerEmail,
        origins: (options.origin ?? []).map(origin),
        trustedProxies: options.trustedProxy ?? [],
        editWindowMs: options.editMinutes * 60_000,
        smtp,
        adminPassword: process.env.IRL_COMMENTS_PASSWORD || undefined,
      });
      await withStore(options, async (store) => {
        if (!config.adminPassword && !(await hasAdminPassword(store))) {
          status(
            "irl comments: no admin password yet; set one with `irl comments passwd` to use /admin",
          );
        }
        // The server and its dependencies load only for this command (irl starts faster).
        const { startCommentServer } = await import("../../comments/server.js");
        const server = await startCommentServer({
          store,
          config,
          port: options.port,
          host: options.host,
        });
        status(
          `irl comments: serving on ${server.url} (embed: ${server.url}/embed.js, admin: ${server.url}/admin)`,
        );
        if (options.json) printJson({ url: server.url });
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve();
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
        status("irl comments: stopping");
        await server.close();
      });
    });
}

function passwdCommand() {
  return common(
    new Command("passwd")
      .summary("set the admin password")
      .description(
        "Set the password of the comment service's admin page. It is read from stdin (one line)\n" +
          "and stored only as an scrypt hash. IRL_COMMENTS_PASSWORD, when set, stands in for it.",
      ),
  )
    .addHelpText(
      "after",
      "\nExample:\n  irl comments passwd < password.txt\n  printf '%s' \"$PW\" | irl comments passwd",
    )
    .action(async (options) => {
      if (process.stdin.isTTY) process.stderr.write("New admin password (the line is echoed): ");
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
      }
      const password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
      await withStore(options, async (store) => {
        await setAdminPassword(store, password);
      });
      if (options.json) printJson({ set: true });
      else status("The admin password is set.");
    });
}

function importCommentsCommand() {
  return common(
    new Command("import")
      .summary("load old comments from a WXR or Disqus export")
      .description(
        "Load a blog's comments from a WordPress (WXR) or Disqus export into the comment service,\n" +
          "with their threads, and into your graph (as `irl import FILE` would). Importing twice\n" +
          "adds nothing. Spam, trash, pingbacks and trackbacks are counted and left out.",
      )
      .argument("<file>", "the export file")
      .option("--no-graph", "load the comment service only, not the graph")
      .option("--owner-name <name>", "name for the owner's comments that carry none"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl comments import blog.WordPress.2024-05-01.xml\n  irl comments import disqus-export.xml --json",
    )
    .action(async (file, options) => {
      if (!fs.existsSync(file)) throw new IrlError("not_found", `${file}: no such file`);
      await withStore(options, async (store) => {
        const { importComments } = await import("../../comments/import-comments.js");
        const summary = await importComments(store, file, { ownerName: options.ownerName });
        const graph = options.graph ? await runImport(store, [file]) : undefined;
        if (options.json) {
          printJson({
            ...summary,
            graph: graph
              ? {
                  added: graph.added,
                  unchanged: graph.unchanged,
                  skipped: graph.skipped,
                  errors: graph.errors,
                }
              : null,
          });
          return;
        }
        say(
          `${summary.file} (${summary.format}): ${summary.added} comments added, ${summary.unchanged} already there, ` +
            `${summary.replies} replies linked, on ${summary.pages} pages.`,
        );
        const skips = Object.entries(summary.skippedBy).map(([r, n]) => `${n} ${r}`);
        if (skips.length) say(`Left out: ${skips.join(", ")}.`);
        if (graph) say(`Graph: ${graph.added} added, ${graph.unchanged} unchanged.`);
      });
    });
}

function exportCommentsCommand() {
  return common(
    new Command("export")
      .summary("write every comment as JSON")
      .description(
        "Write every comment the service holds (all statuses, threads as parent ids) as JSON.",
      )
      .option("--out <file>", "write to this file instead of stdout"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl comments export > comments.json\n  irl comments export --out comments.json",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
        const { exportComments } = await import("../../comments/export-comments.js");
        const n = await exportComments(store, out);
        if (options.out) {
          await new Promise<void>((resolve, reject) => {
            out.once("error", reject);
            (out as fs.WriteStream).end(resolve);
          });
          status(`Wrote ${n} comments to ${options.out}.`);
        }
      });
    });
}

export function commentsCommand() {
  const group = new Command("comments")
    .summary("the comment service for your blog")
    .description(
      "A self-hosted comment service any blog can embed with one script tag; every approved\n" +
        "comment and reply becomes an interaction in your graph.",
    );
  for (const sub of [
    serveCommand(),
    passwdCommand(),
    importCommentsCommand(),
    exportCommentsCommand(),
  ]) {
    sub.exitOverride();
    sub.configureHelp({ helpWidth: 100 });
    group.addCommand(sub);
  }
  return group;
}
