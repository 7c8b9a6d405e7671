/**
 * The e-mail importers against real files from other projects, read from ../shared/corpora/mbox
 * (never copied into this repository). Expected values come from MimeKit's golden files there:
 * `*.unix-offsets.json` (message boundaries) and `*-summary.txt` (From/To/Subject/Date per
 * message); where a file has none, from the file's own headers (the tests say which).
 */
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runImport } from "../../pipeline/run-import.js";
import { openStore } from "../../store/store.js";
import { tempDir } from "../../testing/stores.js";
import type { Importer } from "../importer.js";
import type { InteractionRecord, SkipRecord, SourceRecord } from "../records.js";
import { looksLikeEml, looksLikeMbox } from "./detect.js";
import { emlImporter, mboxImporter } from "./index.js";
import { type MboxMessage, MboxSplitter } from "./splitter.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/mbox");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "mbox corpora" : `mbox corpora (skipped: ${CORPUS} is missing)`;

const file = (name: string) => path.join(CORPUS, name);
const MBOXES = [
  "mimekit/content-length.mbox.txt",
  "mimekit/simple.mbox.txt",
  "mimekit/unmunged.mbox.txt",
  "mimekit/issue1189.mbox.txt",
];

function split(name: string, size: number): MboxMessage[] {
  const bytes = readFileSync(file(name));
  const splitter = new MboxSplitter({ keepBytes: Infinity });
  const out: MboxMessage[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...splitter.push(bytes.subarray(i, i + size)));
  out.push(...splitter.end());
  return out;
}

async function importFile(name: string, importer: Importer, size = 4096): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const chunks = createReadStream(file(name), { highWaterMark: size });
  for await (const batch of importer.parse({ path: file(name), chunks })) records.push(...batch);
  return records;
}

/** The message ordinal a record's place names. */
const ordinalOf = (r: SourceRecord) => Number(r.place.record?.match(/^message (\d+)/)?.[1]);

interface Summary {
  from: Address[];
  to: Address[];
  subject: string | undefined;
  date: string | undefined;
}
interface Address {
  name: string | undefined;
  email: string;
}

/** MimeKit's summary: one block per message, `Field: value` lines after the `From ` marker. */
function readSummary(name: string): Summary[] {
  const text = readFileSync(file(name), "utf8");
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.startsWith("From "))
    .map((block) => {
      const field = (f: string) => block.match(new RegExp(`^${f}: (.*)$`, "m"))?.[1];
      return {
        from: addresses(field("From")),
        to: addresses(field("To")),
        subject: field("Subject"),
        date: field("Date"),
      };
    });
}

function addresses(value: string | undefined): Address[] {
  if (!value) return [];
  return [...value.matchAll(/(?:"([^"]*)"\s*)?<([^>]+)>|([^\s,<>"]+@[^\s,<>"]+)/g)].map((m) => ({
    name: m[1],
    email: (m[2] ?? m[3] ?? "").toLowerCase(),
  }));
}

function compareWithSummary(records: SourceRecord[], summary: Summary[], bulk: Set<number>) {
  const byOrdinal = new Map(records.map((r) => [ordinalOf(r), r]));
  expect(byOrdinal.size).toBe(summary.length);
  summary.forEach((expected, i) => {
    const ordinal = i + 1;
    const r = byOrdinal.get(ordinal);
    if (bulk.has(ordinal)) {
      expect((r as SkipRecord | undefined)?.reason, `message ${ordinal}`).toBe("bulk mail");
      return;
    }
    expect(r?.type, `message ${ordinal}`).toBe("interaction");
    const m = r as InteractionRecord;
    const [from] = expected.from;
    const sender = m.from.identities[0]?.value.toLowerCase() ?? "";
    // MimeKit reads `develop!nextmime@ebony@sblab.att.com` as `develop!nextmime@ebony`.
    expect(sender.startsWith(from?.email ?? "?"), `message ${ordinal} from`).toBe(true);
    if (from?.name) expect(m.from.name, `message ${ordinal} name`).toBe(from.name);
    const to = m.to.map((p) => p.identities[0]?.value.toLowerCase());
    for (const a of expected.to) expect(to, `message ${ordinal} to`).toContain(a.email);
    expect(m.context?.title, `message ${ordinal} subject`).toBe(expected.subject);
    expect(m.at, `message ${ordinal} date`).toBe(
      Date.parse(dateFixes[expected.date ?? ""] ?? expected.date ?? ""),
    );
  });
}

