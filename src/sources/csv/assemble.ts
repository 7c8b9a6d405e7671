/**
 * Turns the rows of a contacts or attendee CSV into records, one `ContactRecord` per person:
 * channel "csv", kind "card" (an address book) or "attendee" (the file has a ticket,
 * registration or attendee column). The first row is the header (see `fields.ts`).
 *
 * Keys are `csv:<digest>`, the digest of the row's main identity, normalised: its first e-mail
 * (lowercased), else its LinkedIn profile, Twitter handle, phone (digits) or site (without
 * scheme or `www.`), else its name within the file. So the same person keeps their key when a
 * re-export adds a phone number or reorders columns, and two rows for the same person in one
 * file are one person: the second is skipped ("duplicate"). An attendee's key also carries the
 * file (its base name): being on two lists is two ties; a card's does not.
 *
 * Names alone are not identities: a name-only row stands for one person within its file
 * (name scope `csv:<file base name>`).
 *
 * @example
 * const file = new ContactsFile("people.csv", undefined);
 * file.row(["Name", "Email"], 1, out); // the header
 * file.row(["Ada Byron", "ada@example.org"], 2, out); // a ContactRecord
 */
import { createHash } from "node:crypto";
import { IrlError } from "../../errors.js";
import { profileKey } from "../linkedin/parties.js";
import type {
  ContactRecord,
  IdentityRef,
  PartyDetails,
  SkipRecord,
  SourceRecord,
} from "../records.js";
import { type ColumnPlan, type Field, identifies, planColumns, unknownColumns } from "./fields.js";
import { fitRow } from "./reader.js";

type Values = Partial<Record<Field, string[]>>;

/** Fields that can tell who a row is: a file needs one of them. */
const WHO = new Set<Field>([
  "name",
  "given",
  "family",
  "email",
  "phone",
  "url",
  "twitter",
  "linkedin",
]);

