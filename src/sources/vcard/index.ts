/**
 * The vCard importer: every card of an address book or business-card export (vCard 2.1, 3.0,
 * 4.0) as a contact record — a card-only tie, channel "vcard", kind "card".
 *
 * It streams: bytes are split into content lines chunk by chunk (`content-lines.ts`), lines
 * into cards (`cards.ts`), and each card is read on its own (`card.ts`: ical.js for 3.0/4.0,
 * our reader for 2.1's quoted-printable and charsets) and turned into a party
 * (`contact.ts`). One batch is yielded per chunk with the cards that chunk completed.
 *
 * Keys: `vcard:<UID>` when the card has a UID, else `vcard:<hash>` of its normalised name and
 * identities. A UID seen twice in one file with different content gets `vcard:<UID>:<hash>`;
 * a card identical to one already read is skipped as "duplicate".
 *
 * Problems: a file whose first line is not BEGIN:VCARD throws `IrlError("input")`. Within a
 * file, a line that is not a property ("bad line"), lines between cards ("stray line"), a card
 * with no END:VCARD ("truncated card") and a card with neither name nor any way to reach
 * anyone ("empty card") are counted skips with their line.
 *
 * @example
 * for await (const batch of vcardImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import { IrlError } from "../../errors.js";
import type { Importer, SourceInput } from "../importer.js";
import type { ContactRecord, SourceRecord } from "../records.js";
import { type ContentLine, ContentLineReader } from "../shared/content-lines.js";
import { type CardProperty, readCard } from "./card.js";
import { type CardPiece, CardSplitter } from "./cards.js";
import { contactOf } from "./contact.js";
import { looksLikeVcard } from "./detect.js";

export const vcardImporter: Importer = {
  format: "vcard",
  description: "vCard address book or business cards (2.1, 3.0, 4.0): contacts",
  detect: looksLikeVcard,
  parse: parseVcard,
};

async function* parseVcard(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const reader = new ContentLineReader({ quotedPrintable: true });
  const state = new VcardState(input.path);
  for await (const chunk of input.chunks) {
    const batch = state.lines(reader.push(chunk));
    if (batch.length > 0) yield batch;
  }
  const batch = state.lines(reader.end());
  batch.push(...state.end());
  if (batch.length > 0) yield batch;
}

class VcardState {
  private readonly splitter = new CardSplitter();
  private readonly keys = new Set<string>();
  private started = false;

  constructor(private readonly path: string) {}

  lines(lines: ContentLine[]): SourceRecord[] {
    const out: SourceRecord[] = [];
    for (const line of lines) {
      if (!this.started) this.start(line);
      for (const piece of this.splitter.push(line) ?? []) this.piece(piece, out);
    }
    return out;
  }

  end(): SourceRecord[] {
    const out: SourceRecord[] = [];
    for (const piece of this.splitter.end()) this.piece(piece, out);
    return out;
  }

  private start(line: ContentLine): void {
    this.started = true;
    if (line.text.trim().toUpperCase() === "BEGIN:VCARD") return;
    const shown = Buffer.from(line.text.slice(0, 40), "latin1").toString("utf8");
    throw new IrlError(
      "input",
      `${this.path}: line ${line.line}: not a vCard file (expected BEGIN:VCARD, found "${shown}")`,
      { file: this.path, place: `line ${line.line}` },
    );
  }

  private piece(piece: CardPiece, out: SourceRecord[]): void {
    if (piece.type === "problem") {
      out.push({
        type: "skip",
        reason: piece.reason,
        message: piece.message,
        place: { line: piece.line },
      });
      return;
    }
    const card = readCard(piece.lines);
    for (const bad of card.badLines) {
      out.push({
        type: "skip",
        reason: "bad line",
        message: `line ${bad.line} of the card that begins on line ${piece.line} is not a vCard property and was ignored`,
        place: { line: bad.line },
      });
    }
    const contact = contactOf(card.properties);
    if (!contact) {
      out.push({
        type: "skip",
        reason: "empty card",
        message: `the card that begins on line ${piece.line} has no name, e-mail, phone, site or handle`,
        place: { line: piece.line },
      });
      return;
    }
    const place = { line: piece.line, record: `card "${contact.label}"` };
    const base = contact.uid ? `vcard:${contact.uid}` : `vcard:${contact.fingerprint}`;
    const key = !this.keys.has(base)
      ? base
      : contact.uid && !this.keys.has(`${base}:${contact.fingerprint}`)
        ? `${base}:${contact.fingerprint}`
        : undefined;
    if (!key) {
      out.push({
        type: "skip",
        reason: "duplicate",
        message: `the card that begins on line ${piece.line} repeats an earlier card`,
        place,
      });
      return;
    }
    this.keys.add(key);
    if (isIrlExport(card.properties)) {
      // irl's own export read back: the people and their identities, but no tie of a card.
      const claims = claimsOf(card.properties);
      const scope =
        card.properties.find((p) => p.name === "x-irl-name-scope")?.values[0]?.[0] ??
        claims.values().next().value;
      const identities = contact.party.identities.map((i) =>
        claims.has(i.value.toLowerCase()) ? { ...i, claimed: true } : i,
      );
      const party = scope
        ? { ...contact.party, identities, nameScope: scope }
        : { ...contact.party, identities };
      out.push({ type: "person", key, party, place });
      return;
    }
    const record: ContactRecord = {
      type: "contact",
      key,
      channel: "vcard",
      kind: "card",
      party: contact.party,
      place,
    };
    out.push(record);
  }
}

/** The product id `irl export vcard` writes on every card. */
export const IRL_PRODID = "-//irl//export//EN";

/**
 * irl's export marks an address that was only claimed (typed into a comment form) with the
 * scope it was claimed in: `EMAIL;X-IRL-CLAIM="wxr:blog.example":ada@example.org`.
 * Returns value (lower-case) → scope.
 */
function claimsOf(properties: readonly CardProperty[]): Map<string, string> {
  const claims = new Map<string, string>();
  for (const p of properties) {
    const scope = p.params["x-irl-claim"]?.[0];
    const value = p.values[0]?.[0];
    if (scope && value) claims.set(value.toLowerCase(), scope);
  }
  return claims;
}

function isIrlExport(properties: readonly CardProperty[]): boolean {
  return properties.some((p) => p.name === "prodid" && p.values[0]?.[0] === IRL_PRODID);
}
