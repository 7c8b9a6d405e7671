/**
 * Comparisons and blocking rules for Splink's `fake_1000` people (first name, surname, date
 * of birth, city, e-mail): nicknames and swapped names count, dates one typo apart or with
 * day and month swapped rank just below exact, and an e-mail that differs only by domain
 * ranks below the exact address.
 *
 * @example
 * const t = train(records, SPLINK_COMPARISONS, SPLINK_BLOCKING, { seed: 1 });
 */
import type { BlockingRule, Comparison } from "../model/comparison.js";
import { foldName } from "../names.js";
import { isNickname } from "../nicknames.js";
import { soundex } from "../phonetic.js";
import { jaroWinkler } from "../similarity.js";
import { editLevel, jwLevel, unordered } from "./levels.js";

export interface PersonRecord {
  first: string;
  surname: string;
  /** YYYY-MM-DD */
  dob: string;
  city: string;
  email: string;
}

/** Folds a raw row into comparable fields (lowercase, accents removed). */
export function personRecord(row: {
  first_name?: string;
  surname?: string;
  dob?: string;
  city?: string;
  email?: string;
}): PersonRecord {
  return {
    first: foldName(row.first_name ?? "").replace(/[ -]/g, ""),
    surname: foldName(row.surname ?? "").replace(/[ -]/g, ""),
    dob: (row.dob ?? "").trim(),
    city: foldName(row.city ?? ""),
    email: (row.email ?? "").trim().toLowerCase(),
  };
}

const swapped = (a: PersonRecord, b: PersonRecord) =>
  a.first !== "" && a.surname !== "" && a.first === b.surname && a.surname === b.first;

const dayMonthSwapped = (a: string, b: string) =>
  a.length === 10 &&
  b.length === 10 &&
  a.slice(0, 4) === b.slice(0, 4) &&
  a.slice(5, 7) === b.slice(8, 10) &&
  a.slice(8, 10) === b.slice(5, 7);

export const SPLINK_COMPARISONS: Comparison<PersonRecord>[] = [
  {
    name: "first_name",
    levels: [
      "first name missing",
      "same first name",
      "first names nearly the same (Jaro–Winkler ≥ 0.92) or a nickname",
      "first names alike (Jaro–Winkler ≥ 0.8)",
      "different first names",
    ],
    compare: (a, b) => {
      if (swapped(a, b)) return 1;
      const l = jwLevel(a.first, b.first, [0.92, 0.8]);
      return l > 2 && isNickname(a.first, b.first) ? 2 : l;
    },
  },
  {
    name: "surname",
    levels: [
      "surname missing",
      "same surname",
      "surnames nearly the same (Jaro–Winkler ≥ 0.92)",
      "surnames alike (Jaro–Winkler ≥ 0.8)",
      "different surnames",
    ],
    compare: (a, b) => (swapped(a, b) ? 1 : jwLevel(a.surname, b.surname, [0.92, 0.8])),
  },
  {
    name: "dob",
    levels: [
      "date of birth missing",
      "same date of birth",
      "dates of birth one typo apart or day and month swapped",
      "dates of birth two typos apart",
      "different dates of birth",
    ],
    compare: (a, b) => {
      const l = editLevel(a.dob, b.dob, [1, 2]);
      return l > 2 && dayMonthSwapped(a.dob, b.dob) ? 2 : l;
    },
  },
  {
    name: "city",
    levels: [
      "city missing",
      "same city",
      "cities nearly the same (Jaro–Winkler ≥ 0.88)",
      "different cities",
    ],
    compare: (a, b) => jwLevel(a.city, b.city, [0.88]),
  },
  {
    name: "email",
    levels: [
      "e-mail missing",
      "same e-mail",
      "same e-mail user name at another domain",
      "e-mails nearly the same (Jaro–Winkler ≥ 0.88)",
      "different e-mails",
    ],
    compare: (a, b) => {
      if (!a.email || !b.email) return 0;
      if (a.email === b.email) return 1;
      const la = a.email.slice(0, a.email.indexOf("@"));
      if (la && la === b.email.slice(0, b.email.indexOf("@"))) return 2;
      return jaroWinkler(a.email, b.email) >= 0.88 ? 3 : 4;
    },
  },
];

export const SPLINK_BLOCKING: BlockingRule<PersonRecord>[] = [
  { name: "same e-mail", uses: ["email"], keys: (r) => (r.email ? [r.email] : []) },
  { name: "same date of birth", uses: ["dob"], keys: (r) => (r.dob ? [r.dob] : []) },
  {
    name: "names sound alike",
    uses: ["first_name", "surname"],
    keys: (r) => (r.first && r.surname ? [unordered(soundex(r.first), soundex(r.surname))] : []),
  },
  {
    name: "surname + birth year",
    uses: ["surname"],
    keys: (r) => (r.surname && r.dob ? [`${soundex(r.surname)}|${r.dob.slice(0, 4)}`] : []),
  },
  {
    name: "first name + city",
    uses: ["first_name", "city"],
    keys: (r) => (r.first && r.city ? [`${r.first}|${r.city}`] : []),
  },
  {
    name: "e-mail user name or domain",
    uses: ["email"],
    keys: (r) => {
      const at = r.email.indexOf("@");
      return at > 0 ? [`u:${r.email.slice(0, at)}`, `d:${r.email.slice(at + 1)}`] : [];
    },
  },
  {
    name: "surname + city",
    uses: ["surname", "city"],
    keys: (r) => (r.surname && r.city ? [`${soundex(r.surname)}|${soundex(r.city)}`] : []),
  },
  {
    name: "a name sounds alike",
    uses: ["first_name", "surname"],
    keys: (r) => [r.first, r.surname].filter(Boolean).map((n) => soundex(n)),
  },
  {
    name: "initials + birth year, or city + birth year",
    uses: ["first_name", "surname", "city"],
    keys: (r) => {
      if (!r.dob) return [];
      const year = r.dob.slice(0, 4);
      const keys = r.city ? [`c:${soundex(r.city)}|${year}`] : [];
      if (r.first && r.surname)
        keys.push(`i:${unordered(r.first[0] ?? "", r.surname[0] ?? "")}|${year}`);
      return keys;
    },
  },
  {
    name: "a name + birth year or birthday",
    uses: ["first_name", "surname"],
    keys: (r) =>
      r.dob
        ? [r.first, r.surname]
            .filter(Boolean)
            .flatMap((n) => [
              `${soundex(n)}|${r.dob.slice(0, 4)}`,
              `${soundex(n)}|${r.dob.slice(5)}`,
            ])
        : [],
  },
];
