/**
 * One content line split into group, name, parameters and raw value, tolerant of every vCard
 * version: vCard 2.1's bare parameters (`TEL;WORK;VOICE:`) become TYPE values (or ENCODING
 * for `QUOTED-PRINTABLE`, `BASE64`), 3.0/4.0's quoted parameter values (`LABEL="a;b:c"`) keep
 * their `;` and `:`, and RFC 6868 `^` escapes are undone. A line with no `:` or with a name
 * that is not a name is not a property (`undefined`).
 *
 * The value stays raw ("binary" string, one char per byte): `decode.ts` turns it into text.
 *
 * @example
 * parseProperty("item1.TEL;WORK;VOICE:(111) 555-1212");
 * // { group: "item1", name: "TEL", params: [{ name: "TYPE", value: "WORK" },
 * //   { name: "TYPE", value: "VOICE" }], value: "(111) 555-1212" }
 */
export interface RawParam {
  /** Upper case. */
  name: string;
  value: string;
}

export interface RawProperty {
  group?: string;
  /** Upper case. */
  name: string;
  params: RawParam[];
  value: string;
}

const NAME = /^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)$/;
const ENCODINGS = new Set(["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]);

export function parseProperty(text: string): RawProperty | undefined {
  let i = 0;
  while (i < text.length && text[i] !== ";" && text[i] !== ":") i++;
  if (i >= text.length) return undefined;
  const head = NAME.exec(text.slice(0, i).trim());
  if (!head) return undefined;
  const params: RawParam[] = [];
  while (text[i] === ";") {
    i++;
    let name = "";
    while (i < text.length && !"=;:".includes(text[i] as string)) name += text[i++];
    if (text[i] !== "=") {
      const bare = name.trim().toUpperCase();
      if (bare) params.push(bareParam(bare));
      continue;
    }
    i++;
    let value = "";
    for (;;) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close === -1) return undefined;
        value += text.slice(i + 1, close);
        i = close + 1;
      } else {
        while (i < text.length && !';:,"'.includes(text[i] as string)) value += text[i++];
      }
      if (text[i] !== ",") break;
      value += ",";
      i++;
    }
    params.push({ name: name.trim().toUpperCase(), value: unescapeParam(value) });
  }
  if (text[i] !== ":") return undefined;
  const property: RawProperty = {
    name: (head[2] as string).toUpperCase(),
    params,
    value: text.slice(i + 1),
  };
  if (head[1]) property.group = head[1];
  return property;
}

/** The values of a parameter, comma lists split: `TYPE=WORK,VOICE;TYPE=pref` → 3 values. */
export function paramValues(property: RawProperty, name: string): string[] {
  const out: string[] = [];
  for (const p of property.params) {
    if (p.name !== name) continue;
    for (const v of p.value.split(",")) if (v.trim()) out.push(v.trim());
  }
  return out;
}

function bareParam(value: string): RawParam {
  if (ENCODINGS.has(value)) return { name: "ENCODING", value };
  return { name: "TYPE", value };
}

/** RFC 6868: `^n` newline, `^'` double quote, `^^` caret. */
function unescapeParam(value: string): string {
  if (!value.includes("^")) return value;
  return value.replace(/\^(n|N|'|\^)/g, (_, c: string) =>
    c === "'" ? '"' : c === "^" ? "^" : "\n",
  );
}
