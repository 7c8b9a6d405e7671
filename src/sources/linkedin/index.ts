/**
 * The LinkedIn data export importer: Connections.csv, messages.csv and Invitations.csv, each
 * recognised by its header row (after the `Notes:` preamble of 2025 exports), never its name.
 *
 * Records:
 * - a connection: ContactRecord channel "linkedin", kind "connection", the person with their
 *   profile URL, e-mail when shared, company and position; dated by Connected On. Key
 *   `linkedin:connection:<profile URL normalised>` (else e-mail, else name and date). A row with
 *   nothing but a date is skipped ("empty row"); a profile listed twice ("duplicate").
 * - a message: InteractionRecord kind "message" from the sender to every recipient (one record
 *   for a group message), thread `linkedin:conversation:<CONVERSATION ID>`, the text with its
 *   HTML stripped, dated by DATE (UTC). Key `linkedin:message:<conversation>:<ms>:<digest of
 *   sender and content>` (the export has no message ids). Drafts are skipped ("draft").
 * - an invitation: ContactRecord kind "invitation_sent"/"invitation_received" for the other
 *   person, and when it carries a message, an InteractionRecord kind "invitation" (key: the
 *   contact's key + ":message").
 *
 * The owner: messages.csv does not name the export's owner. A message in the FOLDER "SENT" is
 * the owner's, so its sender is marked `isOwner`; an outgoing invitation's inviter and an
 * incoming one's invitee are the owner too. Both teach the pipeline the owner's profile URL, so
 * their other messages resolve to the user by that anchor. An export without either relies on
 * the user saying who they are (`irl me <profile url>`).
 *
 * Other LinkedIn CSVs (Profile.csv, recommendations, endorsements, …) are not detected by this
 * importer (and the generic CSV importer refuses them), so they import nothing.
 *
 * @example
 * for await (const batch of linkedinImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import { IrlError } from "../../errors.js";
import { fitRow, readCsvRows } from "../csv/reader.js";
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import {
  isPreambleStart,
  kindOfHeader,
  type LinkedInKind,
  looksLikeLinkedIn,
  PREAMBLE_LINES,
} from "./headers.js";
import { KeyLedger } from "./key-ledger.js";
import { connectionRow, type Get, InvitationRows, MessageRows, skip } from "./rows.js";

export const linkedinImporter: Importer = {
  format: "linkedin",
  description: "LinkedIn data export: Connections.csv, messages.csv, Invitations.csv",
  detect: looksLikeLinkedIn,
  parse: parseLinkedIn,
};

const WHAT: Record<LinkedInKind, string> = {
  connections: "connection",
  messages: "message",
  invitations: "invitation",
};

async function* parseLinkedIn(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const file = new LinkedInFile(input.path);
  for await (const rows of readCsvRows(input)) {
    const out: SourceRecord[] = [];
    for (const row of rows) file.row(row.fields, row.line, out);
    if (out.length > 0) yield out;
  }
  file.end();
}

/** One file: finds its header past any preamble, then turns each row into records. */
class LinkedInFile {
  private kind: LinkedInKind | undefined;
  private inPreamble = false;
  private rowsBefore = 0;
  private columns = new Map<string, number>();
  private width = 0;
  private fields: string[] = [];
  private readonly keys = new KeyLedger();
  private readonly messages = new MessageRows(this.keys);
  private readonly invitations = new InvitationRows(this.keys);
  private readonly get: Get = (column) => {
    const i = this.columns.get(column);
    return i === undefined ? "" : (this.fields[i] ?? "");
  };

  constructor(private readonly file: string) {}

  row(fields: string[], line: number, out: SourceRecord[]): void {
    if (this.kind === undefined) {
      this.header(fields, line);
      return;
    }
    const fitted = fitRow(fields, this.width);
    if (!fitted) {
      out.push(
        skip(
          "bad row",
          `A row has ${fields.length} fields where the header has ${this.width}.`,
          line,
          `${WHAT[this.kind]} row`,
        ),
      );
      return;
    }
    this.fields = fitted;
    if (this.kind === "connections") connectionRow(this.get, line, this.keys, out);
    else if (this.kind === "messages") this.messages.row(this.get, line, out);
    else this.invitations.row(this.get, line, out);
  }

  /** Throws when the file is not one of the three LinkedIn files irl imports. */
  end(): void {
    if (this.kind !== undefined) return;
    const why = this.inPreamble
      ? `no LinkedIn header within ${PREAMBLE_LINES} lines of its "Notes:" preamble`
      : "it is empty";
    throw new IrlError("input", `${this.file}: not a LinkedIn export file (${why})`, {
      file: this.file,
    });
  }

  private header(fields: string[], line: number): void {
    const first = this.rowsBefore++ === 0;
    if (first && isPreambleStart(fields)) {
      this.inPreamble = true;
      return;
    }
    const kind = kindOfHeader(fields);
    if (kind !== undefined && kind !== "other") {
      this.kind = kind;
      this.width = fields.length;
      this.columns = new Map();
      fields.forEach((f, i) => {
        const name = f.trim().toLowerCase();
        if (!this.columns.has(name)) this.columns.set(name, i);
      });
      return;
    }
    if (this.inPreamble && kind === undefined && line <= PREAMBLE_LINES) return;
    const what =
      kind === "other"
        ? "a LinkedIn file irl does not import"
        : "not a LinkedIn Connections, messages or Invitations file";
    const shown = fields.slice(0, 8).join(",");
    throw new IrlError("input", `${this.file}: line ${line}: ${what} (header "${shown}")`, {
      file: this.file,
      place: `line ${line}`,
    });
  }
}
