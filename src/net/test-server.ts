/**
 * For tests of the outbound guard: a real HTTP server on 127.0.0.1 that records every request
 * (when it came, what it asked, with which headers), and a spy on every TCP and TLS connection
 * the process opens, so a test can assert that a refused fetch connected nowhere.
 * Never imported by production code.
 *
 * @example
 * const server = await localServer((req, res) => res.end("hi"));
 * await safeFetch(server.url("/"), { policy: TEST_POLICY });
 * server.hits[0]?.path; // "/"
 * await server.close();
 */
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import type { AddressPolicy } from "./address-policy.js";

/** The test-only allowance: the local test server's address, and nothing else. */
export const TEST_POLICY: AddressPolicy = { allowAddresses: ["127.0.0.1"] };

export interface Hit {
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface LocalServer {
  readonly port: number;
  readonly origin: string;
  readonly hits: Hit[];
  url(path: string): string;
  close(): Promise<void>;
}

export async function localServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
): Promise<LocalServer> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    hits.push({
      at: performance.now(),
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
    });
    Promise.resolve(handler(req, res)).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    hits,
    url: (path) => `${origin}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ConnectionSpy {
  /** Where each connection went: "host:port". */
  readonly targets: string[];
  restore(): void;
}

/** Records every `net.connect` / `tls.connect` (what undici uses) until `restore()`. */
export function spyOnConnections(): ConnectionSpy {
  const targets: string[] = [];
  const realNet = net.connect;
  const realTls = tls.connect;
  const record = (args: unknown[]) => {
    const first = args[0];
    if (first && typeof first === "object") {
      const o = first as { host?: string; port?: number; path?: string };
      targets.push(o.path ?? `${o.host ?? "localhost"}:${o.port ?? ""}`);
    } else {
      targets.push(`${String(args[1] ?? "localhost")}:${String(first)}`);
    }
  };
  net.connect = ((...args: unknown[]) => {
    record(args);
    return (realNet as (...a: unknown[]) => net.Socket)(...args);
  }) as typeof net.connect;
  tls.connect = ((...args: unknown[]) => {
    record(args);
    return (realTls as (...a: unknown[]) => tls.TLSSocket)(...args);
  }) as typeof tls.connect;
  return {
    targets,
    restore() {
      net.connect = realNet;
      tls.connect = realTls;
    },
  };
}
