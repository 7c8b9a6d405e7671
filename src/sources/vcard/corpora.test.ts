/**
 * The importer against real vCard files from other projects, read from ../shared/corpora/vcard
 * (never copied into this repository). Where the corpus holds ical.js' expected jCard
 * (RFC 7095) for a file, the fields irl keeps are compared with it; elsewhere the expected
 * values were read from the file itself (the comments say which).
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ContactRecord, SkipRecord, SourceRecord } from "../records.js";
import { ContentLineReader } from "../shared/content-lines.js";
import { type CardProperty, readCard } from "./card.js";
import { CardSplitter } from "./cards.js";
import { contactOf } from "./contact.js";
import { vcardImporter } from "./index.js";
import { readLegacyCard } from "./legacy-reader.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/vcard");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "vCard corpora" : `vCard corpora (skipped: ${CORPUS} is missing)`;

function vcfFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(CORPUS, d.name))
        .filter((f) => f.endsWith(".vcf"))
        .map((f) => `${d.name}/${f}`),
    );
}

async function importFile(name: string, chunkSize = 4096): Promise<SourceRecord[]> {
  const file = path.join(CORPUS, name);
  const records: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark: chunkSize });
  for await (const batch of vcardImporter.parse({ path: file, chunks })) records.push(...batch);
  return records;
}

const contacts = (rs: SourceRecord[]) => rs.filter((r): r is ContactRecord => r.type === "contact");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const values = (c: ContactRecord | undefined, kind: string) =>
  c?.party.identities.filter((i) => i.kind === kind).map((i) => i.value) ?? [];
const digits = (s: string) => s.replace(/\D/g, "");

/** The cards of a file, each read by the reader `readCard` picks and by our own reader. */
function cardsOf(name: string) {
  const reader = new ContentLineReader({ quotedPrintable: true });
  const splitter = new CardSplitter();
  const lines = [...reader.push(readFileSync(path.join(CORPUS, name))), ...reader.end()];
  return lines
    .flatMap((l) => splitter.push(l) ?? [])
    .flatMap((p) => (p.type === "card" ? [p.lines] : []))
    .map((card) => {
      const read = readCard(card);
      return { read, legacy: readLegacyCard(card, read.version) };
    });
}

/** The fields irl keeps, as ical.js' golden jCard states them. */
function expectedFromJcard(name: string) {
  const [, props] = JSON.parse(readFileSync(path.join(CORPUS, name), "utf8")) as [
    string,
    [string, Record<string, unknown>, string, ...unknown[]][],
  ];
  const all = (n: string) => props.filter((p) => p[0] === n);
  const text = (n: string) => all(n)[0]?.[3] as string | string[] | undefined;
  const org = text("org");
  const adr = all("adr")[0]?.[3] as string[] | undefined;
  return {
    fn: text("fn") as string | undefined,
    emails: all("email").map((p) => p[3] as string),
    tels: all("tel").map((p) => digits(p[3] as string)),
    urls: all("url").map((p) => p[3] as string),
    impp: all("impp").map((p) => p[3] as string),
    organization: Array.isArray(org) ? org[0] : org,
    title: text("title") as string | undefined,
    location: adr ? [adr[3] || adr[4], adr[6]].filter(Boolean).join(", ") : undefined,
    bio: text("note") as string | undefined,
  };
}

