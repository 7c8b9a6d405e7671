/**
 * `irl dupes`, `irl merge`, `irl split` and `irl forget` through the real binary, on a
 * generated world: review a pair, merge it, undo it, keep a pair apart, forget someone.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIrl } from "../testing/cli.js";
import { tempDir } from "../testing/stores.js";

const dir = tempDir("irl-corrections-");
const db = path.join(dir, "irl.db");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function irl(...args: string[]) {
  const result = await runIrl([...args, "--db", db]);
  if (result.code !== 0) throw new Error(`irl ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

interface Pair {
  pair: number;
  name: string;
  a: { id: number; name: string };
  b: { id: number; name: string };
  probability: number;
  reasons: string[];
}

beforeAll(async () => {
  const made = await runIrl(["sample", path.join(dir, "world"), "--people", "150", "--json"]);
  expect(made.code).toBe(0);
  await irl("import", path.join(dir, "world"), "--json");
}, 120_000);

describe("correcting identity resolution from the command line", () => {
  it("lists pairs to review with reasons, merges one, and splits it again", async () => {
    const pairs = JSON.parse(await irl("dupes", "--json")) as Pair[];
    expect(pairs.length).toBeGreaterThan(0);
    const [first] = pairs as [Pair];
    expect(first.reasons.length).toBeGreaterThan(0);
    expect(first.probability).toBeGreaterThan(0);

    const merged = JSON.parse(await irl("merge", `#${first.a.id}`, `#${first.b.id}`, "--json"));
    expect(merged).toMatchObject({ id: first.a.id, merged: first.b.id });
    const shown = JSON.parse(await irl("person", `#${first.a.id}`, "--json"));
    expect(shown.merges.at(-1)).toMatchObject({ by: "user", reasons: ["merged by you"] });
    const after = JSON.parse(await irl("dupes", "--json")) as Pair[];
    expect(after.some((p) => p.pair === first.pair)).toBe(false);

    const split = JSON.parse(await irl("split", `#${first.a.id}`, "--json"));
    expect(split.moved.identities).toBeGreaterThan(0);
    // Kept apart now: merging them automatically would be refused, and they are not offered.
    const again = JSON.parse(await irl("dupes", "--json")) as Pair[];
    expect(again.some((p) => p.a.id === first.a.id && p.b.id === split.id)).toBe(false);
  });

  it("dismisses a pair for good", async () => {
    const pairs = JSON.parse(await irl("dupes", "--json")) as Pair[];
    const pair = pairs.at(-1) as Pair;
    await irl("dupes", "--dismiss", String(pair.pair));
    const after = JSON.parse(await irl("dupes", "--json", "--limit", "1000")) as Pair[];
    expect(after.some((p) => p.pair === pair.pair)).toBe(false);
  });

  it("forgets a person only when told --yes, and keeps them out of a re-import", async () => {
    const people = JSON.parse(await irl("people", "--json", "--sort", "interactions"));
    const target = people[0];
    const refused = await runIrl(["forget", `#${target.id}`, "--db", db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    const gone = JSON.parse(await irl("forget", `#${target.id}`, "--yes", "--json"));
    expect(gone.interactions).toBeGreaterThan(0);
    const missing = await runIrl(["person", `#${target.id}`, "--db", db]);
    expect(missing.code).toBe(1);
    // The same files again: what was theirs is skipped as forgotten, and said so.
    const summary = JSON.parse(await irl("import", path.join(dir, "world", "mail.mbox"), "--json"));
    expect(summary.skippedBy.forgotten).toBeGreaterThan(0);
  });
});
