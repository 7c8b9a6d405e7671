import { describe, expect, it } from "vitest";
import { HashSet64, KeyLedger } from "./key-ledger.js";

const key = (i: number) => `linkedin:message:2-conv${i % 97}:${1_700_000_000_000 + i}:${i}`;

describe("KeyLedger", () => {
  it("reports a real duplicate with the line of the first, however far back", () => {
    const keys = new KeyLedger();
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (keys.claim(key(i), i + 2, "message", "M")) repeats++;
    expect(repeats).toBe(0);
    expect(keys.size).toBe(200_000);
    for (const i of [0, 1, 777, 65_535, 199_999]) {
      const skip = keys.claim(key(i), 300_000 + i, "message in conversation x", "This message");
      expect(skip).toEqual({
        type: "skip",
        reason: "duplicate",
        message: `This message repeats the one on line ${i + 2}.`,
        place: { line: 300_000 + i, record: "message in conversation x" },
      });
    }
    // A repeat is not noted again: its first line stays the one reported.
    expect(keys.claim(key(0), 400_000, "message", "This message")?.message).toContain("line 2.");
    expect(keys.size).toBe(200_000);
  });

  it("tells keys apart that differ in one character", () => {
    const keys = new KeyLedger();
    expect(keys.claim("linkedin:connection:linkedin.com/in/ada", 2, "c", "C")).toBeUndefined();
    expect(keys.claim("linkedin:connection:linkedin.com/in/adb", 3, "c", "C")).toBeUndefined();
    expect(keys.claim("linkedin:connection:linkedin.com/in/ada ", 4, "c", "C")).toBeUndefined();
    expect(keys.claim("linkedin:connection:linkedin.com/in/adb", 5, "c", "C")?.message).toBe(
      "C repeats the one on line 3.",
    );
  });

  it("says 'an earlier one' when the first line was too large to keep", () => {
    const keys = new KeyLedger();
    keys.claim("k", 2 ** 33, "r", "This row");
    expect(keys.claim("k", 2 ** 33 + 1, "r", "This row")?.message).toBe(
      "This row repeats an earlier one.",
    );
  });
});

describe("HashSet64", () => {
  it("keeps the all-zero hash and full 32-bit halves, across growth", () => {
    const set = new HashSet64();
    expect(set.add(0, 0, 7)).toBeUndefined();
    expect(set.add(0, 0, 8)).toBe(7);
    expect(set.add(0xffff_ffff, 0xffff_ffff, 9)).toBeUndefined();
    // Same low half (same first slot), different high halves: distinct entries.
    for (let h = 1; h <= 5000; h++) expect(set.add(h, 42, h + 10)).toBeUndefined();
    for (let h = 1; h <= 5000; h++) expect(set.add(h, 42, 0)).toBe(h + 10);
    expect(set.add(0, 0, 1)).toBe(7);
    expect(set.add(-1, -1, 1)).toBe(9);
    expect(set.size).toBe(5002);
  });
});
