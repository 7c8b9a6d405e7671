import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import tls from "node:tls";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../testing/stores.js";
import { OutboundRefused, type SafeFetchOptions, safeFetch } from "./safe-fetch.js";
import {
  type ConnectionSpy,
  type LocalServer,
  localServer,
  spyOnConnections,
  TEST_POLICY,
} from "./test-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let spy: ConnectionSpy;
let lookups: string[];
/** A look-up that records what was asked and answers from a fixed table. */
const lookupFrom =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    lookups.push(host);
    const found = table[host];
    if (!found) throw Object.assign(new Error(`no such host ${host}`), { code: "ENOTFOUND" });
    return found;
  };

beforeEach(() => {
  lookups = [];
  spy = spyOnConnections();
});
afterEach(() => spy.restore());

async function refusal(url: string, options: SafeFetchOptions = {}): Promise<OutboundRefused> {
  try {
    await safeFetch(url, { lookup: lookupFrom({}), ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundRefused);
    return error as OutboundRefused;
  }
  throw new Error(`${url} was fetched, not refused`);
}

describe("refusals decided before any connection", () => {
  it.each([
    ["http://127.0.0.1/", "address", /loopback address 127\.0\.0\.1/],
    ["http://localhost/", "host", /this machine/],
    ["http://LOCALHOST.:8080/admin", "host", /this machine/],
    ["http://[::1]/", "address", /loopback/],
    ["http://[::ffff:127.0.0.1]/", "address", /loopback.*IPv4-mapped/],
    ["http://0.0.0.0/", "address", /unspecified/],
    ["http://2130706433/", "address", /loopback address 127\.0\.0\.1/],
    ["http://0x7f.1/", "address", /loopback address 127\.0\.0\.1/],
    ["http://0177.0.0.1/", "address", /loopback/],
    ["http://127.1:5432/", "address", /loopback/],
    ["http://10.0.0.1/", "address", /private/],
    ["http://169.254.169.254/latest/meta-data/", "address", /link-local/],
    ["https://[fd00::1]/", "address", /unique-local/],
    ["http://printer.local/", "host", /local-network/],
    ["http://intranet/", "host", /single-label/],
  ])("%s is refused (%s)", async (url, reason, detail) => {
    const error = await refusal(url);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(detail);
    expect(error.message).toContain(new URL(url).host);
    expect(error.code).toBe("input");
    expect(spy.targets).toEqual([]);
    expect(lookups).toEqual([]);
  });

  it("refuses a name that resolves to a private address, after one look-up", async () => {
    const error = await refusal("https://evil.example/", {
      lookup: lookupFrom({ "evil.example": ["10.1.2.3"] }),
    });
    expect(error.reason).toBe("address");
    expect(error.message).toMatch(/evil\.example resolves to private network address 10\.1\.2\.3/);
    expect(lookups).toEqual(["evil.example"]);
    expect(spy.targets).toEqual([]);
  });

  it("refuses a name when any one of its addresses is refused", async () => {
    const error = await refusal("http://mixed.example/", {
      lookup: lookupFrom({ "mixed.example": ["93.184.215.14", "::ffff:169.254.169.254"] }),
    });
    expect(error.reason).toBe("address");
    expect(error.message).toMatch(/169\.254\.169\.254/);
    expect(spy.targets).toEqual([]);
  });

  it("refuses a name that does not resolve, naming it", async () => {
    const error = await refusal("http://gone.example/");
    expect(error.reason).toBe("dns");
    expect(error.message).toMatch(/gone\.example does not resolve \(ENOTFOUND\)/);
    expect(spy.targets).toEqual([]);
  });

  it.each([
    ["file:///etc/passwd", "scheme"],
    ["ftp://files.example/x", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["gopher://127.0.0.1:6379/_INFO", "scheme"],
    ["not a url", "url"],
    ["http://[::1/", "url"],
    ["http://999.1.1.1/", "url"],
  ])("refuses %s (%s)", async (url, reason) => {
    expect((await refusal(url)).reason).toBe(reason);
    expect(spy.targets).toEqual([]);
  });

  it("refuses userinfo and never shows the password", async () => {
    const error = await refusal("http://ada:hunter2@blog.example/");
    expect(error.reason).toBe("userinfo");
    expect(error.message).not.toContain("hunter2");
    expect(lookups).toEqual([]);
  });

  it("refuses the test server itself without the test-only allowance", async () => {
    const server = await localServer((_req, res) => res.end("secret"));
    try {
      const error = await refusal(server.url("/"));
      expect(error.reason).toBe("address");
      expect(server.hits).toEqual([]);
      expect(spy.targets).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("fetching from a local server (allowed by the test-only policy)", () => {
  let server: LocalServer;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
  beforeEach(async () => {
    server = await localServer((req, res) => handler(req, res));
  });
  afterEach(() => server.close());

  it("returns status, headers and body", async () => {
    handler = (_req, res) => {
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.setHeader("x-thing", "42");
      res.end("héllo");
    };
    const res = await safeFetch(server.url("/page"), {
      policy: TEST_POLICY,
      headers: { "X-Asked": "yes" },
    });
    expect(res.status).toBe(200);
    expect(res.body.toString("utf8")).toBe("héllo");
    expect(res.headers["x-thing"]).toBe("42");
    expect(res.url).toBe(server.url("/page"));
    expect(res.redirects).toEqual([]);
    expect(server.hits[0]?.headers["x-asked"]).toBe("yes");
    expect(spy.targets).toEqual([`127.0.0.1:${server.port}`]);
  });

  it("HEAD reads no body", async () => {
    handler = (_req, res) => {
      res.setHeader("content-length", "5");
      res.end("hello");
    };
    const res = await safeFetch(server.url("/"), { policy: TEST_POLICY, method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(server.hits[0]?.method).toBe("HEAD");
  });

  it("connects to the checked address while Host keeps the name, and looks it up once", async () => {
    handler = (req, res) => res.end(req.headers.host);
    // A rebinding resolver: the first answer passes the check, later ones would not.
    let calls = 0;
    const rebinding = async () => (++calls === 1 ? ["127.0.0.1"] : ["10.0.0.1"]);
    const res = await safeFetch(`http://blog.test:${server.port}/`, {
      policy: TEST_POLICY,
      lookup: rebinding,
    });
    expect(res.body.toString()).toBe(`blog.test:${server.port}`);
    expect(calls).toBe(1);
    expect(spy.targets).toEqual([`127.0.0.1:${server.port}`]);
  });

  it("connects to a resolved IPv4 address before an IPv6 one", async () => {
    handler = (_req, res) => res.end("v4");
    const res = await safeFetch(`http://dual.test:${server.port}/`, {
      policy: TEST_POLICY,
      lookup: lookupFrom({ "dual.test": ["2606:4700:4700::1111", "127.0.0.1"] }),
    });
    expect(res.body.toString()).toBe("v4");
    expect(spy.targets).toEqual([`127.0.0.1:${server.port}`]);
  });

  it.each([
    "http://10.0.0.1/",
    "http://169.254.169.254/latest",
    "http://[::ffff:a9fe:a9fe]/latest",
    "http://localhost/",
    "file:///etc/passwd",
  ])("refuses a redirect to %s without connecting there", async (target) => {
    handler = (_req, res) => {
      res.writeHead(302, { location: target });
      res.end();
    };
    const error = await refusal(server.url("/start"), { policy: TEST_POLICY });
    expect(["address", "host", "scheme"]).toContain(error.reason);
    expect(error.url).toBe(new URL(target).href);
    expect(server.hits.map((h) => h.path)).toEqual(["/start"]);
    expect(spy.targets).toEqual([`127.0.0.1:${server.port}`]);
  });

  it("refuses a redirect to a name that resolves to a private address", async () => {
    handler = (_req, res) => {
      res.writeHead(301, { location: "http://internal.example/admin" });
      res.end();
    };
    const error = await refusal(server.url("/"), {
      policy: TEST_POLICY,
      lookup: lookupFrom({ "internal.example": ["192.168.0.10"] }),
    });
    expect(error.reason).toBe("address");
    expect(error.url).toBe("http://internal.example/admin");
    expect(spy.targets).toEqual([`127.0.0.1:${server.port}`]);
  });

  it("follows relative and absolute redirects, listing them", async () => {
    handler = (req, res) => {
      if (req.url === "/a") res.writeHead(301, { location: "/b" }).end();
      else if (req.url === "/b") res.writeHead(307, { location: server.url("/c?x=1") }).end();
      else res.end(`at ${req.url}`);
    };
    const res = await safeFetch(server.url("/a"), { policy: TEST_POLICY });
    expect(res.body.toString()).toBe("at /c?x=1");
    expect(res.url).toBe(server.url("/c?x=1"));
    expect(res.redirects).toEqual([server.url("/b"), server.url("/c?x=1")]);
  });

  it("stops after maxRedirects", async () => {
    handler = (req, res) => {
      const n = Number(req.url?.slice(1)) || 0;
      res.writeHead(302, { location: `/${n + 1}` }).end();
    };
    const error = await refusal(server.url("/0"), { policy: TEST_POLICY, maxRedirects: 3 });
    expect(error.reason).toBe("redirects");
    expect(error.message).toMatch(/more than 3 redirects/);
    expect(server.hits.length).toBe(4);
  });

  it("drops credentials when a redirect leaves the origin", async () => {
    handler = (req, res) => {
      if (req.url === "/a") res.writeHead(302, { location: `http://other.test:${server.port}/b` });
      res.end();
    };
    await safeFetch(server.url("/a"), {
      policy: TEST_POLICY,
      headers: { Authorization: "Bearer x", Cookie: "s=1", "X-Kept": "1" },
      lookup: lookupFrom({ "other.test": ["127.0.0.1"] }),
    });
    const [first, second] = server.hits;
    expect(first?.headers.authorization).toBe("Bearer x");
    expect(second?.headers.host).toBe(`other.test:${server.port}`);
    expect(second?.headers.authorization).toBeUndefined();
    expect(second?.headers.cookie).toBeUndefined();
    expect(second?.headers["x-kept"]).toBe("1");
  });

  it("aborts a body larger than maxBytes while it streams", async () => {
    let written = 0;
    let closed: (finished: boolean) => void = () => {};
    const serverSaw = new Promise<boolean>((resolve) => {
      closed = resolve;
    });
    handler = async (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.on("close", () => closed(res.writableFinished));
      const chunk = Buffer.alloc(16 * 1024, 97);
      while (written < 64 * 1024 * 1024 && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
      }
      res.end();
    };
    const error = await refusal(server.url("/big"), { policy: TEST_POLICY, maxBytes: 100_000 });
    expect(error.reason).toBe("too-large");
    expect(error.message).toMatch(/over 100000 bytes/);
    // The server sees the connection closed before it finished writing.
    const finished = await Promise.race([serverSaw, sleep(10_000).then(() => "no close")]);
    expect(finished).toBe(false);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over maxBytes before reading", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": String(5_000_000) });
      res.write("x");
    };
    const error = await refusal(server.url("/"), { policy: TEST_POLICY, maxBytes: 1000 });
    expect(error.reason).toBe("too-large");
    expect(error.message).toMatch(/5000000 bytes, over 1000/);
  });

  it("counts the decompressed bytes, so a small gzip bomb is cut off", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    handler = (_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    };
    expect(bomb.length).toBeLessThan(100_000);
    const error = await refusal(server.url("/"), { policy: TEST_POLICY, maxBytes: 1_000_000 });
    expect(error.reason).toBe("too-large");
  });

  it("keeps a body of exactly maxBytes", async () => {
    handler = (_req, res) => res.end(Buffer.alloc(1000, 98));
    const res = await safeFetch(server.url("/"), { policy: TEST_POLICY, maxBytes: 1000 });
    expect(res.body.length).toBe(1000);
  });

  it("aborts a server that answers slowly, at the deadline", async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write("first bytes");
      // and then nothing
    };
    const started = performance.now();
    const error = await refusal(server.url("/slow"), { policy: TEST_POLICY, timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(error.reason).toBe("timeout");
    expect(error.message).toMatch(/within 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it("aborts a server that never answers", async () => {
    handler = () => {};
    const started = performance.now();
    const error = await refusal(server.url("/"), { policy: TEST_POLICY, timeoutMs: 250 });
    expect(error.reason).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("counts a slow look-up against the deadline", async () => {
    const error = await refusal("http://slow-dns.example/", {
      timeoutMs: 200,
      lookup: () => new Promise(() => {}),
    });
    expect(error.reason).toBe("timeout");
  });
});

describe("failures", () => {
  it("a closed port is a network failure naming the URL", async () => {
    const server = await localServer((_req, res) => res.end());
    const url = server.url("/");
    await server.close();
    const error = await refusal(url, { policy: TEST_POLICY });
    expect(error.reason).toBe("network");
    expect(error.message).toContain(url);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("a caller's signal aborts the request", async () => {
    const server = await localServer(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await refusal(server.url("/"), {
        policy: TEST_POLICY,
        signal: controller.signal,
      });
      expect(error.reason).toBe("aborted");
    } finally {
      await server.close();
    }
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)("https to a pinned address", () => {
  it("sends the name as SNI and checks the certificate against it", async () => {
    const dir = tempDir("irl-net-");
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=blog.test",
      ],
      { stdio: "ignore" },
    );
    const context = tls.createSecureContext({
      key: fs.readFileSync(key),
      cert: fs.readFileSync(cert),
    });
    const sni: string[] = [];
    const server = tls.createServer(
      {
        key: fs.readFileSync(key),
        cert: fs.readFileSync(cert),
        SNICallback: (name, done) => {
          sni.push(name);
          done(null, context);
        },
      },
      (socket) => socket.end(),
    );
    server.on("tlsClientError", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const error = await refusal(`https://blog.test:${port}/`, {
        policy: TEST_POLICY,
        lookup: lookupFrom({ "blog.test": ["127.0.0.1"] }),
      });
      // The self-signed certificate is refused: the check ran, against the name.
      expect(error.reason).toBe("network");
      expect(error.message).toMatch(/self[- ]signed/i);
      expect(sni).toEqual(["blog.test"]);
      expect(spy.targets).toEqual([`127.0.0.1:${port}`]);
    } finally {
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
