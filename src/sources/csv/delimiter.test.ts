import { describe, expect, it } from "vitest";
import { sniffDelimiter, splitLine } from "./delimiter.js";

describe("sniffDelimiter", () => {
  it("picks the separator the header uses most, ignoring quoted text", () => {
    expect(sniffDelimiter("Name,Email\n")).toBe(",");
    expect(sniffDelimiter("Display Name;First Name;Primary Email\n")).toBe(";");
    expect(sniffDelimiter("Name\tE-mail\n")).toBe("\t");
    expect(sniffDelimiter("Name|Email\n")).toBe("|");
    expect(sniffDelimiter('"Lind, Bo";"Email"\n')).toBe(";");
    expect(sniffDelimiter('Notes:\n"A note, with commas; and more"\n\nName;Email\n')).toBe(";");
    expect(sniffDelimiter("Email\nada@example.org\n")).toBe(",");
  });
});

describe("splitLine", () => {
  it("splits one line, honouring quotes and doubled quotes", () => {
    expect(splitLine('a,"b,c","d ""e""",')).toEqual(["a", "b,c", 'd "e"', ""]);
    expect(splitLine("a;b", ";")).toEqual(["a", "b"]);
  });
});
