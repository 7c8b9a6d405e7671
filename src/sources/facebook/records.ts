/**
 * Facebook export entries as records. People are known by name only, within the name scope
 * "facebook" (one name, one person, in this export).
 *
 * - Friends (`friends_v2`) → contact "connection"; friend requests received / sent →
 *   "invitation_received" / "invitation_sent". Key `facebook:<kind>:<name>:<timestamp>`.
 * - Profile (`profile_v2`) → the owner: name, e-mails, profile link and username, city, current
 *   work; and a second owner record with the bare name in scope "facebook", so that the owner's
 *   name in message threads is the user too.
 * - A thread message → interaction on channel "facebook", kind "message" ("call" for calls),
 *   from its sender to the thread's other participants. Messages have no ids: the key is
 *   `facebook:message:<hash of participants, sender, time, text>` (with `:2`, `:3` … for an exact
 *   repeat in the same file); the thread is `facebook:thread:<hash of the participants>`, the
 *   same for every `message_N.json` of one conversation.
 *
 * @example
 * contactRecord({ name: "Ana Sousa", timestamp: 1700000000 }, "connection", { line: 3 });
 * // { type: "contact", key: "facebook:connection:Ana Sousa:1700000000", … }
 */
import { createHash } from "node:crypto";
import type {
  IdentityRef,
  InteractionRecord,
  PartyDetails,
  PartyRef,
  Place,
  SourceRecord,
} from "../records.js";

export const SCOPE = "facebook";

export function person(name: string): PartyRef {
  return { name, identities: [], nameScope: SCOPE };
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value.trim() || undefined : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function contactRecord(value: unknown, kind: string, at: Place): SourceRecord {
  const entry = obj(value);
  const name = text(entry?.name);
  if (!name) {
    return {
      type: "skip",
      reason: "no name",
      message: `a ${kind} entry without a name`,
      place: { ...at, record: kind },
    };
  }
  const seconds = number(entry?.timestamp);
  const record: SourceRecord = {
    type: "contact",
    key: `facebook:${kind}:${name}${seconds !== undefined ? `:${seconds}` : ""}`,
    channel: "facebook",
    kind,
    party: person(name),
    place: { ...at, record: `${kind} ${name}` },
  };
  if (seconds !== undefined && seconds > 0) record.at = seconds * 1000;
  return record;
}

export function profileRecords(value: unknown, at: Place): SourceRecord[] {
  const profile = obj(value);
  const place: Place = { ...at, record: "profile" };
  const name = text(obj(profile?.name)?.full_name) ?? text(profile?.name);
  const identities: IdentityRef[] = [];
  const emails = obj(profile?.emails)?.emails;
  if (Array.isArray(emails)) {
    for (const e of emails) {
      const email = text(e);
      if (email) identities.push({ kind: "email", value: email });
    }
  }
  // `profile.php?id=…` links differ only in their query, which URL normalisation drops: they
  // would make every such profile one identity, so only path-form links are kept.
  const uri = text(profile?.profile_uri);
  if (uri && !uri.includes("?"))
    identities.push({ kind: "profile", platform: "facebook", value: uri });
  const username = text(profile?.username);
  if (username) identities.push({ kind: "handle", platform: "facebook", value: username });
  const details: PartyDetails = {};
  const city = text(obj(profile?.current_city)?.name);
  if (city) details.location = city;
  const works = profile?.work_experiences;
  const work = Array.isArray(works) ? obj(works[0]) : undefined;
  if (work && work.end_timestamp === undefined) {
    const employer = text(work.employer);
    const title = text(work.title);
    if (employer) details.organization = employer;
    if (title) details.title = title;
  }
  if (!name && identities.length === 0) {
    return [{ type: "skip", reason: "no identity", message: "the profile names nobody", place }];
  }
  const owner: PartyRef = { isOwner: true, identities };
  if (name) owner.name = name;
  if (Object.keys(details).length > 0) owner.details = details;
  const records: SourceRecord[] = [{ type: "owner", party: owner, place }];
  if (name) {
    records.push({
      type: "owner",
      party: { isOwner: true, name, identities: [], nameScope: SCOPE },
      place,
    });
  }
  return records;
}

/** Turns a thread's messages into records; one per thread file. */
export class Thread {
  private participants: string[] = [];
  private threadKey = "";
  private readonly seen = new Map<string, number>();

  addParticipant(value: unknown): void {
    const name = text(obj(value)?.name) ?? text(value);
    if (name && !this.participants.includes(name)) this.participants.push(name);
    this.threadKey = `facebook:thread:${hash([...this.participants].sort().join("\n"))}`;
  }

  get known(): boolean {
    return this.participants.length > 0;
  }

  message(value: unknown, at: Place): SourceRecord {
    const m = obj(value);
    const sender = text(m?.sender_name);
    const ms = number(m?.timestamp_ms);
    const place: Place = { ...at, record: `message from ${sender ?? "nobody"}` };
    if (!m || !sender) {
      return { type: "skip", reason: "no author", message: "a message without a sender", place };
    }
    if (ms === undefined) {
      return { type: "skip", reason: "bad date", message: "a message without timestamp_ms", place };
    }
    const type = text(m.type);
    if (type === "Subscribe" || type === "Unsubscribe") {
      return {
        type: "skip",
        reason: "membership change",
        message: `${sender} added or removed people from the conversation`,
        place,
      };
    }
    const others = this.participants.filter((p) => p !== sender);
    if (others.length === 0) {
      return {
        type: "skip",
        reason: "no counterpart",
        message: "the thread names nobody but the sender",
        place,
      };
    }
    const content = text(m.content);
    const base = hash(`${this.threadKey}\n${sender}\n${ms}\n${content ?? ""}`);
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    const record: InteractionRecord = {
      type: "interaction",
      key: `facebook:message:${base}${count > 1 ? `:${count}` : ""}`,
      channel: "facebook",
      kind: type === "Call" ? "call" : "message",
      at: ms,
      from: person(sender),
      to: others.map(person),
      thread: this.threadKey,
      place,
    };
    if (content) record.text = content;
    return record;
  }
}

function hash(value: string): string {
  return createHash("sha1").update(value).digest("hex").slice(0, 20);
}
