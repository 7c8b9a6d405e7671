/**
 * Facebook's JSON exports write text as UTF-8 bytes each escaped as a code point
 * (`"Ren\u00c3\u00a9"` for "René", four escapes for one emoji). `repairText` undoes that: a string
 * whose characters are all below U+0100 is read back as bytes and decoded as UTF-8 — when those
 * bytes are valid UTF-8; otherwise (genuine Latin-1 text, already correct) it is left alone.
 * `repairDeep` does so for every string in a parsed JSON value.
 *
 * @example
 * repairText("Ren\u00c3\u00a9"); // "René"
 * repairText("René");             // "René" (é alone is not valid UTF-8: kept)
 */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

export function repairText(text: string): string {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return text;
    if (c >= 0x80) high = true;
  }
  if (!high) return text;
  try {
    return UTF8.decode(Buffer.from(text, "latin1"));
  } catch {
    return text;
  }
}

export function repairDeep(value: unknown): unknown {
  if (typeof value === "string") return repairText(value);
  if (Array.isArray(value)) return value.map(repairDeep);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[repairText(k)] = repairDeep(v);
    return out;
  }
  return value;
}
