/**
 * People as vCard 4.0 (RFC 6350), one card each, that other address books read and that irl
 * reads back as the same people (the PRODID marks irl's own export, so reading it back adds no
 * ties). Lines are folded at 75 octets; text values escaped.
 *
 * @example
 * for (const card of vcards(people)) out.write(card);
 */
import { IRL_PRODID } from "../sources/vcard/index.js";
import type { ExportedPerson } from "./people.js";

export function* vcards(people: readonly ExportedPerson[]): Iterable<string> {
  for (const person of people) yield card(person);
}

function card(person: ExportedPerson): string {
  const lines = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    `PRODID:${IRL_PRODID}`,
    `UID:irl-person-${person.id}`,
  ];
  lines.push(`FN:${text(person.name)}`);
  for (const i of person.identities) {
    switch (i.kind) {
      case "email":
        lines.push(`EMAIL${claim(i.key)}:${text(i.value)}`);
        break;
      case "url":
      case "profile":
        lines.push(`URL${claim(i.key)}:https://${i.value}`);
        break;
      case "phone":
        lines.push(`TEL;VALUE=uri:tel:${i.value}`);
        break;
      case "handle": {
        const at = i.value.indexOf(":");
        const [platform, handle] =
          at > 0 ? [i.value.slice(0, at), i.value.slice(at + 1)] : ["", i.value];
        if (platform === "twitter") lines.push(`X-TWITTER:${text(handle)}`);
        else if (platform)
          lines.push(
            `X-SOCIALPROFILE;TYPE="${platform.replace(/"/g, "")}";X-USER=${text(handle)}:${text(handle)}`,
          );
        break;
      }
      case "name":
        if (i.display !== person.name) lines.push(`NICKNAME:${text(i.display)}`);
        // Someone known only by a name within one source (an anonymous commenter): keep the
        // scope, so reading the card back finds the same person.
        if (i.key)
          lines.push(`X-IRL-NAME-SCOPE:${text(i.key.slice(5, i.key.length - i.value.length - 1))}`);
        break;
    }
  }
  const first = (field: string) => person.details[field]?.[0];
  if (first("organization")) lines.push(`ORG:${text(first("organization") as string)}`);
  if (first("title")) lines.push(`TITLE:${text(first("title") as string)}`);
  if (first("location")) lines.push(`ADR:;;;${text(first("location") as string)};;;`);
  if (first("bio")) lines.push(`NOTE:${text(first("bio") as string)}`);
  lines.push("END:VCARD");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/**
 * An address only claimed in a comment form keeps its claim and scope (`claim:SCOPE:kind:…`),
 * so reading the card back does not turn the claim into a verified identity.
 */
function claim(key: string | null): string {
  const m = key ? /^claim:(.+):(?:email|url|profile|handle|phone):/.exec(key) : null;
  return m ? `;X-IRL-CLAIM="${(m[1] as string).replace(/"/g, "")}"` : "";
}

/** RFC 6350 §3.4 escaping of a text value. */
function text(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/,/g, "\\,")
    .replace(/;/g, "\\;")
    .replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after a space (§3.2). */
function fold(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (bytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}
