/**
 * Labelled record-linkage files for the evaluation, recognised by their header: Febrl
 * (`rec_id, given_name, …`, values after a comma-and-space, truth = N in `rec-N-org` /
 * `rec-N-dup-k`) and Splink's fake people (`unique_id, first_name, …, cluster`, truth =
 * `cluster`). Each becomes records for its schema plus one entity number per record.
 *
 * @example
 * const d = parseDataset("rec_id, given_name, surname\nrec-1-org, ada, lovelace\n", "x.csv");
 * d.kind;  // "febrl"
 * d.truth; // [1]
 */
import { parse } from "csv-parse/sync";
import { foldName } from "../names.js";
import { FEBRL_COLUMNS, type FebrlRecord } from "../schemas/febrl.js";
import { type PersonRecord, personRecord } from "../schemas/splink-fake.js";

export type Dataset =
  | { kind: "febrl"; name: string; records: FebrlRecord[]; truth: number[] }
  | { kind: "person"; name: string; records: PersonRecord[]; truth: number[] };

export class DatasetError extends Error {}

export function parseDataset(text: string, name: string): Dataset {
  const rows = parse(text, {
    columns: true,
    trim: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string>[];
  const header = firstLine(text)
    .split(",")
    .map((h) => h.trim().replace(/^\uFEFF/, ""));
  if (header.includes("rec_id") && header.includes("given_name")) {
    const truth: number[] = [];
    const records = rows.map((row) => {
      const m = /^rec-(\d+)-(org|dup-\d+)$/.exec(row.rec_id ?? "");
      if (!m) throw new DatasetError(`${name}: cannot read rec_id '${row.rec_id}'`);
      truth.push(Number(m[1]));
      return febrlRecord(row);
    });
    return { kind: "febrl", name, records, truth };
  }
  if (header.includes("first_name") && header.includes("cluster")) {
    const truth = rows.map((row) => Number(row.cluster));
    return { kind: "person", name, records: rows.map((row) => personRecord(row)), truth };
  }
  throw new DatasetError(
    `${name}: header is neither Febrl nor Splink fake people: ${header.join(",")}`,
  );
}

function firstLine(text: string): string {
  const nl = text.indexOf("\n");
  return nl < 0 ? text : text.slice(0, nl);
}

function febrlRecord(row: Record<string, string>): FebrlRecord {
  const get = (key: keyof FebrlRecord) => (row[FEBRL_COLUMNS[key]] ?? "").trim();
  return {
    given: foldName(get("given")).replace(/[ -]/g, ""),
    surname: foldName(get("surname")).replace(/[ -]/g, ""),
    streetNumber: get("streetNumber"),
    address1: foldName(get("address1")),
    address2: foldName(get("address2")),
    suburb: foldName(get("suburb")),
    postcode: get("postcode"),
    state: get("state").toLowerCase(),
    dob: get("dob"),
    ssn: get("ssn"),
  };
}
