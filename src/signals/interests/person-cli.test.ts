/**
 * `irl person` through the real binary: "Writes about: …" in the text, `interests` in --json,
 * computed on first read after the graph was written.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/store.js";
import { runIrl } from "../../testing/cli.js";
import { tempDir } from "../../testing/stores.js";

const dir = tempDir("irl-interests-cli-");
const file = path.join(dir, "irl.db");
const ids: Record<string, number> = {};

beforeAll(async () => {
  const store = await openStore({ dialect: "sqlite", location: file });
  const people: [string, string[]][] = [
    ["Ada Byrne", ["sourdough starter", "rye flour", "bread oven"]],
    ["Bob Quill", ["gravel rides", "cargo bikes", "cycle lanes"]],
    ["Cleo Marsh", ["compost heap", "raised beds", "greenhouse"]],
  ];
  let key = 0;
  for (const [name, topics] of people) {
    const rows = await store.conn.all<{ id: number }>(
      "INSERT INTO people (display_name, created_at) VALUES (?, 0) RETURNING id",
      [name],
    );
    ids[name] = Number(rows[0]?.id);
    for (let i = 0; i < 4; i++) {
      await store.conn.run(
        "INSERT INTO content (source_key, person_id, kind, body) VALUES (?, ?, 'post', ?)",
        [
          `k${key++}`,
          rows[0]?.id,
          `Notes on ${topics[i % 3]} and ${topics[(i + 1) % 3]}, week ${i}.`,
        ],
      );
    }
  }
  await store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("irl person shows what someone writes about", () => {
  it("in --json as interests, with weights and evidence", async () => {
    const { code, stdout } = await runIrl([
      "person",
      `#${ids["Ada Byrne"]}`,
      "--json",
      "--db",
      file,
    ]);
    expect(code).toBe(0);
    const person = JSON.parse(stdout) as {
      interests: { term: string; weight: number; texts: number }[];
    };
    const terms = person.interests.map((i) => i.term);
    expect(terms.some((t) => /sourdough|rye flour|bread oven/.test(t))).toBe(true);
    expect(terms.some((t) => /gravel|compost|greenhouse/.test(t))).toBe(false);
    for (const i of person.interests) {
      expect(i.weight).toBeGreaterThan(0);
      expect(i.texts).toBeGreaterThan(0);
    }
  });

  it("in the text as a Writes about line", async () => {
    const { code, stdout } = await runIrl(["person", `#${ids["Bob Quill"]}`, "--db", file]);
    expect(code).toBe(0);
    const line = stdout.split("\n").find((l) => l.startsWith("Writes about: ")) ?? "";
    expect(line).toMatch(/gravel ride|cargo bike|cycle lane/);
    expect(line).not.toMatch(/sourdough|compost/);
  });
});
