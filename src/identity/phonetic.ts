/**
 * American Soundex, for blocking names that sound alike: first letter kept, consonants
 * grouped into six digits, vowels dropped, result padded to four characters. Letters outside
 * a–z are ignored, so fold accents first.
 *
 * @example
 * soundex("robert")  // "r163"
 * soundex("rupert")  // "r163"
 * soundex("")        // ""
 */

const CODES = "01230120022455012623010202";

export function soundex(name: string): string {
  let out = "";
  let last = "";
  for (let i = 0; i < name.length && out.length < 4; i++) {
    const c = name.charCodeAt(i);
    if (c < 97 || c > 122) continue;
    const code = CODES[c - 97] as string;
    if (out === "") {
      out = String.fromCharCode(c);
      last = code;
      continue;
    }
    if (code === "0") {
      // h and w do not separate equal codes; vowels do.
      if (c !== 104 && c !== 119) last = "";
      continue;
    }
    if (code !== last) out += code;
    last = code;
  }
  return out === "" ? "" : out.padEnd(4, "0");
}
