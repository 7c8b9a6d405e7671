/**
 * Runs the comment app on a real socket (@hono/node-server): `irl comments serve`, the tests
 * and the benchmark all start it here. Port 0 picks a free port; `close()` stops accepting,
 * waits for the graph writer's last batch and closes the mailer.
 *
 * @example
 * const server = await startCommentServer({ store, config, port: 0 });
 * console.log(server.url); // http://127.0.0.1:41234
 * await server.close();
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { commentApp } from "./app.js";
import type { CommentDeps, CommentService } from "./service.js";

export interface CommentServer {
  url: string;
  port: number;
  app: Hono;
  service: CommentService;
  close(): Promise<void>;
}

export async function startCommentServer(
  deps: CommentDeps & {
    port?: number;
    host?: string;
    mount?: (app: Hono, service: CommentService) => void;
  },
): Promise<CommentServer> {
  const { app, service } = commentApp(deps);
  deps.mount?.(app, service);
  await service.ready();
  const host = deps.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: deps.port ?? 8080, hostname: host }, () =>
      resolve(s),
    );
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    app,
    service,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await service.close();
    },
  };
}
