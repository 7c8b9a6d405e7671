/**
 * Recognises e-mail from the first bytes of a file. An mbox starts (after an optional BOM) with a
 * `From ` line followed by a header line. A single message (`.eml`) starts with an RFC 5322 header
 * block: every line up to the first blank one is a `Name: value` field or its continuation, and
 * at least two of them are well-known mail fields, one of them From, Date, Received, Message-ID,
 * MIME-Version, Return-Path, Delivered-To, Subject or To. CSV rows, vCard and iCalendar lines and
 * XML fail one of these tests.
 *
 * @example
 * looksLikeMbox("From ada@quill.example Mon Jun  3 12:50:27 1996\nFrom: Ada <ada@quill.example>\n"); // true
 * looksLikeEml("From: Ada <ada@quill.example>\nDate: Mon, 3 Jun 1996 12:50:27 +0000\n\nHi"); // true
 */
const FIELD = /^([!-9;-~]+)[ \t]*:/;

/** Fields one of which a message's head must have. */
const CORE = new Set([
  "from",
  "date",
  "received",
  "message-id",
  "mime-version",
  "return-path",
  "delivered-to",
  "subject",
  "to",
]);

/** Other fields typical of e-mail, counted towards the two that are needed. */
const MAIL = new Set([
  ...CORE,
  "cc",
  "bcc",
  "sender",
  "reply-to",
  "in-reply-to",
  "references",
  "content-type",
  "content-transfer-encoding",
  "content-disposition",
  "x-mailer",
  "user-agent",
  "dkim-signature",
  "x-received",
  "received-spf",
  "authentication-results",
  "arc-seal",
  "x-mozilla-status",
  "x-uidl",
  "x-account-key",
  "thread-topic",
  "thread-index",
]);

function withoutBom(head: string): string {
  return head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
}

export function looksLikeMbox(head: string): boolean {
  const text = withoutBom(head);
  if (!text.startsWith("From ")) return false;
  const lines = text.split("\n", 3);
  const second = lines[1];
  return lines.length >= 3 && second !== undefined && FIELD.test(second);
}

export function looksLikeEml(head: string): boolean {
  const text = withoutBom(head);
  const lines = text.split(/\r?\n/);
  // The last line of a head cut at 64 KiB may be incomplete.
  if (!/\n$/.test(text)) lines.pop();
  const core = new Set<string>();
  const known = new Set<string>();
  let fields = 0;
  for (const line of lines) {
    if (line === "") break;
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (fields === 0) return false;
      continue;
    }
    const m = FIELD.exec(line);
    if (!m?.[1]) return false;
    fields++;
    const name = m[1].toLowerCase();
    if (MAIL.has(name)) known.add(name);
    if (CORE.has(name)) core.add(name);
  }
  return core.size >= 1 && known.size >= 2;
}
