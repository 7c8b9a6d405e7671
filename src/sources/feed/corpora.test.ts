/**
 * The feed importer against real feeds from other projects, read from ../shared/corpora/feeds
 * (never copied into this repository). Each family carries its own expected results: rss-parser
 * `input/X` → `output/X.json`, feed-rs `X.xml` → `X.serde.json`, feedsmith `X.xml` → `X.json`,
 * and SyndiKit's XML/JSON pairs of the same feed. For every file the entry count, and for every
 * entry the title, link and date irl keeps are compared with them.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import type { ContentRecord, SkipRecord, SourceRecord } from "../records.js";
import { PlainText } from "../shared/plain-text.js";
import { feedImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/feeds");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "feed corpora" : `feed corpora (skipped: ${CORPUS} is missing)`;
const plain = new PlainText();

type Entry = ContentRecord | SkipRecord;

async function importFile(file: string): Promise<Entry[]> {
  const records: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark: 4096 });
  for await (const batch of feedImporter.parse({ path: file, chunks })) records.push(...batch);
  return records.filter((r): r is Entry => r.type === "content" || r.type === "skip");
}

interface Expected {
  title?: string;
  link?: string;
  /** ISO date. */
  date?: string;
}

/** What an expected entry and the record irl made of it disagree on (empty when they agree). */
function differences(expected: Expected[], got: Entry[]): string[] {
  const out: string[] = [];
  if (expected.length !== got.length)
    out.push(`${expected.length} entries expected, ${got.length} read`);
  expected.forEach((e, i) => {
    const g = got[i];
    if (g?.type !== "content") return;
    if (e.title !== undefined && !sameTitle(e.title, g.title)) {
      out.push(`#${i} title ${JSON.stringify(e.title)} vs ${JSON.stringify(g.title)}`);
    }
    if (e.link !== undefined && !sameLink(e.link, g.url))
      out.push(`#${i} link ${e.link} vs ${g.url}`);
    if (e.date !== undefined && e.date !== iso(g.at))
      out.push(`#${i} date ${e.date} vs ${iso(g.at)}`);
  });
  return out;
}

/**
 * Titles as plain text (irl strips markup and entities that other parsers keep). Where the other
 * parser mis-decoded a latin-1 feed into U+FFFD, each replacement stands for one character.
 */
function sameTitle(expected: string, got: string | undefined): boolean {
  const want = plain.of(expected);
  if (!want) return got === undefined;
  if (!want.includes("\uFFFD")) return want === got;
  const pattern = want
    .split("\uFFFD")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".");
  return new RegExp(`^${pattern}$`, "s").test(got ?? "");
}

/** Absolute links equal as URLs; a relative one (irl resolves it) ends the absolute link. */
function sameLink(expected: string, got: string | undefined): boolean {
  const want = expected.trim();
  if (!want) return true;
  if (got === undefined) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(want)) return canonical(want) === canonical(got);
  return decodeURI(got).endsWith(want);
}

