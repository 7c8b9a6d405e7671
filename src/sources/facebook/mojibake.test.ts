import { describe, expect, it } from "vitest";
import { repairDeep, repairText } from "./mojibake.js";

describe("repairText", () => {
  it("decodes UTF-8 bytes written as code points", () => {
    expect(repairText("Ren\u00c3\u00a9")).toBe("René");
    expect(repairText("\u00f0\u009f\u0098\u0080 ok")).toBe("😀 ok");
    expect(repairText("\u00e2\u0080\u0099")).toBe("\u2019");
  });

  it("leaves ASCII, correct text and Latin-1 that is not UTF-8 alone", () => {
    expect(repairText("plain")).toBe("plain");
    expect(repairText("René")).toBe("René");
    expect(repairText("Zoë 🌻")).toBe("Zoë 🌻");
    expect(repairText("caf\u00e9 \u00e0 Par\u00eds")).toBe("café à París");
  });

  it("repairs every string of a parsed value, keys included", () => {
    expect(
      repairDeep({ "Ren\u00c3\u00a9": ["\u00c3\u00a9", 1, null, { a: "\u00c3\u00a8" }] }),
    ).toEqual({
      René: ["é", 1, null, { a: "è" }],
    });
  });
});
