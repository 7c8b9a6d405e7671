/**
 * The importer against Thunderbird's own address-book CSV test files, read from
 * ../shared/corpora/vcard/thunderbird-csv (never copied into this repository). Its MANIFEST says
 * both files hold the same two contacts, the second with `;` separators and fewer columns; the
 * names and addresses below were read from the files.
 */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linkedinImporter } from "../linkedin/index.js";
import type { ContactRecord, SkipRecord, SourceRecord } from "../records.js";
import { csvContactsImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/vcard/thunderbird-csv");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present
  ? "Thunderbird CSV corpus"
  : `Thunderbird CSV corpus (skipped: ${CORPUS} is missing)`;
const FILES = ["basic_csv_addressbook.csv", "csv_semicolon.csv"];

async function importFile(name: string, chunkSize = 4096): Promise<SourceRecord[]> {
  const file = path.join(CORPUS, name);
  const out: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark: chunkSize });
  for await (const batch of csvContactsImporter.parse({ path: file, chunks })) out.push(...batch);
  return out;
}

describeCorpus(title, () => {
  it("detects both files as contact CSVs, not LinkedIn", () => {
    for (const name of FILES) {
      const head = readFileSync(path.join(CORPUS, name), "utf8");
      expect(csvContactsImporter.detect(head), name).toBe(true);
      expect(linkedinImporter.detect(head), name).toBe(false);
    }
  });

  for (const name of FILES) {
    it(`${name}: John and Jane Doe as cards, nothing skipped`, async () => {
      const records = await importFile(name);
      expect(records.map((r) => r.type)).toEqual(["contact", "contact"]);
      const cards = records as ContactRecord[];
      expect(cards.map((c) => [c.kind, c.channel, c.party.name, c.place.line])).toEqual([
        ["card", "csv", "John Doe", 2],
        ["card", "csv", "Jane Doe", 3],
      ]);
      expect(cards.map((c) => c.party.identities)).toEqual([
        [{ kind: "email", value: "john@doe.invalid" }],
        [{ kind: "email", value: "jane@doe.invalid" }],
      ]);
      expect(cards.every((c) => c.party.details === undefined)).toBe(true);
      expect(await importFile(name, 1)).toEqual(records);
    });
  }

  it("gives the same people the same keys in both files", async () => {
    const [a, b] = await Promise.all(FILES.map((f) => importFile(f)));
    const keys = (rs: SourceRecord[] | undefined) =>
      (rs ?? []).map((r) => (r as ContactRecord).key);
    expect(keys(b)).toEqual(keys(a));
    expect(new Set(keys(a)).size).toBe(2);
  });
});

const LINKAGE = path.resolve(process.cwd(), "../shared/corpora/record-linkage");
const linkagePresent = existsSync(LINKAGE);
const describeLinkage = linkagePresent ? describe : describe.skip;
const linkageTitle = linkagePresent
  ? "record-linkage CSVs of people"
  : `record-linkage CSVs of people (skipped: ${LINKAGE} is missing)`;

async function importLinkage(name: string): Promise<SourceRecord[]> {
  const file = path.join(LINKAGE, name);
  const out: SourceRecord[] = [];
  for await (const batch of csvContactsImporter.parse({
    path: file,
    chunks: createReadStream(file),
  })) {
    out.push(...batch);
  }
  return out;
}

describeLinkage(linkageTitle, () => {
  // Row counts from the MANIFEST: 1000, 5000, 5000 and 1000 people.
  const files: [string, number][] = [
    ["febrl/dataset1.csv", 1000],
    ["febrl/dataset2.csv", 5000],
    ["febrl/dataset3.csv", 5000],
    ["splink/fake_1000.csv", 1000],
  ];
  for (const [name, rows] of files) {
    it(`${name}: every one of its ${rows} rows is a card or a counted skip`, async () => {
      const records = await importLinkage(name);
      expect(records).toHaveLength(rows);
      const reasons = new Set(records.flatMap((r) => (r.type === "skip" ? [r.reason] : [])));
      for (const reason of reasons)
        expect(["duplicate", "empty row", "no identity"]).toContain(reason);
      const cards = records.filter((r): r is ContactRecord => r.type === "contact");
      for (const c of cards) {
        expect(c.kind).toBe("card");
        expect(Boolean(c.party.name) || c.party.identities.length > 0).toBe(true);
      }
      expect(new Set(cards.map((c) => c.key)).size).toBe(cards.length);
    });
  }

  it("splink fake_1000: a row skipped as a repeat by e-mail is the same person (its cluster)", async () => {
    const text = readFileSync(path.join(LINKAGE, "splink/fake_1000.csv"), "utf8");
    // Simple rows (no quotes): line N holds the person of `cluster`, the last column.
    const lines = text.split("\n");
    const clusterAt = (line: number) => lines[line - 1]?.split(",").at(-1)?.trim();
    const emailAt = (line: number) => lines[line - 1]?.split(",")[5]?.trim();
    const records = await importLinkage("splink/fake_1000.csv");
    const repeats = records.filter(
      (r): r is SkipRecord => r.type === "skip" && r.reason === "duplicate",
    );
    const byEmail = repeats.filter((r) => emailAt(r.place.line ?? 0));
    // Read from the file: 365 rows repeat an earlier row's e-mail.
    expect(byEmail).toHaveLength(365);
    for (const r of byEmail) {
      const first = Number(/line (\d+)/.exec(r.message)?.[1]);
      expect(clusterAt(first), r.message).toBe(clusterAt(r.place.line ?? 0));
    }
  });
});