export class ContactsFile {
  private plan: ColumnPlan | undefined;
  private width = 0;
  private readonly scope: string;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly map: Record<string, string> | undefined,
  ) {
    this.scope = `csv:${baseName(file)}`;
  }

  row(fields: string[], line: number, out: SourceRecord[]): void {
    if (!this.plan) {
      this.header(fields, line);
      return;
    }
    const fitted = fitRow(fields, this.width);
    if (!fitted) {
      const message = `A row has ${fields.length} fields where the header has ${this.width}.`;
      out.push(skip("bad row", message, line, "a row"));
      return;
    }
    out.push(this.record(this.values(fitted, this.plan), line));
  }

  /** Throws when the file had no header row at all. */
  end(): void {
    if (!this.plan) {
      throw new IrlError("input", `${this.file}: the file is empty (no header row)`, {
        file: this.file,
      });
    }
  }

  private header(fields: string[], line: number): void {
    const plan = planColumns(fields, this.map);
    const hasMap = this.map !== undefined && Object.keys(this.map).length > 0;
    const usable = plan.fields.some((f) => f !== undefined && WHO.has(f));
    if ((!identifies(plan) && !hasMap) || !usable) {
      throw unknownColumns(
        this.file,
        line,
        fields.map((f) => f.trim()),
      );
    }
    this.plan = plan;
    this.width = fields.length;
  }

  private values(fields: string[], plan: ColumnPlan): Values {
    const values: Values = {};
    fields.forEach((raw, i) => {
      const field = plan.fields[i];
      const value = raw.trim();
      if (field === undefined || value === "") return;
      const list = values[field];
      if (list) list.push(value);
      else values[field] = [value];
    });
    return values;
  }

  private record(v: Values, line: number): ContactRecord | SkipRecord {
    if (Object.keys(v).length === 0) {
      return skip("empty row", "A row has no value in any column irl reads.", line, "a row");
    }
    const name = nameOf(v);
    const identities = identitiesOf(v);
    const label = name ? `"${name}"` : "a row";
    if (!name && identities.length === 0) {
      const message = "A row has neither a name nor an e-mail, phone, site or profile.";
      return skip("no identity", message, line, label);
    }
    const kind = this.plan?.attendees ? "attendee" : "card";
    const anchor = primaryAnchor(identities) ?? `name:${squash(name ?? "")}`;
    const scoped = kind === "attendee" || anchor.startsWith("name:") ? this.scope : "";
    const key = `csv:${digest(`${kind}\n${scoped}\n${anchor}`)}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      return skip("duplicate", `${label} repeats the person on line ${first}.`, line, label);
    }
    this.seen.set(key, line);
    const party: ContactRecord["party"] = name ? { name, identities } : { identities };
    party.nameScope = this.scope;
    const details = detailsOf(v);
    if (details) party.details = details;
    return { type: "contact", key, channel: "csv", kind, party, place: { line, record: label } };
  }
}

function nameOf(v: Values): string | undefined {
  const full = v.name?.[0];
  const composed = [v.given?.[0], v.family?.[0]].filter(Boolean).join(" ");
  const name = (full || composed).replace(/\s+/g, " ").trim();
  return name || undefined;
}

function identitiesOf(v: Values): IdentityRef[] {
  const out: IdentityRef[] = [];
  const add = (ref: IdentityRef) => {
    if (!out.some((r) => r.kind === ref.kind && r.value === ref.value)) out.push(ref);
  };
  for (const cell of v.email ?? []) {
    for (const e of cell.split(/\s*:::\s*|[\s,;]+/)) {
      const email = e.replace(/^mailto:/i, "").replace(/^<|>$/g, "");
      if (email.includes("@")) add({ kind: "email", value: email });
    }
  }
  for (const cell of v.phone ?? []) {
    for (const p of cell.split(/\s*(?::::|;|\n)\s*/)) {
      if (/\d/.test(p)) add({ kind: "phone", value: p.trim() });
    }
  }
  for (const cell of v.url ?? []) {
    for (const u of cell.split(/\s*:::\s*|[\s,;]+/)) {
      if (u.includes(".")) add({ kind: "url", value: u });
    }
  }
  for (const cell of v.twitter ?? []) {
    const handle = twitterHandle(cell);
    if (handle) add({ kind: "handle", value: handle, platform: "twitter" });
    else if (cell.includes(".")) add({ kind: "url", value: cell });
  }
  for (const cell of v.linkedin ?? []) {
    const url = linkedinUrl(cell);
    if (url) add({ kind: "profile", value: url, platform: "linkedin" });
  }
  return out;
}

function detailsOf(v: Values): PartyDetails | undefined {
  const details: PartyDetails = {};
  const organization = v.organization?.[0];
  const title = v.title?.[0];
  const location =
    v.location?.[0] ?? ([v.city?.[0], v.country?.[0]].filter(Boolean).join(", ") || undefined);
  const bio = v.note?.[0];
  if (organization) details.organization = organization;
  if (title) details.title = title;
  if (location) details.location = location;
  if (bio) details.bio = bio;
  return Object.keys(details).length > 0 ? details : undefined;
}

const TWITTER_URL =
  /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:twitter|x)\.com\/@?([A-Za-z0-9_]{1,15})\/?(?:[?#].*)?$/i;

/** "@ada", "ada" or "https://x.com/ada" → "ada"; undefined for anything else. */
export function twitterHandle(value: string): string | undefined {
  const v = value.trim();
  const m = TWITTER_URL.exec(v);
  if (m) return m[1];
  const bare = v.replace(/^@/, "");
  return /^[A-Za-z0-9_]{1,15}$/.test(bare) ? bare : undefined;
}

/** A LinkedIn profile URL from a URL, "in/ada" or a bare "ada"; undefined for anything else. */
export function linkedinUrl(value: string): string | undefined {
  const v = value.trim().replace(/^@/, "");
  if (/linkedin\.com\//i.test(v)) return /^https?:\/\//i.test(v) ? v : `https://${v}`;
  const slug = v.replace(/^\/?in\//i, "").replace(/\/$/, "");
  return /^[\p{L}\p{N}_-]{2,100}$/u.test(slug) ? `https://www.linkedin.com/in/${slug}` : undefined;
}

/** Which identity a key is made of: the first e-mail, else profile, handle, phone, site. */
const KEY_ORDER = ["email", "profile", "handle", "phone", "url"] as const;

function primaryAnchor(identities: IdentityRef[]): string | undefined {
  for (const kind of KEY_ORDER) {
    for (const ref of identities) {
      const anchor = ref.kind === kind ? anchorOf(ref) : undefined;
      if (anchor) return anchor;
    }
  }
  return undefined;
}

/** The normalised form of an identity inside a key. */
function anchorOf(ref: IdentityRef): string | undefined {
  const v = ref.value.trim();
  switch (ref.kind) {
    case "email":
      return `email:${v.toLowerCase()}`;
    case "phone": {
      const digits = v.replace(/[^\d+]/g, "");
      return digits.replace(/\D/g, "").length >= 6 ? `phone:${digits}` : undefined;
    }
    case "url": {
      const site = v
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
        .replace(/^www\./, "")
        .replace(/[?#].*$/, "")
        .replace(/\/+$/, "");
      return site ? `url:${site}` : undefined;
    }
    case "profile": {
      const p = profileKey(v);
      return p ? `profile:${p}` : undefined;
    }
    case "handle":
      return `handle:${ref.platform ?? ""}:${v.replace(/^@/, "").toLowerCase()}`;
    default:
      return undefined;
  }
}

function squash(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** "archive.zip/data/People List.CSV" → "people list". */
export function baseName(path: string): string {
  const last = path.split(/[\\/]/).pop() ?? path;
  return last.replace(/\.[^.]*$/, "").toLowerCase() || "csv";
}

function skip(reason: string, message: string, line: number, record: string): SkipRecord {
  return { type: "skip", reason, message, place: { line, record } };
}
