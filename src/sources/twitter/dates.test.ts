import { describe, expect, it } from "vitest";
import { parseTwitterDate, snowflakeTime } from "./dates.js";

describe("Twitter dates", () => {
  it("reads created_at with its offset, and ISO dates", () => {
    expect(parseTwitterDate("Wed Feb 22 18:44:35 +0000 2023")).toBe(
      Date.UTC(2023, 1, 22, 18, 44, 35),
    );
    expect(parseTwitterDate("Sun Mar 03 12:00:00 -0500 2024")).toBe(Date.UTC(2024, 2, 3, 17));
    expect(parseTwitterDate("Sun Mar 03 12:00:00 +0530 2024")).toBe(Date.UTC(2024, 2, 3, 6, 30));
    expect(parseTwitterDate("2019-01-01T12:00:00.000Z")).toBe(Date.UTC(2019, 0, 1, 12));
    expect(parseTwitterDate("Wed Fob 22 18:44:35 +0000 2023")).toBeUndefined();
    expect(parseTwitterDate("yesterday")).toBeUndefined();
    expect(parseTwitterDate(12)).toBeUndefined();
  });

  it("reads the time out of snowflake ids only", () => {
    // Tweet 1627031510963441664 was created "Sat Feb 18 19:45:15 +0000 2023".
    const at = snowflakeTime("1627031510963441664") as number;
    expect(Math.floor(at / 1000) * 1000).toBe(Date.UTC(2023, 1, 18, 19, 45, 15));
    expect(snowflakeTime("20")).toBeUndefined();
    expect(snowflakeTime("12a")).toBeUndefined();
  });
});
