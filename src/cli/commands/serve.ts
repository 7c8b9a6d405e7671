/** `irl serve`: the local web app and its JSON API, on 127.0.0.1 unless told otherwise. */
import { spawn } from "node:child_process";
import { Command, Option } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { resolveLocation } from "../../store/location.js";
import { openStore } from "../../store/store.js";
import { DEFAULT_HOST, DEFAULT_PORT, isLoopback } from "../../web/loopback.js";
import { common } from "../context.js";
import { printJson, status } from "../output.js";

export function serveCommand() {
  return common(
    new Command("serve")
      .summary("the local web app (127.0.0.1 only)")
      .description(
        "Start irl's web app over your graph: home (IRL group, what is due), people, each person's\n" +
          "timeline and strength history, the network view, dupes review and import by drag and drop,\n" +
          "with a JSON API under /api (documented at /api/openapi.json). It listens on 127.0.0.1\n" +
          "only; --host binds elsewhere, with a warning: the app has no login, anyone who can reach\n" +
          "it can read and change your graph.",
      )
      .addOption(
        new Option("--port <n>", "the port (0 picks a free one)")
          .default(DEFAULT_PORT)
          .argParser(parsePort),
      )
      .option("--host <address>", "listen on this address instead of 127.0.0.1")
      .option("--open", "open the app in your browser"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl serve\n  irl serve --port 8080 --open\n  irl serve --db demo.db --port 0 --json   # prints { url }",
    )
    .action(async (options) => {
      const host = options.host ?? DEFAULT_HOST;
      if (options.host !== undefined && !isLoopback(host)) {
        status(
          `irl serve: warning: listening on ${host}, not only on this machine. irl has no login: ` +
            "anyone who can reach this address can read and change your graph.",
        );
      }
      const store = await openStore(resolveLocation(options.db));
      // The web app and its dependencies load only for this command (irl starts faster).
      const { startWebServer } = await import("../../web/server.js");
      let server: Awaited<ReturnType<typeof startWebServer>>;
      try {
        server = await startWebServer(store, { port: options.port, host });
      } catch (error) {
        await store.close();
        const e = error as NodeJS.ErrnoException;
        if (e.code === "EADDRINUSE") {
          throw new IrlError("usage", `port ${options.port} is in use: pick another with --port`);
        }
        throw new IrlError("usage", `cannot listen on ${host}:${options.port}: ${e.message}`);
      }
      if (options.json) printJson({ url: server.url, port: server.port });
      else status(`irl is at ${server.url} (Ctrl-C stops it)`);
      if (options.open) {
        const opener =
          process.platform === "darwin"
            ? "open"
            : process.platform === "win32"
              ? "explorer"
              : "xdg-open";
        spawn(opener, [server.url], { stdio: "ignore", detached: true })
          .on("error", () => status(`could not open a browser: visit ${server.url}`))
          .unref();
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      await store.close();
    });
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new IrlError("usage", `--port takes a port number 0–65535, not "${value}"`);
  }
  return n;
}
