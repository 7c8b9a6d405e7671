import { describe, expect, it } from "vitest";
import { parseLinkedInDate } from "./dates.js";

describe("parseLinkedInDate", () => {
  it("reads every format LinkedIn exports use, as UTC", () => {
    expect(parseLinkedInDate("22 Dec 2025")).toBe(Date.UTC(2025, 11, 22));
    expect(parseLinkedInDate("04 Feb 2010")).toBe(Date.UTC(2010, 1, 4));
    expect(parseLinkedInDate("04-Feb-2010")).toBe(Date.UTC(2010, 1, 4));
    expect(parseLinkedInDate("11/21/25")).toBe(Date.UTC(2025, 10, 21));
    expect(parseLinkedInDate("12/15/24, 7:47 AM")).toBe(Date.UTC(2024, 11, 15, 7, 47));
    expect(parseLinkedInDate("12/15/24, 12:05 AM")).toBe(Date.UTC(2024, 11, 15, 0, 5));
    expect(parseLinkedInDate("1/2/2024 12:30 PM")).toBe(Date.UTC(2024, 0, 2, 12, 30));
    expect(parseLinkedInDate("Mar 25 2023 10:15 AM")).toBe(Date.UTC(2023, 2, 25, 10, 15));
    expect(parseLinkedInDate("Sep 1 2021 4:45 PM")).toBe(Date.UTC(2021, 8, 1, 16, 45));
    expect(parseLinkedInDate("March 5, 2023")).toBe(Date.UTC(2023, 2, 5));
    expect(parseLinkedInDate("2023-11-15 14:30:00 UTC")).toBe(Date.UTC(2023, 10, 15, 14, 30));
    expect(parseLinkedInDate("2023-11-15T14:30:00Z")).toBe(Date.UTC(2023, 10, 15, 14, 30));
    expect(parseLinkedInDate("99/12/24")).toBeUndefined();
  });

  it("rejects impossible dates and non-dates", () => {
    expect(parseLinkedInDate("31 Feb 2024")).toBeUndefined();
    expect(parseLinkedInDate("2/30/24")).toBeUndefined();
    expect(parseLinkedInDate("13 Foo 2024")).toBeUndefined();
    expect(parseLinkedInDate("12/15/24, 13:47 PM")).toBeUndefined();
    expect(parseLinkedInDate("yesterday")).toBeUndefined();
    expect(parseLinkedInDate("")).toBeUndefined();
    expect(parseLinkedInDate(undefined)).toBeUndefined();
  });
});
