import { describe, expect, it } from "vitest";
import { parseRfc822, parseWpDate } from "./dates.js";

describe("parseWpDate", () => {
  it("reads WordPress dates as UTC", () => {
    expect(parseWpDate("2014-01-14 17:31:03")).toBe(Date.UTC(2014, 0, 14, 17, 31, 3));
    expect(parseWpDate("2014-01-14T17:31:03")).toBe(Date.UTC(2014, 0, 14, 17, 31, 3));
    expect(parseWpDate("2014-01-14 17:31")).toBe(Date.UTC(2014, 0, 14, 17, 31));
    expect(parseWpDate("2014-01-14")).toBe(Date.UTC(2014, 0, 14));
  });

  it("treats WordPress' zero date and impossible dates as missing", () => {
    for (const value of [
      undefined,
      "",
      "0000-00-00 00:00:00",
      "2014-02-30 10:00:00",
      "2014-13-01 10:00:00",
      "2014-01-14 24:00:00",
      "2014-01-14 17:31:03 +0200",
      "yesterday",
    ]) {
      expect(parseWpDate(value), String(value)).toBeUndefined();
    }
  });
});

describe("parseRfc822", () => {
  it("reads pubDates and rejects the rest", () => {
    expect(parseRfc822("Tue, 14 Jan 2014 17:31:03 +0000")).toBe(Date.UTC(2014, 0, 14, 17, 31, 3));
    expect(parseRfc822("Tue, 14 Jan 2014 19:31:03 +0200")).toBe(Date.UTC(2014, 0, 14, 17, 31, 3));
    expect(parseRfc822("")).toBeUndefined();
    expect(parseRfc822("not a date")).toBeUndefined();
  });
});
