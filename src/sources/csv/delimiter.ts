/**
 * Which character separates the fields of a CSV file: comma, semicolon (European spreadsheet
 * and Outlook exports), tab (Outlook's "Unicode" text export) or pipe. Decided from the first
 * line that has any of them outside quotes: the one that occurs most there; ties go to the
 * comma, then semicolon, tab and pipe.
 *
 * @example
 * sniffDelimiter("Display Name;First Name;Primary Email\n"); // ";"
 * sniffDelimiter('Notes:\n"A note, with a comma"\n\nName,Email\n'); // ","
 */

const CANDIDATES = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof CANDIDATES)[number];

export function sniffDelimiter(text: string): Delimiter {
  const counts = [0, 0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      inQuotes = !inQuotes;
    } else if (inQuotes) {
      continue;
    } else if (c === "\n") {
      if (counts.some((n) => n > 0)) break;
    } else {
      const k = CANDIDATES.indexOf(c as Delimiter);
      if (k !== -1) counts[k] = (counts[k] as number) + 1;
    }
  }
  let best = 0;
  for (let k = 1; k < CANDIDATES.length; k++) {
    if ((counts[k] as number) > (counts[best] as number)) best = k;
  }
  return CANDIDATES[best] as Delimiter;
}

/** The fields of one line (a header row: no quoted line breaks), quotes removed. */
export function splitLine(line: string, delimiter: string = ","): string[] {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}
