/**
 * Our own vCard reader, for what ical.js cannot read (see `card.ts`): vCard 2.1 with bare
 * parameters, QUOTED-PRINTABLE values and per-property CHARSET, and 3.0 cards that carry
 * those. It follows the version's escaping: 2.1 escapes only `\;` (and writers add `\,` and
 * `\\`); 3.0/4.0 also `\n`, and split N/ADR components and NICKNAME/CATEGORIES at `,`.
 * A 2.1 AGENT's embedded vCard (its own BEGIN:VCARD … END:VCARD lines) is left out.
 *
 * @example
 * readLegacyCard([{ text: "N;CHARSET=UTF-8:Lovelace;Ada", line: 2 }], "2.1");
 * // [{ name: "n", params: { charset: ["UTF-8"] }, values: [["Lovelace"], ["Ada"]] }]
 */

import type { ContentLine } from "../shared/content-lines.js";
import type { CardProperty } from "./card.js";
import { decodeValue } from "./decode.js";
import { parseProperty, type RawProperty } from "./property.js";

/** Properties whose value has components separated by `;`. */
const STRUCTURED = new Set(["n", "adr", "org", "gender", "clientpidmap"]);
/** Of those, the ones whose components are lists separated by `,` (3.0 and later). */
const LISTED_COMPONENTS = new Set(["n", "adr"]);
/** Properties that are lists separated by `,` (3.0 and later). */
const LISTS = new Set(["nickname", "categories"]);

export function readLegacyCard(lines: ContentLine[], version: string): CardProperty[] {
  const modern = version !== "2.1";
  const out: CardProperty[] = [];
  let nested = 0;
  for (const line of lines) {
    const raw = parseProperty(line.text);
    if (!raw) continue;
    const name = raw.name.toLowerCase();
    const value = raw.value.trim().toUpperCase();
    if (name === "begin" && value === "VCARD" && out.length > 0) nested++;
    if (nested > 0) {
      if (name === "end" && value === "VCARD") nested--;
      continue;
    }
    out.push(toCardProperty(raw, name, modern));
  }
  return out;
}

function toCardProperty(raw: RawProperty, name: string, modern: boolean): CardProperty {
  const params: Record<string, string[]> = {};
  for (const p of raw.params) {
    const key = p.name.toLowerCase();
    const values = key === "type" ? p.value.toLowerCase().split(",") : [p.value];
    params[key] = (params[key] ?? []).concat(values.map((v) => v.trim()).filter(Boolean));
  }
  const encoding = params.encoding?.[0]?.toUpperCase();
  const text = decodeValue(raw.value, {
    quotedPrintable: encoding === "QUOTED-PRINTABLE",
    charset: params.charset?.[0],
  });
  let values: string[][];
  if (STRUCTURED.has(name)) {
    values = splitEscaped(text, ";").map((component) =>
      modern && LISTED_COMPONENTS.has(name)
        ? splitEscaped(component, ",").map((v) => unescapeText(v, modern))
        : [unescapeText(component, modern)],
    );
  } else if (modern && LISTS.has(name)) {
    values = [splitEscaped(text, ",").map((v) => unescapeText(v, modern))];
  } else {
    values = [[unescapeText(text, modern)]];
  }
  const property: CardProperty = { name, params, values };
  if (raw.group) property.group = raw.group;
  return property;
}

/** Splits at `delimiter` not preceded by a backslash; escapes are kept for `unescapeText`. */
export function splitEscaped(text: string, delimiter: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === delimiter) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function unescapeText(text: string, modern: boolean): string {
  if (!text.includes("\\")) return text;
  return text.replace(/\\([\\;,nN])/g, (whole, c: string) => {
    if (c === "n" || c === "N") return modern ? "\n" : whole;
    return c;
  });
}
