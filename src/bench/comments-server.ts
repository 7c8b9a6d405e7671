/**
 * The comment server for the `comments` benchmark, in a process of its own so that autocannon
 * (in the parent) does not share its event loop: `node comments-server.js DB`. Prints one JSON
 * line `{ url }` when listening; on SIGTERM it flushes the graph writer and prints
 * `{ closed: true }` before exiting. Rate limits are lifted (every client is 127.0.0.1 here),
 * request logging is off.
 */
import { commentConfig } from "../comments/config.js";
import { startCommentServer } from "../comments/server.js";
import { openStore } from "../store/store.js";

const [db] = process.argv.slice(2);
if (!db) throw new Error("usage: comments-server.js DB");
const store = await openStore({ dialect: "sqlite", location: db });
const server = await startCommentServer({
  store,
  port: 0,
  log: () => {},
  config: commentConfig({ ownerName: "Bench Owner", rateLimit: { burst: 1e9, perMs: 1 } }),
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => {
  server
    .close()
    .then(() => store.close())
    .then(() => {
      process.stdout.write(`${JSON.stringify({ closed: true })}\n`);
      process.exit(0);
    });
});
