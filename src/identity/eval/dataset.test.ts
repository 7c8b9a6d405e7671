import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultFiles } from "./corpora.js";
import { DatasetError, parseDataset } from "./dataset.js";
import { evaluate } from "./evaluate.js";

const febrl = [
  "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id",
  "rec-7-org, ada, lovelace, 12, byron street, , marylebone, 2000, nsw, 19151210, 1234567",
  "rec-7-dup-0, ada, lovelaec, 12, byron st, , marylebone, 2000, nsw, 19151210, 1234576",
  "rec-8-org, grace, hopper, 3, navy road, , arlington, 3000, vic, 19061209, 7654321",
].join("\n");

const splink = [
  "unique_id,first_name,surname,dob,city,email,cluster",
  "0,Robert,Allen,1971-06-24,,robert255@smith.net,0",
  "1,Rob,Allen,1971-06-24,London,robert255@smith.net,0",
  "2,Grace,Kelly,1991-04-26,Hull,grace.kelly52@jones.com,1",
].join("\n");

describe("parseDataset", () => {
  it("reads Febrl: trims the space after commas, takes truth from rec_id", () => {
    const d = parseDataset(febrl, "f.csv");
    expect(d.kind).toBe("febrl");
    expect(d.truth).toEqual([7, 7, 8]);
    if (d.kind !== "febrl") throw new Error("kind");
    expect(d.records[0]?.given).toBe("ada");
    expect(d.records[1]?.ssn).toBe("1234576");
    expect(d.records[0]?.address2).toBe("");
  });

  it("reads Splink fake people: truth from cluster", () => {
    const d = parseDataset(splink, "s.csv");
    expect(d.kind).toBe("person");
    expect(d.truth).toEqual([0, 0, 1]);
    if (d.kind !== "person") throw new Error("kind");
    expect(d.records[1]).toMatchObject({ first: "rob", city: "london" });
  });

  it("rejects an unknown header", () => {
    expect(() => parseDataset("a,b\n1,2\n", "x.csv")).toThrow(DatasetError);
  });

  it("evaluates a tiny file end to end", () => {
    const e = evaluate(parseDataset(febrl, "f.csv"));
    expect(e.truePairs).toBe(1);
    expect(e.pairsKept).toBe(1);
  });
});

const dataset1 = defaultFiles()[0] as string;
describe.skipIf(!existsSync(dataset1))("Febrl dataset1 from ../shared/corpora", () => {
  it("reaches F1 ≥ 0.99 with precise automatic merges", () => {
    const e = evaluate(parseDataset(readFileSync(dataset1, "utf8"), "dataset1.csv"));
    expect(e.auto.f1).toBeGreaterThanOrEqual(0.99);
    expect(e.auto.precision).toBeGreaterThanOrEqual(0.995);
    expect(e.pairsKept).toBeGreaterThanOrEqual(0.995);
  });
});
