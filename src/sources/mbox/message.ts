/**
 * One e-mail message → records. Bulk mail is recognised from the raw header block first and
 * skipped without a MIME parse; everything else is cut after its first text part
 * (`first-text.ts`) and parsed with mailparser's `simpleParser` (it decodes legacy charsets,
 * windows-1252 included, through iconv-lite), then:
 *
 * - bulk mail (lists, notifications, auto-replies, bounces) → skip "bulk mail";
 * - more than 15 To + Cc recipients → skip "many recipients" (an announcement, not a dialog);
 * - no From address → skip "no sender"; no usable date → skip "no date"; a Message-ID seen
 *   earlier in the same file → skip "duplicate"; a parser failure → skip "unparseable";
 * - Gmail's `X-Gmail-Labels: Spam` → skip "spam";
 * - anything else → an `email` / `message` interaction: from = From, to = To + Cc,
 *   at = Date (else the `From ` line's date), key `email:<Message-ID>` (else
 *   `email:hash:<sha256 of sender, date and subject>`), thread `email:thread:<root>` (the first
 *   References id, else In-Reply-To, else the message's own id), replyTo `email:<In-Reply-To>`
 *   (else the last References id), context.title = Subject, text = a plain-text excerpt.
 *
 * Mail the export marks as sent by its owner (Gmail's `X-Gmail-Labels: Sent`) has an owner
 * sender, and each such address is announced once with an owner record.
 *
 * @example
 * const reader = new MessageReader();
 * const out: SourceRecord[] = [];
 * await reader.read({ bytes, ordinal: 1, line: 1, offset: 0 }, out);
 */