/**
 * Where we read a date differently from MimeKit, on purpose: message 23 says
 * `Date: Tue, 28 May 1996 12:24:23 cst`; MimeKit does not know the lower-case zone and writes
 * +0000, we read it as US Central Standard Time.
 */
const dateFixes: Record<string, string> = {
  "Tue, 28 May 1996 12:24:23 +0000": "Tue, 28 May 1996 12:24:23 -0600",
};

describeCorpus(title, () => {
  it("detects every mbox as mbox and every detectable message as eml, never both", () => {
    const emls = readdirSync(file("mailparser")).filter((f) => f.endsWith(".eml"));
    expect(emls.length).toBeGreaterThanOrEqual(6);
    const head = (name: string) => readFileSync(file(name)).subarray(0, 65536).toString("utf8");
    for (const name of MBOXES) {
      expect(looksLikeMbox(head(name)), name).toBe(true);
      expect(looksLikeEml(head(name)), name).toBe(false);
    }
    for (const name of emls) {
      expect(looksLikeMbox(head(`mailparser/${name}`)), name).toBe(false);
      // mixed.eml's whole head is one Content-Type field: too little to call it e-mail.
      expect(looksLikeEml(head(`mailparser/${name}`)), name).toBe(name !== "mixed.eml");
    }
  });

  it("claims no file of the other corpora (WXR, Disqus, feeds, iCalendar, vCard, CSV, …)", () => {
    const root = path.dirname(CORPUS);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    const others = walk(root).filter((f) => !f.startsWith(`${CORPUS}${path.sep}`));
    expect(others.length).toBeGreaterThan(100);
    for (const other of others) {
      const head = readFileSync(other).subarray(0, 65536).toString("utf8");
      expect(looksLikeMbox(head) || looksLikeEml(head), other).toBe(false);
    }
  });

  it("content-length: 29 messages at MimeKit's offsets, for any chunk size", () => {
    const expected = JSON.parse(
      readFileSync(file("mimekit/content-length.unix-offsets.json"), "utf8"),
    ) as { mboxMarkerOffset: number; lineNumber: number; beginOffset: number; endOffset: number }[];
    expect(expected).toHaveLength(29);
    for (const size of [65536, 4096, 13]) {
      const messages = split("mimekit/content-length.mbox.txt", size);
      expect(messages.map((m) => [m.markerOffset, m.line + 1, m.start, m.end])).toEqual(
        expected.map((e) => [e.mboxMarkerOffset, e.lineNumber, e.beginOffset, e.endOffset]),
      );
    }
  });

  it("content-length: From/To/Subject/Date as in MimeKit's summary; list mail skipped", async () => {
    const records = await importFile("mimekit/content-length.mbox.txt", mboxImporter);
    // Which messages are bulk, read from the messages' own headers.
    const bulk = new Set(
      split("mimekit/content-length.mbox.txt", 65536)
        .filter((m) => {
          const head = m.bytes.toString("latin1").split(/\n\n/)[0] ?? "";
          return /^(precedence:\s*(bulk|list|junk)|list-id:|list-unsubscribe:)/im.test(head);
        })
        .map((m) => m.ordinal),
    );
    expect([...bulk]).toEqual([10, 24, 25, 26, 27, 28]);
    compareWithSummary(records, readSummary("mimekit/content-length-summary.txt"), bulk);
    const keys = records.flatMap((r) => (r.type === "interaction" ? [r.key] : []));
    expect(keys).toHaveLength(23);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("issue1189 (Gmail Takeout style): 4 messages as in MimeKit's summary", async () => {
    const records = await importFile("mimekit/issue1189.mbox.txt", mboxImporter);
    compareWithSummary(records, readSummary("mimekit/issue1189-summary.txt"), new Set());
    const texts = records.map((r) => (r.type === "interaction" ? r.text : undefined));
    expect(texts).toEqual([1, 2, 3, 4].map((n) => `Body of message ${n}.`));
  });

  it("unmunged: a BOM and unescaped From lines in bodies make 2 messages, not 4", async () => {
    const messages = split("mimekit/unmunged.mbox.txt", 1);
    expect(messages.map((m) => m.markerOffset)).toEqual([3, 245]);
    for (const m of messages) expect(m.bytes.toString()).toContain("\n\nFrom Russia with love\n");
    // Neither message has a Date header nor a dated From line.
    const records = await importFile("mimekit/unmunged.mbox.txt", mboxImporter, 1);
    expect(records.map((r) => [r.type === "skip" && r.reason, ordinalOf(r)])).toEqual([
      ["no date", 1],
      ["no date", 2],
    ]);
  });

  it("simple: 3 deeply nested messages, subjects as in their headers", async () => {
    const raw = readFileSync(file("mimekit/simple.mbox.txt"), "utf8");
    const subjects = [...raw.matchAll(/^Subject: (.*)$/gm)].map((m) => m[1]);
    const records = await importFile("mimekit/simple.mbox.txt", mboxImporter, 1);
    const found = records.map((r) => (r.type === "interaction" ? r.context?.title : r.type));
    expect(found).toEqual(subjects);
    expect(
      records.map((r) => (r.type === "interaction" ? r.from.identities[0]?.value : "")),
    ).toEqual(["fejj@gnome.org", "fejj@gnome.org", "fejj@gnome.org"]);
  });

  it("every mbox gives the same records in 1-byte chunks as in large ones", async () => {
    for (const name of ["mimekit/issue1189.mbox.txt", "mimekit/simple.mbox.txt"]) {
      expect(await importFile(name, mboxImporter, 1), name).toEqual(
        await importFile(name, mboxImporter, 1 << 20),
      );
    }
  });

  it("mailparser's .eml files: people kept, robots and broken messages skipped", async () => {
    const outcome = async (name: string) => {
      const records = await importFile(`mailparser/${name}`, emlImporter);
      expect(records, name).toHaveLength(1);
      const [r] = records;
      return r?.type === "skip" ? r.reason : r;
    };
    // Expectations read from each file's headers.
    expect(await outcome("nodemailer.eml")).toMatchObject({
      key: "email:012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee",
      from: { name: "Andris Kreata", identities: [{ value: "andris@kreata.ee" }] },
      at: Date.parse("Thu, 13 Oct 2016 14:39:48 +0300"),
    });
    expect(await outcome("delivery-status.eml")).toBe("bulk mail"); // From: MAILER-DAEMON@
    expect(await outcome("spam.eml")).toBe("bulk mail"); // From: noreply@
    expect(await outcome("mixed.eml")).toBe("no sender"); // only a Content-Type header
    expect(await outcome("nested.eml")).toBe("no date"); // From, but no Date
    expect(await outcome("base64encodedroot.eml")).toBe("no date");
  });

  it("the whole folder through the pipeline: every file read or counted, a re-import adds nothing", async () => {
    const dir = tempDir();
    const store = await openStore({ dialect: "sqlite", location: path.join(dir, "irl.db") });
    try {
      const first = await runImport(store, [CORPUS], { noResolve: true });
      expect(first.errors).toEqual([]);
      const formats = Object.fromEntries(
        first.files.map((f) => [path.relative(CORPUS, f.file), f.format]),
      );
      for (const name of MBOXES) expect(formats[name], name).toBe("mbox");
      // The manifest, MimeKit's offsets and mixed.eml (one Content-Type field, nothing that says
      // e-mail) are not exports: counted, not read. MimeKit's summaries are header-only mboxes
      // themselves, `From ` lines and all, and are read as such.
      const unread = Object.keys(formats).filter((name) => formats[name] === null);
      expect(unread.sort()).toEqual([
        "MANIFEST.md",
        "mailparser/mixed.eml",
        "mimekit/content-length.unix-offsets.json",
      ]);
      expect(first.skippedBy["not an export file"]).toBe(3);
      // 23 + 3 + 4 people's messages in the mboxes, 1 from the .eml files (the others are skips).
      expect(first.added).toBeGreaterThanOrEqual(23 + 3 + 4 + 1);
      const again = await runImport(store, [CORPUS], { noResolve: true });
      expect(again.errors).toEqual([]);
      expect(again.added).toBe(0);
      expect(again.unchanged).toBe(first.added);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
