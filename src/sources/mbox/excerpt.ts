/**
 * A short plain-text excerpt of an e-mail body: what the sender wrote, without the message they
 * quote (`> ` lines and the "On …, Ada wrote:" line above them), their signature (after `-- `) or
 * a forwarded original (`-----Original Message-----`). Blank-line runs collapse to one; the
 * result is cut at a word boundary near `max` characters with an ellipsis.
 *
 * @example
 * excerpt("Sounds good!\n\nOn Mon, Ada wrote:\n> Coffee?\n-- \nSam"); // "Sounds good!"
 */
const ATTRIBUTION = /(?:wrote|writes|schrieb|a écrit|escribió|scrisse)\s*:\s*$/i;
const ORIGINAL =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}/i;
/** How much of a long body is looked at. */
const SCAN = 16 * 1024;

export function excerpt(text: string | undefined, max = 1000): string | undefined {
  if (!text) return undefined;
  const lines = text.slice(0, SCAN).replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trimEnd();
    if (line === "--" || line === "-- " || lines[i] === "-- " || ORIGINAL.test(line)) break;
    if (line.startsWith(">")) continue;
    if (ATTRIBUTION.test(line) && nextNonBlankIsQuote(lines, i + 1)) continue;
    if (line === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  const joined = kept.join("\n").trim();
  if (joined === "") return undefined;
  if (joined.length <= max) return joined;
  const cut = joined.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function nextNonBlankIsQuote(lines: string[], from: number): boolean {
  for (let i = from; i < lines.length && i < from + 3; i++) {
    const line = lines[i]?.trim() ?? "";
    if (line !== "") return line.startsWith(">");
  }
  return false;
}
