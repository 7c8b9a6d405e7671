import { describe, expect, it } from "vitest";
import { type Block, BlockSplitter } from "./blocks.js";

function split(...texts: string[]): Block[] {
  const splitter = new BlockSplitter();
  const out = texts.flatMap((text, i) => splitter.push({ text, line: i + 1 }));
  return out.concat(splitter.end());
}

const shape = (blocks: Block[]) =>
  blocks.map((b) =>
    b.type === "event" || b.type === "timezone"
      ? [b.type, b.line, b.lines.length]
      : b.type === "other"
        ? [b.type, b.name]
        : b.type === "problem"
          ? [b.reason, b.line]
          : [b.type, b.line],
  );

describe("BlockSplitter", () => {
  it("keeps VTIMEZONE and VEVENT blocks with nested components, names the others", () => {
    const blocks = split(
      "BEGIN:VCALENDAR",
      "BEGIN:VTIMEZONE",
      "BEGIN:STANDARD",
      "END:STANDARD",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "BEGIN:VALARM",
      "END:VALARM",
      "END:VEVENT",
      "BEGIN:VTODO",
      "SUMMARY:x",
      "END:VTODO",
      "END:VCALENDAR",
    );
    expect(shape(blocks)).toEqual([
      ["calendar-start", 1],
      ["timezone", 2, 4],
      ["event", 6, 4],
      ["other", "VTODO"],
      ["calendar-end", 13],
    ]);
  });

  it("reports an event cut off by a new one, stray lines once per run, and an open calendar", () => {
    const blocks = split(
      "junk",
      "more junk",
      "BEGIN:VEVENT",
      "UID:1",
      "BEGIN:VEVENT",
      "UID:2",
      "END:VEVENT",
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
    );
    expect(shape(blocks)).toEqual([
      ["stray line", 1],
      ["truncated", 3],
      ["event", 5, 3],
      ["calendar-start", 8],
      ["truncated", 9],
      ["truncated calendar", 8],
      ["calendar-end", 8],
    ]);
  });
});
