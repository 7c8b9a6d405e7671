import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runImport } from "../pipeline/run-import.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { csvLines } from "./csv.js";
import { exportPeople } from "./people.js";
import { vcards } from "./vcard.js";

const fixture = (p: string) => fileURLToPath(new URL(`../sources/${p}`, import.meta.url));
const SOURCES = [fixture("wxr/fixtures/dialog.xml"), fixture("vcard/fixtures/address-book.vcf")];
const ANCHORS = new Set(["email", "url", "handle", "profile", "phone"]);

/** What must survive a round trip: names, anchor identities, first details. */
async function portrait(store: Store) {
  const people = await exportPeople(store);
  return people
    .map((p) => ({
      name: p.name,
      identities: p.identities
        .filter((i) => ANCHORS.has(i.kind))
        .map((i) => `${i.kind}:${i.value}`)
        .sort(),
      organization: p.details.organization?.[0] ?? null,
      title: p.details.title?.[0] ?? null,
      location: p.details.location?.[0] ?? null,
    }))
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name) || a.identities.join().localeCompare(b.identities.join()),
    );
}

describe.each(storeTargets())("irl export on $name", (target) => {
  const dir = tempDir("irl-export-");
  afterAll(async () => {
    await target.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes vCards that read back as the same people, and add nothing to the graph they came from", async () => {
    const source = await target.open();
    const copy = await target.open();
    try {
      const first = await runImport(source, SOURCES);
      expect(first.errors).toEqual([]);
      const people = await exportPeople(source);
      expect(people.length).toBeGreaterThan(5);
      const file = path.join(dir, "people.vcf");
      fs.writeFileSync(file, [...vcards(people)].join(""));

      const before = await source.stats();
      const again = await runImport(source, [file]);
      expect(again.errors).toEqual([]);
      expect(again.added).toBe(0);
      expect(await source.stats()).toEqual({ ...before, imports: before.imports + 1 });

      const read = await runImport(copy, [file]);
      expect(read.errors).toEqual([]);
      expect(read.skipped).toBe(0);
      expect(await portrait(copy)).toEqual(await portrait(source));
      expect((await copy.stats()).contacts).toBe(0);
    } finally {
      await source.close();
      await copy.close();
    }
  });

  it("writes CSV with a header and one quoted-where-needed row per person", async () => {
    const store = await target.open();
    try {
      await runImport(store, SOURCES);
      const people = await exportPeople(store);
      const lines = [...csvLines(people)];
      expect(lines[0]).toMatch(/^Name,E-mail,Website,/);
      expect(lines).toHaveLength(people.length + 1);
      for (const line of lines) expect(line.endsWith("\r\n")).toBe(true);
      const withComma = people.find((p) => /[",]/.test(p.name));
      if (withComma) expect(lines.join("")).toContain(`"${withComma.name.replace(/"/g, '""')}"`);
    } finally {
      await store.close();
    }
  });
});
