/**
 * Bulk mail: newsletters, mailing lists, notifications, auto-replies and bounces. They do not
 * make relationships, so the importer skips them. A message is bulk when it has a `List-Id` or
 * `List-Unsubscribe` header, `Precedence: bulk | list | junk`, `Auto-Submitted:` other than
 * `no`, or a sender such as `no-reply@`, `notifications@`, `mailer-daemon@` or `postmaster@`.
 *
 * @example
 * bulkReason([{ key: "precedence", line: "Precedence: bulk" }], "ada@quill.example");
 * // "Precedence: bulk"
 */
export interface HeaderLine {
  /** Lowercase field name. */
  key: string;
  /** The raw line, `Name: value`, folding included. */
  line: string;
}

const ROBOT_SENDER =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|notifications?|postmaster|bounces?)(?:[-+._].*)?$/i;

function valueOf(line: string): string {
  const colon = line.indexOf(":");
  return line
    .slice(colon + 1)
    .replace(/\s+/g, " ")
    .trim();
}

/** Why a message is bulk mail, or `undefined` when it is not. */
export function bulkReason(
  headers: readonly HeaderLine[],
  sender: string | undefined,
): string | undefined {
  for (const { key, line } of headers) {
    if (key === "list-id" || key === "list-unsubscribe") return `a ${line.split(":")[0]} header`;
    if (key === "precedence") {
      const value = valueOf(line).toLowerCase();
      if (value === "bulk" || value === "list" || value === "junk") return `Precedence: ${value}`;
    }
    if (key === "auto-submitted") {
      const value = valueOf(line).toLowerCase();
      if (value !== "" && !value.startsWith("no")) return `Auto-Submitted: ${value}`;
    }
  }
  const local = sender?.split("@")[0];
  if (local && ROBOT_SENDER.test(local)) return `an automated sender (${sender})`;
  return undefined;
}