import { createHash } from "node:crypto";
import type { AddressObject, EmailAddress, ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import type { InteractionRecord, PartyRef, Place, SourceRecord } from "../records.js";
import { bulkReason, type HeaderLine } from "./bulk.js";
import { fromLineDate, parseMailDate } from "./dates.js";
import { excerpt } from "./excerpt.js";
import { firstTextPart } from "./first-text.js";
import { htmlText } from "./html-text.js";

/** More To + Cc recipients than this make a message an announcement. */
export const MAX_RECIPIENTS = 15;

export interface RawMessage {
  bytes: Buffer;
  /** 1-based position in the file. */
  ordinal: number;
  /** Line where the message (or its `From ` line) starts. */
  line: number;
  /** Byte offset where the message (or its `From ` line) starts. */
  offset: number;
  /** The mbox `From ` line, when there is one. */
  separator?: string;
}

const PARSER_OPTIONS = {
  skipImageLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
  // An HTML-only body is turned into text by `htmlText`, far cheaper than html-to-text.
  skipHtmlToText: true,
} as const;

/** How many recent Message-IDs duplicate detection remembers. */
const REMEMBERED_IDS = 100_000;
export class MessageReader {
  /** Keys already emitted in this file, with the ordinal of the message that had them. */
  /** Message keys seen lately, in order, with their ordinal. */
  private readonly seen = new Map<string, number>();
  private readonly owners = new Set<string>();

  async read(raw: RawMessage, out: SourceRecord[]): Promise<void> {
    const where = `message ${raw.ordinal} (line ${raw.line}, byte ${raw.offset})`;
    // Bulk mail shows in plain ASCII headers: skip it before paying for a MIME parse.
    const head = rawHeaders(raw.bytes);
    const early = bulkReason(head, rawSender(head));
    if (early) {
      const subject = rawSubject(head);
      const place: Place = {
        line: raw.line,
        record: subject ? `${where}: "${clip(subject, 80)}"` : where,
      };
      out.push({
        type: "skip",
        reason: "bulk mail",
        message: `${where} is bulk mail (${early}).`,
        place,
      });
      return;
    }
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(firstTextPart(raw.bytes), PARSER_OPTIONS);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      out.push(skip("unparseable", `${where} could not be parsed: ${why}.`, raw, where));
      return;
    }
    const subject = parsed.subject?.trim() || undefined;
    const place: Place = {
      line: raw.line,
      record: subject ? `${where}: "${clip(subject, 80)}"` : where,
    };
    const sender = mailboxes(parsed.from)[0];
    if (!sender?.address) {
      out.push({
        type: "skip",
        reason: "no sender",
        message: `${where} has no From address.`,
        place,
      });
      return;
    }
    const labels =
      headerValue(parsed, "x-gmail-labels")
        ?.toLowerCase()
        .split(/\s*,\s*/) ?? [];
    if (labels.includes("spam")) {
      out.push({ type: "skip", reason: "spam", message: `${where} is in Gmail's Spam.`, place });
      return;
    }
    const bulk = bulkReason(parsed.headerLines, sender.address);
    if (bulk) {
      out.push({
        type: "skip",
        reason: "bulk mail",
        message: `${where} is bulk mail (${bulk}).`,
        place,
      });
      return;
    }
    const recipients = uniqueParties([...mailboxes(parsed.to), ...mailboxes(parsed.cc)]);
    if (recipients.length > MAX_RECIPIENTS) {
      out.push({
        type: "skip",
        reason: "many recipients",
        message: `${where} went to ${recipients.length} people (more than ${MAX_RECIPIENTS}).`,
        place,
      });
      return;
    }
    const at =
      parseMailDate(headerValue(parsed, "date")) ??
      (raw.separator ? fromLineDate(raw.separator) : undefined);
    if (at === undefined) {
      out.push({ type: "skip", reason: "no date", message: `${where} has no usable date.`, place });
      return;
    }
    const id = messageId(parsed.messageId);
    const key = id
      ? `email:${id}`
      : `email:hash:${hash(`${sender.address.toLowerCase()}\n${at}\n${subject ?? ""}`)}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      out.push({
        type: "skip",
        reason: "duplicate",
        message: `${where} repeats message ${first}${id ? ` (Message-ID <${id}>)` : ""}.`,
        place,
      });
      return;
    }
    this.seen.set(key, raw.ordinal);
    // Remember only the most recent messages: memory stays bounded on mailboxes of millions.
    // A repeat further back is still stored once: the pipeline finds its key already there.
    if (this.seen.size > REMEMBERED_IDS) {
      this.seen.delete(this.seen.keys().next().value as string);
    }

    const references = referenceIds(parsed.references);
    const inReplyTo = idsIn(parsed.inReplyTo)[0];
    const root = references[0] ?? inReplyTo ?? id;
    const parent = inReplyTo ?? references[references.length - 1];
    const from = party(sender);
    if (labels.includes("sent")) {
      from.isOwner = true;
      const address = sender.address.toLowerCase();
      if (!this.owners.has(address)) {
        this.owners.add(address);
        out.push({ type: "owner", party: from, place });
      }
    }
    const record: InteractionRecord = {
      type: "interaction",
      key,
      channel: "email",
      kind: "message",
      at,
      from,
      // No visible recipient (Bcc, "undisclosed-recipients:;"): it is in the owner's mailbox
      // because it was sent to the owner.
      to: recipients.length > 0 ? recipients : [{ isOwner: true, identities: [] }],
      thread: root ? `email:thread:${root}` : `email:thread:${key.slice("email:".length)}`,
      place,
    };
    if (parent && parent !== id) record.replyTo = `email:${parent}`;
    if (subject) record.context = { title: subject };
    const text = excerpt(
      parsed.text?.trim() ? parsed.text : parsed.html ? htmlText(parsed.html) : undefined,
    );
    if (text) record.text = text;
    out.push(record);
  }
}

/** The header fields of a message, unfolded but not decoded. */
function rawHeaders(bytes: Buffer): HeaderLine[] {
  const text = bytes.toString("latin1", 0, Math.min(bytes.length, 64 * 1024));
  const end = text.search(/\r?\n\r?\n/);
  const out: HeaderLine[] = [];
  for (const line of (end === -1 ? text : text.slice(0, end)).split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(":");
    if (colon > 0) out.push({ key: line.slice(0, colon).trim().toLowerCase(), line });
  }
  return out;
}

function rawValue(head: HeaderLine[], key: string): string | undefined {
  const line = head.find((h) => h.key === key)?.line;
  return line
    ?.slice(line.indexOf(":") + 1)
    .replace(/\s+/g, " ")
    .trim();
}

function rawSender(head: HeaderLine[]): string | undefined {
  const value = rawValue(head, "from");
  if (!value) return undefined;
  return /<([^<>\s]+@[^<>\s]+)>/.exec(value)?.[1] ?? /[^\s<>",;:]+@[^\s<>",;]+/.exec(value)?.[0];
}

/** The subject as it stands, when it needs no decoding. */
function rawSubject(head: HeaderLine[]): string | undefined {
  const value = rawValue(head, "subject");
  return value && !value.includes("=?") && /^[\x20-\x7e]*$/.test(value) ? value : undefined;
}

function skip(reason: string, message: string, raw: RawMessage, where: string): SourceRecord {
  return { type: "skip", reason, message, place: { line: raw.line, record: where } };
}

/** The mailboxes of an address header, groups flattened. */
function mailboxes(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!header) return [];
  const out: EmailAddress[] = [];
  const add = (a: EmailAddress) => {
    if (a.group) for (const member of a.group) add(member);
    else if (a.address) out.push(a);
  };
  for (const object of Array.isArray(header) ? header : [header]) {
    for (const a of object.value) add(a);
  }
  return out;
}

function party(a: EmailAddress): PartyRef {
  const name = a.name?.replace(/\s+/g, " ").trim();
  const identities = [{ kind: "email" as const, value: a.address ?? "" }];
  return name && name.toLowerCase() !== a.address?.toLowerCase()
    ? { name, identities }
    : { identities };
}

function uniqueParties(addresses: EmailAddress[]): PartyRef[] {
  const seen = new Set<string>();
  const out: PartyRef[] = [];
  for (const a of addresses) {
    const address = a.address?.toLowerCase();
    if (!address || seen.has(address)) continue;
    seen.add(address);
    out.push(party(a));
  }
  return out;
}

/** A header's raw value (first occurrence), unfolded. */
function headerValue(parsed: ParsedMail, key: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === key)?.line;
  if (line === undefined) return undefined;
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\s+/g, " ")
    .trim();
}

/** The ids in a Message-ID-like header: `<a@b>` tokens, or the bare value. */
function idsIn(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>]*>/g);
  const ids = (bracketed ?? [value]).map((v) => v.replace(/[<>\s]/g, "")).filter((v) => v);
  return bracketed ? ids : ids.slice(0, 1);
}

function messageId(value: string | undefined): string | undefined {
  return idsIn(value)[0];
}

function referenceIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) =>
    /<[^<>]*>/.test(v) ? idsIn(v) : idsIn(`<${v}>`),
  );
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
