/**
 * What the three LinkedIn files' rows become. Each function reads one row (through `get`, which
 * looks a column up by its lowercase header name) and appends its records to `out`.
 *
 * @example
 * connectionRow(get, 5, keys, out); // a ContactRecord, or a skip with its reason
 */
import type { ContactRecord, InteractionRecord, SkipRecord, SourceRecord } from "../records.js";
import { PlainText } from "../shared/plain-text.js";
import { parseLinkedInDate } from "./dates.js";
import type { KeyLedger } from "./key-ledger.js";
import { digest, isEmptyParty, nameKey, party, personKey, splitRecipients } from "./parties.js";

/** A column of the current row by its lowercase header name ("" when the file has none). */
export type Get = (column: string) => string;

export function connectionRow(get: Get, line: number, keys: KeyLedger, out: SourceRecord[]): void {
  const first = get("first name").trim();
  const last = get("last name").trim();
  const url = get("url").trim();
  const email = get("email address").trim();
  const company = get("company").trim();
  const position = get("position").trim();
  const connectedOn = get("connected on").trim();
  const name = [first, last].filter(Boolean).join(" ");
  const record = name ? `connection "${name}"` : "a connection";
  if (!name && !url && !email && !company && !position) {
    out.push(skip("empty row", "A connection row has nothing but a date.", line, record));
    return;
  }
  if (!name && !url && !email) {
    out.push(skip("no identity", "A connection has no name, profile or e-mail.", line, record));
    return;
  }
  const at = parseLinkedInDate(connectedOn);
  const key = `linkedin:connection:${
    personKey({ url, email }) ?? `name:${nameKey(name)}:${at ?? (connectedOn || "undated")}`
  }`;
  const duplicate = keys.claim(key, line, record, `The connection with ${name || url || email}`);
  if (duplicate) {
    out.push(duplicate);
    return;
  }
  const p = party({ name, url, email });
  if (company || position) {
    p.details = {};
    if (company) p.details.organization = company;
    if (position) p.details.title = position;
  }
  const contact: ContactRecord = {
    type: "contact",
    key,
    channel: "linkedin",
    kind: "connection",
    party: p,
    place: { line, record },
  };
  if (at !== undefined) contact.at = at;
  out.push(contact);
}

const YES = new Set(["yes", "true", "1"]);

export class MessageRows {
  private readonly text = new PlainText();

  constructor(private readonly keys: KeyLedger) {}

  row(get: Get, line: number, out: SourceRecord[]): void {
    const conversation = get("conversation id").trim();
    const record = conversation ? `message in conversation ${conversation}` : "a message";
    if (YES.has(get("is message draft").trim().toLowerCase())) {
      out.push(skip("draft", "A draft message that was never sent.", line, record));
      return;
    }
    const date = get("date").trim();
    const at = parseLinkedInDate(date);
    if (at === undefined) {
      const why = date ? `an unreadable date "${date}"` : "no date";
      out.push(skip("bad date", `A message has ${why}.`, line, record));
      return;
    }
    const sent = get("folder").trim().toUpperCase() === "SENT";
    const sender = { name: get("from"), url: get("sender profile url") };
    const from = party(sender, sent);
    if (isEmptyParty(from)) {
      out.push(
        skip("no sender", "A message has neither a sender name nor a profile.", line, record),
      );
      return;
    }
    const content = get("content");
    const key = `linkedin:message:${conversation || "none"}:${at}:${digest(
      `${personKey(sender) ?? ""}\n${content}`,
    )}`;
    const duplicate = this.keys.claim(key, line, record, "This message");
    if (duplicate) {
      out.push(duplicate);
      return;
    }
    const to = splitRecipients(get("to"), get("recipient profile urls")).map((r) => party(r));
    const message: InteractionRecord = {
      type: "interaction",
      key,
      channel: "linkedin",
      kind: "message",
      at,
      from,
      to,
      place: { line, record },
    };
    if (conversation) message.thread = `linkedin:conversation:${conversation}`;
    const title = (get("conversation title").trim() || get("subject").trim()).replace(/\s+/g, " ");
    if (title) message.context = { title };
    const text = content ? this.text.of(content) : "";
    if (text) message.text = text;
    out.push(message);
  }
}

export class InvitationRows {
  private readonly text = new PlainText();

  constructor(private readonly keys: KeyLedger) {}

  row(get: Get, line: number, out: SourceRecord[]): void {
    const direction = get("direction").trim().toUpperCase();
    const inviter = { name: get("from"), url: get("inviterprofileurl") };
    const invitee = { name: get("to"), url: get("inviteeprofileurl") };
    const outgoing = direction === "OUTGOING";
    const other = outgoing ? invitee : inviter;
    const otherName = other.name.trim() || other.url.trim();
    const record = `invitation ${outgoing ? "to" : "from"} ${otherName || "someone"}`;
    if (!outgoing && direction !== "INCOMING") {
      const why = direction ? `an unknown direction "${direction}"` : "no direction";
      out.push(skip("bad row", `An invitation has ${why}.`, line, record));
      return;
    }
    const otherParty = party(other);
    const otherKey = personKey(other);
    if (otherKey === undefined || isEmptyParty(otherParty)) {
      out.push(
        skip("no identity", "An invitation names neither person nor profile.", line, record),
      );
      return;
    }
    const sentAt = get("sent at").trim();
    const at = parseLinkedInDate(sentAt);
    const key = `linkedin:invitation:${outgoing ? "sent" : "received"}:${otherKey}:${at ?? (sentAt || "undated")}`;
    const duplicate = this.keys.claim(key, line, record, "This invitation");
    if (duplicate) {
      out.push(duplicate);
      return;
    }
    const contact: ContactRecord = {
      type: "contact",
      key,
      channel: "linkedin",
      kind: outgoing ? "invitation_sent" : "invitation_received",
      party: otherParty,
      place: { line, record },
    };
    if (at !== undefined) contact.at = at;
    out.push(contact);

    const message = get("message");
    const text = message ? this.text.of(message) : "";
    if (!text) return;
    if (at === undefined) {
      const why = sentAt ? `an unreadable date "${sentAt}"` : "no date";
      out.push(skip("bad date", `The message of an invitation has ${why}.`, line, record));
      return;
    }
    const owner = party(outgoing ? inviter : invitee, true);
    out.push({
      type: "interaction",
      key: `${key}:message`,
      channel: "linkedin",
      kind: "invitation",
      at,
      from: outgoing ? owner : otherParty,
      to: [outgoing ? otherParty : owner],
      text,
      place: { line, record },
    });
  }
}

export function skip(reason: string, message: string, line: number, record: string): SkipRecord {
  return { type: "skip", reason, message, place: { line, record } };
}
