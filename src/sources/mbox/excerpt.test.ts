import { describe, expect, it } from "vitest";
import { excerpt } from "./excerpt.js";
import { htmlText } from "./html-text.js";

describe("excerpt", () => {
  it("drops quoted text, the attribution line and the signature", () => {
    const body =
      "Sounds good!\n\nSee you there.\n\nOn Mon, 3 Mar 2025, Ada wrote:\n> Coffee?\n> \n-- \nSam";
    expect(excerpt(body)).toBe("Sounds good!\n\nSee you there.");
  });
  it("stops at a forwarded original", () => {
    expect(excerpt("Yes.\r\n-----Original Message-----\r\nFrom: x")).toBe("Yes.");
  });
  it("keeps an attribution-like line that quotes nothing", () => {
    expect(excerpt("Here is what she wrote:\nthe plan is fine")).toBe(
      "Here is what she wrote:\nthe plan is fine",
    );
  });
  it("cuts long text at a word with an ellipsis", () => {
    const out = excerpt("word ".repeat(400), 100) ?? "";
    expect(out.length).toBeLessThanOrEqual(101);
    expect(out.endsWith("word…")).toBe(true);
  });
  it("gives nothing for empty or all-quoted bodies", () => {
    expect(excerpt("")).toBeUndefined();
    expect(excerpt("> only\n> quotes\n")).toBeUndefined();
  });
});

describe("htmlText", () => {
  it("keeps the text, breaks blocks, drops styles and quotes", () => {
    expect(
      htmlText(
        "<html><head><style>p{}</style></head><p>Hi&nbsp;Ada</p><blockquote>old</blockquote><p>Bye<br>now</p>",
      ),
    ).toBe("Hi Ada\n\nBye\nnow");
  });
});
