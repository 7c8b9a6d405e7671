/**
 * Cuts a multipart message after what an excerpt needs, so the MIME parser never decodes
 * attachments or an HTML alternative: the message ends before the part that follows the first
 * `text/plain` part, or before the first part that is not text (an attachment, a signature)
 * once some text was seen. Single-part messages, messages without a usable boundary and
 * messages whose text comes only after their attachments are returned whole. The cut leaves the
 * multipart unterminated, which MIME parsers accept as the end of the message.
 *
 * @example
 * firstTextPart(message).length <= message.length; // headers, text/plain, nothing after it
 */
const HEADER_END = /\r?\n\r?\n/;
const BOUNDARY = /boundary\s*=\s*(?:"([^"]+)"|([^\s;"]+))/i;

export function firstTextPart(message: Buffer): Buffer {
  const head = message.subarray(0, 16 * 1024).toString("latin1");
  const headEnd = HEADER_END.exec(head);
  if (!headEnd) return message;
  const top = contentType(head.slice(0, headEnd.index));
  if (!top.type.startsWith("multipart/") || !top.boundary) return message;
  const boundaries = new Set([`--${top.boundary}`]);
  let pos = headEnd.index + headEnd[0].length;
  let sawText = false;
  let inPlain = false;
  while (pos < message.length) {
    const nl = message.indexOf(10, pos);
    const lineEnd = nl === -1 ? message.length : nl + 1;
    if (message[pos] === 0x2d && message[pos + 1] === 0x2d) {
      const line = message.toString("latin1", pos, Math.min(lineEnd, pos + 200)).trimEnd();
      const closing = line.endsWith("--") && boundaries.has(line.slice(0, -2));
      if (closing || boundaries.has(line)) {
        if (inPlain) return message.subarray(0, pos);
        if (closing) {
          pos = lineEnd;
          continue;
        }
        const part = partHeaders(message, lineEnd);
        const type = part.type;
        if (type.startsWith("multipart/")) {
          if (part.boundary) boundaries.add(`--${part.boundary}`);
          inPlain = false;
        } else if (type.startsWith("text/")) {
          sawText = true;
          inPlain = type === "text/plain";
        } else if (sawText && !type.startsWith("message/")) {
          return message.subarray(0, pos);
        } else {
          inPlain = false;
        }
        pos = part.end;
        continue;
      }
    }
    pos = lineEnd;
  }
  return message;
}

interface ContentType {
  type: string;
  boundary: string | undefined;
}

/** The Content-Type among unfolded header lines; text/plain when there is none. */
function contentType(headers: string): ContentType {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, " ");
  const m = /^content-type:[ \t]*([^\r\n]*)/im.exec(unfolded);
  if (!m?.[1]) return { type: "text/plain", boundary: undefined };
  const value = m[1];
  const type = (value.split(";")[0] ?? "").trim().toLowerCase();
  const b = BOUNDARY.exec(value);
  return { type, boundary: b ? (b[1] ?? b[2]) : undefined };
}

/** The headers of the part starting at `start`, and where its body starts. */
function partHeaders(message: Buffer, start: number): ContentType & { end: number } {
  const window = message.toString("latin1", start, Math.min(message.length, start + 8 * 1024));
  const blank = /(?:^|\n)\r?\n/.exec(window);
  const headers = blank ? window.slice(0, blank.index) : window;
  const end = blank ? start + blank.index + blank[0].length : message.length;
  return { ...contentType(headers), end };
}