function canonical(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

function iso(at: number | undefined): string | undefined {
  return at === undefined ? undefined : new Date(at).toISOString();
}

function isoOf(date: unknown): string | undefined {
  return typeof date === "string" ? new Date(date).toISOString() : undefined;
}

function json(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

type Raw = Record<string, unknown>;

/** Files whose expected entries irl deliberately does not match one for one, and why. */
const KNOWN: Record<string, (got: Entry[]) => void> = {
  // Its one entry is `<entry><author></author></entry>`: nothing to keep; feedsmith drops it.
  "incomplete-fields.atom": (got) => expect(got).toEqual([]),
  // One entry with only an id, in a feed with no title, site or author: a counted skip.
  "missing-fields.atom": (got) =>
    expect(got.map((r) => r.type === "skip" && r.reason)).toEqual(["no author"]),
};

describeCorpus(title, () => {
  describe("rss-parser: input/X against output/X.json", () => {
    const dir = path.join(CORPUS, "rss-parser");
    const inputs = present ? readdirSync(path.join(dir, "input")) : [];
    for (const input of inputs) {
      const base = input.replace(/\.[a-z]+$/, "");
      const output = path.join(dir, "output", `${base}.json`);
      if (!existsSync(output)) continue;
      it(input, async () => {
        const got = await importFile(path.join(dir, "input", input));
        const known = KNOWN[input];
        if (known) return known(got);
        const items = ((json(output).feed as Raw).items ?? []) as Raw[];
        const expected = items.map((e) => ({
          title: e.title as string | undefined,
          link: e.link as string | undefined,
          date: e.isoDate as string | undefined,
        }));
        expect(differences(expected, got)).toEqual([]);
        expect(got.every((r) => r.type === "content")).toBe(true);
      });
    }

    it("reads the latin-1 feeds right where rss-parser gave U+FFFD", async () => {
      const got = await importFile(path.join(dir, "input", "encoding.rss"));
      const first = got[0] as ContentRecord;
      expect(first.title).toBe("Mãe de utente é a nova presidente da Raríssimas");
      const uol = await importFile(path.join(dir, "input", "uolNoticias.rss"));
      expect((uol[0] as ContentRecord).title).toContain("simulações de 2º turno");
    });

    it("keeps every entry of the 730-episode podcast and skips the repeated guid in another", async () => {
      expect(await importFile(path.join(dir, "input", "giantbomb-podcast.rss"))).toHaveLength(730);
      const repeated = await importFile(path.join(dir, "input", "itunes-missing-image.rss"));
      const skips = repeated.filter((r) => r.type === "skip");
      expect(repeated).toHaveLength(131);
      expect(skips.map((s) => s.reason)).toEqual(["duplicate"]);
    });

    it("refuses an HTML page served as a feed", async () => {
      const file = path.join(dir, "input", "unrecognized.rss");
      const error = await importFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IrlError);
      expect((error as IrlError).message).toBe(
        `${file}: not a feed: the document is <head>, not RSS, Atom, RDF or JSON Feed`,
      );
    });
  });

  describe("feed-rs: X against X.serde.json", () => {
    const root = path.join(CORPUS, "feed-rs-fixture");
    const dirs = present ? readdirSync(root) : [];
    for (const dir of dirs) {
      for (const name of readdirSync(path.join(root, dir))) {
        if (!name.endsWith(".serde.json")) continue;
        const stem = name.slice(0, -".serde.json".length);
        const input = readdirSync(path.join(root, dir)).find(
          (f) => f !== name && f.startsWith(`${stem}.`),
        ) as string;
        it(input, async () => {
          const got = await importFile(path.join(root, dir, input));
          const entries = (json(path.join(root, dir, name)).entries ?? []) as Raw[];
          const expected = entries.map((e) => {
            const links = (e.links ?? []) as Raw[];
            const link = links.find((l) => !l.rel || l.rel === "alternate") ?? links[0];
            return {
              title: (e.title as Raw | null)?.content as string | undefined,
              link: link?.href as string | undefined,
              date: isoOf(e.published ?? e.updated),
            };
          });
          if (input === "rss_2.0_ghost_1.xml") {
            // One item with neither title, link nor author, in a feed with neither: counted.
            expect(got.map((r) => r.type === "skip" && r.reason)).toEqual(["no author"]);
            return;
          }
          expect(differences(expected, got)).toEqual([]);
        });
      }
    }

    it("reads the lone Atom entry document as one post", async () => {
      const got = await importFile(path.join(root, "atom", "atom_entry_1.xml"));
      expect(got).toHaveLength(1);
      expect((got[0] as ContentRecord).author.name).toBe("S. A. Khuba");
    });

    it("reports the truncated feed with the line it ends on", async () => {
      const file = path.join(root, "rss2", "rss_2.0_invalid_1.xml");
      const error = await importFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IrlError);
      expect((error as IrlError).message).toBe(`${file}: line 19: the file ends before </rss>`);
      expect((error as IrlError).place).toBe("line 19");
    });

    it("refuses XML that is not a feed", async () => {
      for (const name of ["xml_sample_1.xml", "xml_sample_2.xml"]) {
        const file = path.join(root, "xml", name);
        await expect(importFile(file)).rejects.toThrow(
          `${file}: not a feed: the document is <catalog>`,
        );
      }
    });

    it("decodes the ISO-8859-1 files", async () => {
      const [rss1] = (await importFile(
        path.join(root, "rss1", "rss_1.0_iso8859.xml"),
      )) as ContentRecord[];
      expect(rss1?.title).toContain("Glasfaserförderung");
      const [rss0] = (await importFile(
        path.join(root, "rss0", "rss_0.91_encoding_1.xml"),
      )) as ContentRecord[];
      expect(rss0?.title).toBe("bash - Expansão de Parâmetros");
    });
  });

  describe("feedsmith: X.xml against X.json", () => {
    const root = path.join(CORPUS, "feedsmith-references", "feeds");
    for (const kind of ["atom", "rdf", "rss"]) {
      const dir = path.join(root, kind, "references");
      const names = present ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
      for (const name of names) {
        it(`${kind}/${name}`, async () => {
          const got = await importFile(path.join(dir, name.replace(/\.json$/, ".xml")));
          const raw = json(path.join(dir, name));
          const items = (raw.items ?? raw.entries ?? []) as Raw[];
          const expected = items.map((e) => {
            const links = (e.links ?? []) as Raw[];
            const link = links.find((l) => (l.rel ?? "alternate") === "alternate")?.href;
            const title = e.title as string | Raw | undefined;
            return {
              title: typeof title === "object" ? (title.value as string) : title,
              link: (e.link ?? link) as string | undefined,
            };
          });
          expect(differences(expected, got)).toEqual([]);
          const ids = items.map((e) => e.id ?? (e.guid as Raw | undefined)?.value ?? e.link);
          const repeats = ids.filter((id, i) => id !== undefined && ids.indexOf(id) !== i);
          expect(got.filter((r) => r.type === "skip").length).toBe(repeats.length);
        });
      }
    }
  });

  describe("SyndiKit: the XML and the JSON of the same feed agree", () => {
    const dir = path.join(CORPUS, "syndikit-paired");
    const pairs = present ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
    for (const name of pairs) {
      it(name.replace(/\.json$/, ""), async () => {
        const fromJson = await importFile(path.join(dir, name));
        const fromXml = await importFile(path.join(dir, name.replace(/\.json$/, ".xml")));
        const expected = (fromJson as ContentRecord[]).map((r) => ({
          title: r.title,
          link: r.url,
          date: iso(r.at),
        }));
        expect(fromJson.every((r) => r.type === "content")).toBe(true);
        expect(differences(expected, fromXml)).toEqual([]);
        expect(fromXml[0]?.type === "content" && fromXml[0].author.name).toBe(
          fromJson[0]?.type === "content" && fromJson[0].author.name,
        );
      });
    }

    it("news.rss: 50 items, one repeating a guid", async () => {
      const got = await importFile(path.join(dir, "news.rss"));
      expect(got).toHaveLength(50);
      expect(
        got.filter((r) => r.type === "skip").map((r) => r.type === "skip" && r.reason),
      ).toEqual(["duplicate"]);
    });
  });

  it("detects every feed by its head, except non-feeds and Atom without its namespace", () => {
    const isFeedInput = (file: string): boolean =>
      /\.(xml|rss|atom)$/.test(file) ||
      (/jsonfeed|syndikit-paired/.test(file) && /(?<!\.serde)\.json$/.test(file));
    const undetected: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (isFeedInput(file)) {
          const head = readFileSync(file).subarray(0, 65536).toString("utf8");
          if (!feedImporter.detect(head)) undetected.push(path.relative(CORPUS, file));
        }
      }
    };
    walk(CORPUS);
    expect(undetected.sort()).toEqual([
      "feed-rs-fixture/atom/atom_entry_1.xml",
      "feed-rs-fixture/atom/atom_example_1.xml",
      "feed-rs-fixture/xml/xml_iso8859.xml",
      "feed-rs-fixture/xml/xml_sample_1.xml",
      "feed-rs-fixture/xml/xml_sample_2.xml",
      "rss-parser/input/unrecognized.rss",
    ]);
  });
});
