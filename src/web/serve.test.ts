/**
 * `irl serve` as a user runs it: the real binary on a free port of 127.0.0.1 prints its URL,
 * answers there, refuses another Host name, warns before listening beyond this machine, and
 * rejects a bad port as bad usage (exit 2).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IRL_BIN, runIrl } from "../testing/cli.js";
import { tempDir } from "../testing/stores.js";

const dir = tempDir("irl-serve-");
const db = path.join(dir, "irl.db");

function serve(args: string[]) {
  const child = spawn(
    process.execPath,
    [IRL_BIN, "serve", "--db", db, "--port", "0", "--json", ...args],
    {
      env: { ...process.env, IRL_DB: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        // not all of it yet
      }
    });
    child.on("close", (code) => reject(new Error(`irl serve exited ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

describe("irl serve", () => {
  it("listens on 127.0.0.1, answers its pages, and refuses a foreign Host", async () => {
    const s = serve([]);
    try {
      const url = await s.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("No people yet");
      const api = await fetch(`${url}api/stats`);
      expect(((await api.json()) as { people: number }).people).toBe(0);
      const port = new URL(url).port;
      const foreign = await new Promise<number>((resolve, reject) => {
        import("node:http").then(({ default: http }) =>
          http
            .get(
              { host: "127.0.0.1", port, path: "/", headers: { host: `rebound.example:${port}` } },
              (r) => {
                r.resume();
                resolve(r.statusCode ?? 0);
              },
            )
            .on("error", reject),
        );
      });
      expect(foreign).toBe(421);
    } finally {
      s.child.kill("SIGTERM");
    }
  });

  it("warns when told to listen beyond this machine", async () => {
    const s = serve(["--host", "0.0.0.0"]);
    try {
      await s.url;
      expect(s.stderr()).toContain("warning: listening on 0.0.0.0");
    } finally {
      s.child.kill("SIGTERM");
    }
  });

  it("rejects a bad port as bad usage", async () => {
    const r = await runIrl(["serve", "--db", db, "--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--port takes a port number");
  });
});
