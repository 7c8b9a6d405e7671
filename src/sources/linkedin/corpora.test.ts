/**
 * The importer against LinkedIn exports from other projects, read from ../shared/corpora/linkedin
 * (never copied into this repository). The counts come from that folder's MANIFEST.md; where it
 * states none (which rows are SENT, which invitations carry a message), from reading the files.
 */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvContactsImporter } from "../csv/index.js";
import type { ContactRecord, InteractionRecord, SkipRecord, SourceRecord } from "../records.js";
import { linkedinImporter } from "./index.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/linkedin");
const present = existsSync(CORPUS);
const describeCorpus = present ? describe : describe.skip;
const title = present ? "LinkedIn corpora" : `LinkedIn corpora (skipped: ${CORPUS} is missing)`;

async function importFile(name: string, chunkSize = 4096): Promise<SourceRecord[]> {
  const file = path.join(CORPUS, name);
  const out: SourceRecord[] = [];
  const chunks = createReadStream(file, { highWaterMark: chunkSize });
  for await (const batch of linkedinImporter.parse({ path: file, chunks })) out.push(...batch);
  return out;
}

const contacts = (rs: SourceRecord[]) => rs.filter((r): r is ContactRecord => r.type === "contact");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");
const head = (name: string) => readFileSync(path.join(CORPUS, name)).toString("utf8", 0, 65536);
const profile = (p: { identities: { kind: string; value: string }[] }) =>
  p.identities.find((i) => i.kind === "profile")?.value;

describeCorpus(title, () => {
  it("detects every file as LinkedIn and none as a generic CSV", () => {
    for (const name of [
      "real-2025-Tombarr/Connections.csv",
      "synthetic-YANG-DB/Connections.csv",
      "synthetic-YANG-DB/Messages.csv",
      "synthetic-YANG-DB/Invitations.csv",
    ]) {
      expect(linkedinImporter.detect(head(name)), name).toBe(true);
      expect(csvContactsImporter.detect(head(name)), name).toBe(false);
    }
  });

  it("real 2025 Connections.csv: past the 3-line preamble, the one connection", async () => {
    const records = await importFile("real-2025-Tombarr/Connections.csv");
    expect(records).toHaveLength(1);
    const [alex] = contacts(records);
    expect(alex).toMatchObject({
      kind: "connection",
      channel: "linkedin",
      key: "linkedin:connection:linkedin.com/in/alexrohrberg",
      at: Date.UTC(2025, 11, 22),
      place: { line: 5 },
    });
    expect(alex?.party.name).toBe("Alex Rohrberg");
    // The e-mail column is empty: no e-mail identity.
    expect(alex?.party.identities).toEqual([
      { kind: "profile", value: "https://www.linkedin.com/in/alexrohrberg", platform: "linkedin" },
    ]);
    expect(alex?.party.details).toEqual({
      organization: "Schneider Electric",
      title: "Software Engineer",
    });
  });

  it("synthetic Connections.csv: all 1869 rows accounted for, repeated profiles skipped", async () => {
    const records = await importFile("synthetic-YANG-DB/Connections.csv");
    const kept = contacts(records);
    const skipped = skips(records);
    expect(kept.length + skipped.length).toBe(1869);
    // The generator reused 63 profile URLs for different names (1796 distinct URLs): a profile is
    // one person, so each repeat is a counted duplicate.
    expect(kept).toHaveLength(1796);
    expect(new Set(skipped.map((s) => s.reason))).toEqual(new Set(["duplicate"]));
    expect(new Set(kept.map((c) => c.key)).size).toBe(1796);
    // The MANIFEST says 2010-2024; the file itself runs into 2025 (92 rows, counted by hand).
    for (const c of kept) {
      expect(c.at, c.key).toBeGreaterThanOrEqual(Date.UTC(2010, 0, 1));
      expect(c.at, c.key).toBeLessThan(Date.UTC(2026, 0, 1));
      expect(c.party.identities.map((i) => i.kind)).toEqual(["profile"]);
      expect(c.party.details?.organization).toBeTruthy();
    }
    // The file has CRLF line ends and no preamble: row N is on line N + 1.
    expect(kept[0]?.place.line).toBe(2);
    expect(kept[0]?.party.name).toBe("Lauren Robinson");
    expect(records.at(-1)?.place.line).toBe(1870);
  });

  it("synthetic Messages.csv: 20 messages in 10 conversations, SENT ones the owner's", async () => {
    const records = await importFile("synthetic-YANG-DB/Messages.csv");
    const messages = interactions(records);
    expect(records).toHaveLength(20);
    expect(messages).toHaveLength(20);
    expect(new Set(messages.map((m) => m.thread)).size).toBe(10);
    expect(messages.every((m) => m.kind === "message" && m.to.length === 1 && m.text)).toBe(true);
    const owned = messages.filter((m) => m.from.isOwner);
    // Read from the file: 9 of the 10 conversations have a reply in the SENT folder.
    expect(owned).toHaveLength(9);
    expect(owned.every((m) => profile(m.from) === "https://www.linkedin.com/in/you")).toBe(true);
    const inbox = messages.filter((m) => !m.from.isOwner);
    expect(
      inbox.every(
        (m) => profile(m.to[0] ?? { identities: [] }) === "https://www.linkedin.com/in/you",
      ),
    ).toBe(true);
    expect(messages[0]).toMatchObject({
      key: expect.stringMatching(/^linkedin:message:conv-001:1700058600000:[0-9a-f]{12}$/),
      at: Date.UTC(2023, 10, 15, 14, 30),
      thread: "linkedin:conversation:conv-001",
      context: { title: "Knowledge Graph Discussion" },
    });
  });

  it("synthetic Invitations.csv: 20 invitations, 16 with a message", async () => {
    const records = await importFile("synthetic-YANG-DB/Invitations.csv");
    const kinds = contacts(records).map((c) => c.kind);
    expect(kinds.filter((k) => k === "invitation_sent")).toHaveLength(10);
    expect(kinds.filter((k) => k === "invitation_received")).toHaveLength(10);
    expect(skips(records)).toEqual([]);
    expect(contacts(records).some((c) => profile(c.party)?.endsWith("/in/you"))).toBe(false);
    const notes = interactions(records);
    expect(notes).toHaveLength(16);
    for (const n of notes) {
      const owner = n.from.isOwner ? n.from : n.to[0];
      expect(owner?.isOwner).toBe(true);
      expect(profile(owner ?? { identities: [] })).toBe("https://www.linkedin.com/in/you");
    }
    expect(contacts(records)[0]).toMatchObject({
      kind: "invitation_sent",
      party: { name: "Stephanie Young" },
      at: Date.UTC(2023, 2, 25, 10, 15),
    });
  });

  it("gives the same records whatever the chunk size", async () => {
    for (const name of ["real-2025-Tombarr/Connections.csv", "synthetic-YANG-DB/Messages.csv"]) {
      expect(await importFile(name, 1)).toEqual(await importFile(name, 1 << 20));
    }
    const big = "synthetic-YANG-DB/Connections.csv";
    expect(await importFile(big, 97)).toEqual(await importFile(big, 1 << 20));
  });
});
