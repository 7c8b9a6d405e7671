/**
 * One vCard's properties in a form both readers produce: ical.js for well-formed vCard 3.0
 * and 4.0, and our own reader (`legacy-reader.ts`) for what ical.js cannot read.
 *
 * Why two readers: ical.js parses vCard 3.0/4.0 (RFC 2426/6350) faithfully — quoted and
 * RFC 6868-escaped parameters, structured values, multi-values — but it has no vCard 2.1:
 * bare parameters (`TEL;WORK;VOICE:`) make it throw, and it knows neither ENCODING=
 * QUOTED-PRINTABLE nor per-property CHARSET, which 2.1 exports (old phones, Outlook, XING)
 * rely on for every accented name. So a card goes to ical.js when it is 3.0/4.0 and carries
 * no QUOTED-PRINTABLE or CHARSET parameter, and to our reader otherwise, or when ical.js
 * rejects it.
 *
 * @example
 * const { properties } = readCard(lines);
 * properties.find((p) => p.name === "fn")?.values; // [["Ada Lovelace"]]
 */
import ICAL from "ical.js";
import type { ContentLine } from "../shared/content-lines.js";
import { decodeBytes } from "./decode.js";
import { readLegacyCard } from "./legacy-reader.js";
import { parseProperty } from "./property.js";

export interface CardProperty {
  /** Lower case: "fn", "email", "x-socialprofile". */
  name: string;
  group?: string;
  /** Lower-case parameter names; TYPE values lower case, others as written. */
  params: Record<string, string[]>;
  /**
   * Components of a structured value (N, ADR, ORG), each a list of values; a plain value is
   * one component with one value (NICKNAME and CATEGORIES: one component with several).
   */
  values: string[][];
}

export interface ReadCard {
  properties: CardProperty[];
  /** Lines that are not properties; left out of `properties`. */
  badLines: ContentLine[];
  /** "2.1", "3.0", "4.0" or what the card says; "2.1" when it says nothing. */
  version: string;
  reader: "ical.js" | "legacy";
}

const LEGACY_PARAMS = /^[^:]*(?:QUOTED-PRINTABLE|CHARSET=)/i;

/** `lines` run from BEGIN:VCARD to END:VCARD inclusive. */
export function readCard(lines: ContentLine[]): ReadCard {
  const version = versionOf(lines);
  const badLines: ContentLine[] = [];
  const good: ContentLine[] = [];
  for (const line of lines) (parseProperty(line.text) ? good : badLines).push(line);
  const legacy = version === "2.1" || good.some((l) => LEGACY_PARAMS.test(l.text));
  if (!legacy) {
    try {
      return { properties: readWithIcal(good), badLines, version, reader: "ical.js" };
    } catch {
      // ical.js rejects what it cannot type (a 2.1-style bare parameter in a 3.0 card):
      // our reader is more forgiving.
    }
  }
  return { properties: readLegacyCard(good, version), badLines, version, reader: "legacy" };
}

function versionOf(lines: ContentLine[]): string {
  for (const line of lines) {
    const m = /^VERSION\s*:\s*(\S+)\s*$/i.exec(line.text);
    if (m) return m[1] as string;
  }
  return "2.1";
}

function readWithIcal(lines: ContentLine[]): CardProperty[] {
  const text = lines.map((l) => decodeBytes(Buffer.from(l.text, "latin1"))).join("\r\n");
  const parsed: unknown[] = ICAL.parse(text);
  const jcal = Array.isArray(parsed[0]) ? parsed[0] : parsed;
  const component = new ICAL.Component(jcal as unknown[]);
  if (component.name !== "vcard") throw new Error(`not a vCard: ${component.name}`);
  return component.getAllProperties().map((prop) => {
    const json = prop.toJSON() as [string, Record<string, string | string[]>, ...unknown[]];
    const params: Record<string, string[]> = {};
    let group: string | undefined;
    for (const [name, value] of Object.entries(json[1])) {
      const list = (Array.isArray(value) ? value : [value]).map(String);
      if (name === "group") group = list[0];
      else params[name] = name === "type" ? list.map((v) => v.toLowerCase()) : list;
    }
    const raw = prop.getValues() as unknown[];
    const values =
      raw.length === 1 && Array.isArray(raw[0])
        ? (raw[0] as unknown[]).map((c) => (Array.isArray(c) ? c.map(String) : [String(c)]))
        : [raw.map(String)];
    const property: CardProperty = { name: prop.name, params, values };
    if (group) property.group = group;
    return property;
  });
}
