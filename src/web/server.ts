/**
 * Starts the web app on a real socket: 127.0.0.1 unless told otherwise, the Host header then
 * checked against the loopback names with the port actually bound (port 0 picks a free one).
 *
 * @example
 * const server = await startWebServer(store, { port: 7878 });
 * console.log(server.url); // http://127.0.0.1:7878/
 * await server.close();
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Store } from "../store/store.js";
import { createWebApp } from "./app.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "./loopback.js";
import { loopbackHosts } from "./security.js";

export { DEFAULT_HOST, DEFAULT_PORT, isLoopback } from "./loopback.js";

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
  app: Awaited<ReturnType<typeof createWebApp>>["app"];
}

export async function startWebServer(
  store: Store,
  options: { port?: number; host?: string } = {},
): Promise<WebServer> {
  const host = options.host ?? DEFAULT_HOST;
  let hosts: string[] = [];
  const { app } = await createWebApp(store, { hosts: () => hosts });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () =>
      resolve(s),
    );
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  hosts = loopbackHosts(port, host);
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
