import { describe, expect, it } from "vitest";
import { formats } from "./index.js";

describe("the list of formats", () => {
  it.each(formats.map((f) => [f.format, f] as const))(
    "%s: loads the importer it describes, with the same detection",
    async (_name, format) => {
      const importer = await format.load();
      expect(importer.format).toBe(format.format);
      expect(importer.description).toBe(format.description);
      expect(importer.detect).toBe(format.detect);
    },
  );

  it("names each format once", () => {
    const names = formats.map((f) => f.format);
    expect(new Set(names).size).toBe(names.length);
  });
});