describeCorpus(title, () => {
  it("detects every corpus vCard from its head, and not the Thunderbird CSV exports", () => {
    const files = vcfFiles();
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const file of files) {
      const head = readFileSync(path.join(CORPUS, file)).subarray(0, 65536).toString("utf8");
      expect(vcardImporter.detect(head), file).toBe(true);
    }
    for (const csv of readdirSync(path.join(CORPUS, "thunderbird-csv"))) {
      const head = readFileSync(path.join(CORPUS, "thunderbird-csv", csv), "utf8");
      expect(vcardImporter.detect(head), csv).toBe(false);
    }
  });

  it("imports every file without a crash, the same in 1-byte chunks, with unique keys", async () => {
    for (const file of vcfFiles()) {
      const records = await importFile(file);
      expect(await importFile(file, 1), file).toEqual(records);
      const keys = contacts(records).map((c) => c.key);
      expect(new Set(keys).size, file).toBe(keys.length);
      expect(await importFile(file), file).toEqual(records);
    }
  });

  for (const name of ["vcard", "vcard3", "vcard_author"]) {
    it(`ical.js/${name}.vcf: the fields irl keeps match ical.js' jCard`, async () => {
      const expected = expectedFromJcard(`ical.js/${name}.json`);
      const [c, ...rest] = contacts(await importFile(`ical.js/${name}.vcf`));
      expect(rest).toEqual([]);
      expect(c?.party.name).toBe(expected.fn);
      expect(values(c, "email")).toEqual(expected.emails);
      expect(values(c, "phone").map(digits)).toEqual(expected.tels);
      expect(values(c, "url")).toEqual(expected.urls);
      expect(
        c?.party.identities
          .filter((i) => i.kind === "handle")
          .map((i) => `${i.platform}:${i.value}`),
      ).toEqual(expected.impp);
      expect(c?.party.details?.organization).toBe(expected.organization);
      expect(c?.party.details?.title).toBe(expected.title);
      expect(c?.party.details?.location).toBe(expected.location || undefined);
      expect(c?.party.details?.bio).toBe(expected.bio);
    });
  }

  it("ical.js/vcard_grouped.vcf: two grouped addresses and nothing else is an empty card", async () => {
    const expected = expectedFromJcard("ical.js/vcard_grouped.json");
    expect(expected.location).toBe("city, country");
    const cards = cardsOf("ical.js/vcard_grouped.vcf");
    const adrs = cards[0]?.read.properties.filter((p) => p.name === "adr") ?? [];
    expect(adrs.map((p) => p.group)).toEqual([undefined, "item1"]);
    const rs = await importFile("ical.js/vcard_grouped.vcf");
    expect(skips(rs).map((s) => s.reason)).toEqual(["empty card"]);
  });

  it("both readers agree on every card ical.js reads", () => {
    let compared = 0;
    for (const file of vcfFiles()) {
      for (const { read, legacy } of cardsOf(file)) {
        if (read.reader !== "ical.js") continue;
        compared++;
        const strip = (ps: CardProperty[]) => contactOf(ps)?.party;
        expect(strip(legacy), file).toEqual(strip(read.properties));
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it("node-vcf: the same person in vCard 2.1, 3.0 and 4.0 gives the same contact", async () => {
    const one = async (v: string) => contacts(await importFile(`node-vcf/vcard-${v}.vcf`));
    const [v21, v30, v40] = [await one("2.1"), await one("3.0"), await one("4.0")];
    expect(cardsOf("node-vcf/vcard-2.1.vcf")[0]?.read.reader).toBe("legacy");
    expect(cardsOf("node-vcf/vcard-3.0.vcf")[0]?.read.reader).toBe("ical.js");
    expect(cardsOf("node-vcf/vcard-4.0.vcf")[0]?.read.reader).toBe("ical.js");
    for (const c of [v21, v30, v40]) {
      expect(c).toHaveLength(1);
      expect(c[0]?.party.name).toBe("Forrest Gump");
      expect(values(c[0], "email")).toEqual(["forrestgump@example.com"]);
      expect(c[0]?.party.details).toEqual({
        organization: "Bubba Gump Shrimp Co.",
        title: "Shrimp Man",
        location: "Baytown, United States of America",
      });
    }
    // Read from the files: work and home numbers; 4.0 writes them with the country code and
    // adds a third (item1) home number.
    expect(values(v21[0], "phone")).toEqual(["(111) 555-1212", "(404) 555-1212"]);
    expect(values(v40[0], "phone").map((p) => digits(p).slice(-10))).toEqual([
      "1115551212",
      "4045551212",
      "4045551213",
    ]);
    // 2.1 and 3.0 say the very same things, so they get the same key (no UID: a hash).
    expect(v21[0]?.key).toBe(v30[0]?.key);
  });

  it("node-vcf/multiple.vcf: three versions of one card, UTF-8 accents in 4.0 and 3.0", async () => {
    const cs = contacts(await importFile("node-vcf/multiple.vcf"));
    expect(cs.map((c) => c.place.line)).toEqual([1, 16, 30]);
    for (const c of cs) {
      expect(c.party.name).toBe("Dr. Erika Mustermann");
      expect(values(c, "email")).toEqual(["erika@mustermann.de"]);
      expect(c.party.details).toMatchObject({
        organization: "Wikimedia",
        title: "Redaktion & Gestaltung",
      });
    }
    expect(cs.map((c) => c.party.details?.location)).toEqual([
      "Köln, Germany",
      "Koeln, Deutschland",
      "Köln, Germany",
    ]);
    expect(values(cs[2], "url")).toEqual(["http://de.wikipedia.org/"]);
  });

  it("node-vcf/empty-lines.vcf: blank lines inside the card change nothing", async () => {
    const rs = await importFile("node-vcf/empty-lines.vcf");
    expect(skips(rs)).toEqual([]);
    const [c] = contacts(rs);
    expect(c?.party.name).toBe("Dr. Erika Mustermann");
    expect(values(c, "phone")).toEqual(["+49 221 9999123", "+49 221 1234567"]);
    expect(c?.party.details?.location).toBe("Köln, Germany");
  });

  it("node-vcf/xing.vcf: a XING 2.1 export with CHARSET=ISO-8859-1 and a UID", async () => {
    const [c, ...rest] = contacts(await importFile("node-vcf/xing.vcf"));
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      key: "vcard:XING-UID-XXXXXXXX",
      party: {
        name: "Hans-Peter Mustermann",
        identities: [{ kind: "url", value: "http://www.example.com" }],
        details: { organization: "Example GmbH", title: "CTO", location: "City Name, Country" },
      },
    });
  });

  it("node-vcf: a card with only a photo is an empty card; one with only a phone is kept", async () => {
    expect(skips(await importFile("node-vcf/photo-base64.vcf")).map((s) => s.reason)).toEqual([
      "empty card",
    ]);
    const [c] = contacts(await importFile("node-vcf/quoted-list.vcf"));
    expect(c?.party).toEqual({ identities: [{ kind: "phone", value: "+1-555-555-5555 x5555" }] });
  });

  it("ical.js/escape_semicolon.vcf: escaped ; and , and no fax line", async () => {
    const [c] = contacts(await importFile("ical.js/escape_semicolon.vcf"));
    expect(c?.key).toBe("vcard:ad612c16-fe12-4ec5-abf6-49998ee5ab88");
    expect(c?.party.name).toBe("First Last NextCloud");
    expect(values(c, "email")).toEqual(["home@gmx.de", "work@gmx.de"]);
    // Read from the file: HOME,VOICE, CELL and WORK,VOICE numbers; the WORK,FAX one is left out.
    expect(values(c, "phone")).toEqual(["11111111", "205333", "222222"]);
    expect(c?.party.details).toEqual({ organization: "Firma", location: "City, Germany" });
  });

  it("vobject/radicale-1587.vcf: a name and nothing to reach them by keeps its name scope", async () => {
    const [c] = contacts(await importFile("vobject/radicale-1587.vcf"));
    expect(c?.party).toEqual({ name: "Given Family", identities: [], nameScope: "vcard" });
  });
});
