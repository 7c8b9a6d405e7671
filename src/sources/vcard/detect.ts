/**
 * Recognises a vCard file (2.1, 3.0, 4.0) from its first bytes: the first non-blank line is
 * `BEGIN:VCARD` (any case, after an optional byte-order mark).
 *
 * @example
 * looksLikeVcard("BEGIN:VCARD\r\nVERSION:3.0\r\n"); // true
 */
export function looksLikeVcard(head: string): boolean {
  return firstLine(head).toUpperCase() === "BEGIN:VCARD";
}

/** The first non-blank line of a head, trimmed. */
export function firstLine(head: string): string {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf("\n", from);
    const line = text.slice(from, nl === -1 ? text.length : nl).trim();
    if (line) return line;
    if (nl === -1) break;
    from = nl + 1;
  }
  return "";
}
