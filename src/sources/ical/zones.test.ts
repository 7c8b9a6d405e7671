import { describe, expect, it } from "vitest";
import { wallClockIn } from "./zones.js";

const wall = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const iso = (ms: number) => new Date(ms).toISOString();

describe("wallClockIn", () => {
  it("uses Node's zone database, daylight saving included", () => {
    expect(iso(wallClockIn(wall(2024, 1, 15, 9), "America/New_York"))).toBe(
      "2024-01-15T14:00:00.000Z",
    );
    expect(iso(wallClockIn(wall(2024, 7, 15, 9), "America/New_York"))).toBe(
      "2024-07-15T13:00:00.000Z",
    );
    expect(iso(wallClockIn(wall(2002, 12, 16, 20), "US/Pacific"))).toBe("2002-12-17T04:00:00.000Z");
    expect(iso(wallClockIn(wall(2024, 7, 15, 9), '"Europe/Berlin"'))).toBe(
      "2024-07-15T07:00:00.000Z",
    );
  });

  it("reads an old Mozilla TZID prefix, Windows zone ids and display names", () => {
    expect(
      iso(wallClockIn(wall(2024, 7, 1, 12), "/mozilla.org/20050126_1/America/Los_Angeles")),
    ).toBe("2024-07-01T19:00:00.000Z");
    expect(iso(wallClockIn(wall(2020, 9, 10, 9), "W. Europe Standard Time"))).toBe(
      "2020-09-10T07:00:00.000Z",
    );
    // Sydney is on summer time (UTC+11) at the end of October.
    expect(
      iso(wallClockIn(wall(2020, 10, 28, 13, 30), "(GMT+10:00) Canberra, Melbourne, Sydney")),
    ).toBe("2020-10-28T02:30:00.000Z");
  });

  it("falls back on a (UTC±hh:mm) prefix as a fixed offset, then on UTC", () => {
    expect(iso(wallClockIn(wall(2024, 1, 1, 12), "(UTC+05:30) Somewhere Unlisted"))).toBe(
      "2024-01-01T06:30:00.000Z",
    );
    expect(iso(wallClockIn(wall(2024, 1, 1, 12), "(UTC-03:00) Elsewhere"))).toBe(
      "2024-01-01T15:00:00.000Z",
    );
    expect(iso(wallClockIn(wall(2024, 1, 1, 12), "Not A Zone"))).toBe("2024-01-01T12:00:00.000Z");
  });

  it("reads a wall time skipped by the spring change as one of its neighbours, every time", () => {
    // 02:30 does not exist in New York on 2024-03-10; whatever is chosen must be stable.
    const a = wallClockIn(wall(2024, 3, 10, 2, 30), "America/New_York");
    expect(a).toBe(wallClockIn(wall(2024, 3, 10, 2, 30), "America/New_York"));
    expect([Date.UTC(2024, 2, 10, 6, 30), Date.UTC(2024, 2, 10, 7, 30)]).toContain(a);
  });
});
