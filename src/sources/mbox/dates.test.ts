import { describe, expect, it } from "vitest";
import { fromLineDate, parseMailDate } from "./dates.js";

describe("parseMailDate", () => {
  it("reads RFC 5322 dates with zones, comments and obsolete forms", () => {
    expect(parseMailDate("Fri, 23 Aug 2002 2:32:53 -0400")).toBe(Date.UTC(2002, 7, 23, 6, 32, 53));
    expect(parseMailDate("Mon, 03 Jun 1996 09:42:32 -0700 (PDT)")).toBe(
      Date.UTC(1996, 5, 3, 16, 42, 32),
    );
    expect(parseMailDate("Fri, 25 Sep 92 14:13:02 PDT")).toBe(Date.UTC(1992, 8, 25, 21, 13, 2));
  });
  it("reads a date without a zone as UTC", () => {
    expect(parseMailDate("3 Mar 2025 10:00:00")).toBe(Date.UTC(2025, 2, 3, 10));
  });
  it("refuses what is not a date with a time", () => {
    expect(parseMailDate("someday")).toBeUndefined();
    expect(parseMailDate("1")).toBeUndefined();
    expect(parseMailDate("")).toBeUndefined();
    expect(parseMailDate(undefined)).toBeUndefined();
  });
});

describe("fromLineDate", () => {
  it("reads asctime and Gmail separator dates", () => {
    expect(fromLineDate("From - Mon Jun  3 12:50:27 1996")).toBe(Date.UTC(1996, 5, 3, 12, 50, 27));
    expect(fromLineDate("From 1844@xxx Fri Sep 26 17:18:40 +0000 2025")).toBe(
      Date.UTC(2025, 8, 26, 17, 18, 40),
    );
  });
  it("gives nothing for separators without a date", () => {
    expect(fromLineDate("From -")).toBeUndefined();
    expect(fromLineDate("From 1844347792267117879@xxx")).toBeUndefined();
  });
});
