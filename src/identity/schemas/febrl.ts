/**
 * Comparisons and blocking rules for Febrl-style person records (given name, surname,
 * address, postcode, state, date of birth, social-security number), as produced by the
 * Febrl data generator. Swapped given name and surname count as agreement on both.
 *
 * @example
 * const t = train(records, FEBRL_COMPARISONS, FEBRL_BLOCKING, { seed: 1 });
 */
import type { BlockingRule, Comparison } from "../model/comparison.js";
import { soundex } from "../phonetic.js";
import { editLevel, jwLevel, typoKeys, unordered } from "./levels.js";

export interface FebrlRecord {
  given: string;
  surname: string;
  streetNumber: string;
  address1: string;
  address2: string;
  suburb: string;
  postcode: string;
  state: string;
  dob: string;
  ssn: string;
}

/** Field names as they appear in a Febrl CSV header. */
export const FEBRL_COLUMNS: Record<keyof FebrlRecord, string> = {
  given: "given_name",
  surname: "surname",
  streetNumber: "street_number",
  address1: "address_1",
  address2: "address_2",
  suburb: "suburb",
  postcode: "postcode",
  state: "state",
  dob: "date_of_birth",
  ssn: "soc_sec_id",
};

const swapped = (a: FebrlRecord, b: FebrlRecord) =>
  a.given !== "" && a.surname !== "" && a.given === b.surname && a.surname === b.given;

const squash = (s: string) => s.replace(/ /g, "");

function nameComparison(field: "given" | "surname", label: string): Comparison<FebrlRecord> {
  return {
    name: field,
    levels: [
      `${label} missing`,
      `same ${label}`,
      `${label}s nearly the same (Jaro–Winkler ≥ 0.92)`,
      `${label}s alike (Jaro–Winkler ≥ 0.8)`,
      `different ${label}s`,
    ],
    compare: (a, b) => (swapped(a, b) ? 1 : jwLevel(a[field], b[field], [0.92, 0.8])),
  };
}

function textComparison(
  field: "address1" | "address2" | "suburb",
  label: string,
): Comparison<FebrlRecord> {
  return {
    name: field,
    levels: [
      `${label} missing`,
      `same ${label}`,
      `${label}s nearly the same (Jaro–Winkler ≥ 0.9)`,
      `${label}s alike (Jaro–Winkler ≥ 0.75)`,
      `different ${label}s`,
    ],
    compare: (a, b) => jwLevel(squash(a[field]), squash(b[field]), [0.9, 0.75]),
  };
}

function codeComparison(field: "dob" | "ssn" | "postcode", label: string): Comparison<FebrlRecord> {
  return {
    name: field,
    levels: [
      `${label} missing`,
      `same ${label}`,
      `${label}s one typo apart`,
      `${label}s two typos apart`,
      `different ${label}s`,
    ],
    compare: (a, b) => editLevel(a[field], b[field], [1, 2]),
  };
}

function exactComparison(field: "streetNumber" | "state", label: string): Comparison<FebrlRecord> {
  return {
    name: field,
    levels: [`${label} missing`, `same ${label}`, `different ${label}s`],
    compare: (a, b) => (!a[field] || !b[field] ? 0 : a[field] === b[field] ? 1 : 2),
  };
}

export const FEBRL_COMPARISONS: Comparison<FebrlRecord>[] = [
  nameComparison("given", "given name"),
  nameComparison("surname", "surname"),
  exactComparison("streetNumber", "street number"),
  textComparison("address1", "address"),
  textComparison("address2", "address line 2"),
  textComparison("suburb", "suburb"),
  codeComparison("postcode", "postcode"),
  exactComparison("state", "state"),
  codeComparison("dob", "date of birth"),
  codeComparison("ssn", "social-security number"),
];

export const FEBRL_BLOCKING: BlockingRule<FebrlRecord>[] = [
  { name: "ssn within one typo", uses: ["ssn"], keys: (r) => typoKeys(r.ssn) },
  {
    name: "date of birth + name initial",
    uses: ["dob"],
    keys: (r) => (r.dob ? [r.given, r.surname].filter(Boolean).map((n) => `${r.dob}|${n[0]}`) : []),
  },
  {
    name: "given and surname sound alike",
    uses: ["given", "surname"],
    keys: (r) => (r.given && r.surname ? [unordered(soundex(r.given), soundex(r.surname))] : []),
  },
  {
    name: "postcode + street number + surname initial",
    uses: ["postcode", "streetNumber"],
    keys: (r) =>
      r.postcode && r.streetNumber && r.surname
        ? [`${r.postcode}|${r.streetNumber}|${r.surname[0]}`]
        : [],
  },
];
