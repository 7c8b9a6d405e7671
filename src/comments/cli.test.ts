/** `irl comments import` and `irl comments export`, run in-process through the CLI's `main`. */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { tempDir } from "../testing/stores.js";

const FILE = path.resolve(process.cwd(), "../shared/corpora/wxr/isso-wordpress.xml");

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  let stdout = "";
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
}

describe.skipIf(!existsSync(FILE))("irl comments import / export", () => {
  const dir = tempDir();
  const db = path.join(dir, "irl.db");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports a WXR export into the service and the graph, then exports it", async () => {
    const first = await run(["comments", "import", FILE, "--db", db, "--json"]);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      added: number;
      replies: number;
      graph: { added: number };
    };
    expect(summary.added).toBeGreaterThan(0);
    expect(summary.replies).toBeGreaterThan(0);
    expect(summary.graph.added).toBeGreaterThan(0);
    const again = JSON.parse(
      (await run(["comments", "import", FILE, "--db", db, "--json"])).stdout,
    ) as typeof summary;
    expect(again.added).toBe(0);
    expect(again.graph.added).toBe(0);

    const out = path.join(dir, "comments.json");
    expect((await run(["comments", "export", "--db", db, "--out", out])).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, "utf8")) as {
      comments: { source_key: string }[];
    };
    expect(exported.comments.length).toBe(summary.added);
    expect(exported.comments.every((c) => c.source_key.startsWith("wxr:"))).toBe(true);
  });

  it("says what is wrong with a missing file and bad options", async () => {
    expect((await run(["comments", "import", path.join(dir, "nope.xml"), "--db", db])).code).toBe(
      1,
    );
    expect((await run(["comments", "serve", "--port", "99999", "--db", db])).code).toBe(2);
  });
});
