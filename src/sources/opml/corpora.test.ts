/**
 * The OPML importer against real OPML files from other projects, read from
 * ../shared/corpora/feeds (never copied here). Expected subscriptions come from feedsmith's own
 * (non-streaming) reading of each file: every outline with an `xmlUrl`, flattened.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Opml, parseOpml } from "feedsmith";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import type { ContactRecord, SourceRecord } from "../records.js";
import { PlainText } from "../shared/plain-text.js";
import { decodeFeed } from "../shared/xml-decode.js";
import { opmlImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/feeds");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "OPML corpora" : `OPML corpora (skipped: ${CORPUS} is missing)`;
const DIRS = ["opml/node-opmlparser", "opml/syndikit", "feedsmith-references/opml/references"];

async function importFile(file: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark: 1024 });
  for await (const batch of opmlImporter.parse({ path: file, chunks })) records.push(...batch);
  return records;
}

type Outline = Opml.Outline<string>;

function feedOutlines(outlines: readonly Outline[] | undefined): Outline[] {
  return (outlines ?? []).flatMap((o) => [...(o.xmlUrl ? [o] : []), ...feedOutlines(o.outlines)]);
}

describeCorpus(title, () => {
  const plain = new PlainText();
  const files = present
    ? DIRS.flatMap((dir) =>
        readdirSync(path.join(CORPUS, dir))
          .filter((f) => f.endsWith(".opml") && f !== "malformed.opml")
          .map((f) => path.join(dir, f)),
      )
    : [];

  for (const name of files) {
    it(`${name}: one subscription per feed outline, as feedsmith reads them`, async () => {
      const file = path.join(CORPUS, name);
      const records = await importFile(file);
      const expected = feedOutlines(parseOpml(decodeFeed(readFileSync(file))).body?.outlines);
      expect(records.length).toBe(expected.length);
      const seen = new Set<string>();
      expected.forEach((outline, i) => {
        const record = records[i] as SourceRecord;
        const url = (outline.xmlUrl as string).toLowerCase().replace(/\/+$/, "");
        if (seen.has(url)) {
          expect(record).toMatchObject({ type: "skip", reason: "duplicate" });
          return;
        }
        seen.add(url);
        expect(record.type).toBe("contact");
        const contact = record as ContactRecord;
        expect(contact.party.name).toBe(plain.of(outline.title ?? outline.text ?? "") || undefined);
        expect(contact.party.identities).toEqual([
          { kind: "url", value: outline.htmlUrl || outline.xmlUrl },
        ]);
      });
    });
  }

  it("counts: 13 in each subscription list, 664 outlines in the blogroll with one repeated", async () => {
    const dev = await importFile(path.join(CORPUS, "opml/syndikit/development.opml"));
    expect(dev.filter((r) => r.type === "contact")).toHaveLength(663);
    expect(dev.filter((r) => r.type === "skip")).toMatchObject([
      { reason: "duplicate", place: { line: 414, record: 'outline "miqu.me"' } },
    ]);
    for (const name of [
      "opml/syndikit/subscriptionList.opml",
      "feedsmith-references/opml/references/subscriptions.opml",
    ]) {
      const records = await importFile(path.join(CORPUS, name));
      expect(records.filter((r) => r.type === "contact")).toHaveLength(13);
    }
  });

  it("refuses the malformed file, which has lost its <opml> start", async () => {
    const file = path.join(CORPUS, "opml/node-opmlparser/malformed.opml");
    const error = await importFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect((error as IrlError).message).toBe(
      `${file}: line 2: not an OPML file: the document is <outline>`,
    );
    expect(opmlImporter.detect(readFileSync(file, "utf8"))).toBe(false);
  });

  it("detects every other OPML file", () => {
    for (const name of files) {
      expect(opmlImporter.detect(readFileSync(path.join(CORPUS, name), "latin1")), name).toBe(true);
    }
  });
});
