import { describe, expect, it } from "vitest";
import { LineCounter } from "./lines.js";

describe("LineCounter", () => {
  it("maps offsets to lines across chunks", () => {
    const lines = new LineCounter();
    lines.feed("a\nb");
    expect(lines.lineAt(0)).toBe(1);
    expect(lines.lineAt(2)).toBe(2);
    lines.feed("c\n\nd");
    expect(lines.lineAt(3)).toBe(2);
    expect(lines.lineAt(6)).toBe(4);
    expect(lines.lineAt(4)).toBe(2);
    expect(lines.lastLine()).toBe(4);
  });

  it("gives offsets before the chunk the line the chunk starts on", () => {
    const lines = new LineCounter();
    lines.feed("x\n<wp:com");
    lines.feed("ment>");
    expect(lines.lineAt(2)).toBe(2);
  });

  it("returns the text of a span that began in earlier chunks", () => {
    const lines = new LineCounter();
    for (const piece of ["</", "wp:", "te", "rm>"]) lines.feed(piece);
    expect(lines.textBetween(2, 9)).toBe("wp:term");
    expect(lines.textBetween(0, 100)).toBeUndefined();
  });
});
