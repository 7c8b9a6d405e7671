/**
 * Which column of a contacts CSV holds what: the header → field table for Google Contacts,
 * Outlook (with the basic German and French headers of its European exports), Thunderbird,
 * Apple and event-site attendee exports (Eventbrite, Meetup, …), matched
 * case-insensitively and regardless of punctuation ("E-mail 1 - Value" reads as "e mail 1
 * value"). Several columns may feed one field: every e-mail, phone and site column is kept.
 * The user's `--map "Column Header=field"` overrides the table.
 *
 * @example
 * fieldOf("E-mail 1 - Value"); // "email"
 * planColumns(["Name", "Attendee email", "Ticket Type"], undefined).fields; // ["name", "email", undefined]
 */
import { IrlError } from "../../errors.js";

export const FIELDS = [
  "name",
  "given",
  "family",
  "email",
  "phone",
  "organization",
  "title",
  "url",
  "twitter",
  "linkedin",
  "location",
  "city",
  "country",
  "note",
  "ignore",
] as const;
export type Field = (typeof FIELDS)[number];

const EXACT: Record<string, Field> = {};
function exact(field: Field, ...headers: string[]): void {
  for (const h of headers) EXACT[h] = field;
}
exact(
  "name",
  "name",
  "full name",
  "fullname",
  "display name",
  "attendee name",
  "attendee",
  "contact name",
  "participant",
  "participant name",
  "guest name",
  "your name",
  "member name",
  "registrant name",
);
exact(
  "given",
  "first name",
  "firstname",
  "first",
  "given name",
  "givenname",
  "forename",
  "attendee first name",
  "guest first name",
  "registrant first name",
  "vorname",
  "prénom",
  "prenom",
);
exact(
  "family",
  "last name",
  "lastname",
  "last",
  "family name",
  "familyname",
  "surname",
  "attendee last name",
  "guest last name",
  "registrant last name",
  "nachname",
  "nom",
  "nom de famille",
);
exact(
  "organization",
  "company",
  "company name",
  "organization",
  "organisation",
  "organization name",
  "organisation name",
  "organization 1 name",
  "employer",
  "org",
  "affiliation",
  "attendee company",
  "firma",
  "société",
  "societe",
  "entreprise",
);
exact(
  "title",
  "title",
  "job title",
  "jobtitle",
  "position",
  "role",
  "job",
  "occupation",
  "organization title",
  "organization 1 title",
  "attendee job title",
  "attendee title",
);
exact("email", "e mail adresse", "adresse e mail", "adresse de messagerie");
exact("phone", "mobiltelefon", "telefon", "téléphone", "téléphone mobile");
exact("location", "location", "based in", "home location", "city state", "city country");
exact("note", "note", "notes", "bio", "about", "about me");

const PATTERNS: [RegExp, Field][] = [
  [
    /^(?:(?:primary|secondary|work|home|other|personal|business|attendee|alternate|alternative|buyer|contact|main|registrant)\s)?e\s?mail(?:\s?address)?(?:\s\d+)?(?:\s(?:value|address))?$/,
    "email",
  ],
  [
    /^(?:(?:primary|work|home|business|other|main|company main|attendee|personal)\s)?(?:phone|mobile|cell|telephone|tel)(?:\s(?:phone|number|no))?(?:\s\d+)?(?:\s(?:value|number))?$/,
    "phone",
  ],
  [/^linked\s?in(?:\s(?:url|profile|profile url|handle|username))?$/, "linkedin"],
  [/^(?:twitter|x)(?:\s(?:handle|username|user|name|url|profile|account))?$/, "twitter"],
  [
    /^(?:(?:personal|company|business|home|work|other|attendee)\s)?(?:web\s?site|web\s?page|homepage|home\s?page|url|blog|blog url|site)(?:\s\d+)?(?:\s(?:value|url|address))?$/,
    "url",
  ],
  [/^(?:(?:home|work|business|other|address\s\d+|attendee)\s)?(?:city|town)$/, "city"],
  [
    /^(?:(?:home|work|business|other|address\s\d+|attendee)\s)?country(?:\s(?:region|name))?$/,
    "country",
  ],
];

/** Column headers that mark an attendee list rather than an address book. */
const ATTENDEE_MARK =
  /\b(?:tickets?|registration|registered|attendees?|rsvps?|check\s?in|checked\s?in|badge)\b|^order(?:\s(?:no|number|id))?$/;

/** A header in the form the table is written in: lowercase words separated by single spaces. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[_\-./:()[\]#*]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The field a header stands for, or undefined when irl does not know it. */
export function fieldOf(header: string): Field | undefined {
  const h = normaliseHeader(header);
  const known = EXACT[h];
  if (known) return known;
  for (const [pattern, field] of PATTERNS) if (pattern.test(h)) return field;
  return undefined;
}

/** Fields that can say who a row is. */
const IDENTIFYING = new Set<Field>(["name", "given", "family", "email"]);

export interface ColumnPlan {
  /** The field of each column, by index (undefined: not used). */
  fields: (Field | undefined)[];
  /** True when a column looks like a ticket or registration: the file lists attendees. */
  attendees: boolean;
}

/**
 * The field of every column: the user's map first, then the table. "title" means a job title,
 * except beside an explicit job-title column, where it is an honorific (Outlook's "Title").
 */
export function planColumns(headers: readonly string[], map?: Record<string, string>): ColumnPlan {
  const mapped = new Map<string, Field>();
  for (const [column, field] of Object.entries(map ?? {})) {
    const f = field.trim().toLowerCase() as Field;
    if (!FIELDS.includes(f)) {
      throw new IrlError(
        "usage",
        `--map "${column}=${field}": "${field}" is not a field irl knows; use one of ${FIELDS.join(", ")}`,
      );
    }
    mapped.set(normaliseHeader(column), f);
  }
  const normalised = headers.map(normaliseHeader);
  const fields = normalised.map((h) => mapped.get(h) ?? fieldOf(h));
  const jobTitle = normalised.some((h, i) => fields[i] === "title" && h !== "title");
  normalised.forEach((h, i) => {
    if (h === "title" && jobTitle && !mapped.has(h)) fields[i] = undefined;
    if (fields[i] === "ignore") fields[i] = undefined;
  });
  return { fields, attendees: normalised.some((h) => ATTENDEE_MARK.test(h)) };
}

/** True when some column can name a person or give their e-mail. */
export function identifies(plan: ColumnPlan): boolean {
  return plan.fields.some((f) => f !== undefined && IDENTIFYING.has(f));
}

/** The error for a file none of whose columns irl can read as a name or an e-mail address. */
export function unknownColumns(file: string, line: number, headers: readonly string[]): IrlError {
  const found = headers.map((h) => `"${h}"`).join(", ");
  const example = headers[0] ? `"${headers[0]}=name"` : `"Full Name=name"`;
  return new IrlError(
    "input",
    `${file}: line ${line}: no column irl recognises as a name or an e-mail address. ` +
      `Headers found: ${found}. Fields accepted: ${FIELDS.filter((f) => f !== "ignore").join(", ")}. ` +
      `Say which column is which with --map, e.g. --map ${example}.`,
    { file, place: `line ${line}` },
  );
}
