import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { type JsonPiece, JsonSplitter, pieceError } from "./json-splitter.js";

function split(text: string, size = text.length || 1): JsonPiece[] {
  const s = new JsonSplitter("f.json");
  const out: JsonPiece[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.write(text.slice(i, i + size)));
  out.push(...s.end());
  return out;
}

function failure(text: string, size?: number): IrlError {
  try {
    split(text, size);
  } catch (error) {
    return error as IrlError;
  }
  throw new Error("expected a failure");
}

const TRICKY = `[
  {"a": "x ] } { [ \\" \\\\", "b": [1, {"c": null}]},
  "a \\"string\\" with ] inside",
  12.5e3 , true,null,
  [[]],
  {"emoji": "🚀", "esc": "\\u00e9\\n"}
]
`;

describe("JsonSplitter", () => {
  it("splits a root array into its elements, whatever the chunk size", () => {
    const whole = split(TRICKY);
    expect(whole.map((p) => JSON.parse(p.text))).toEqual(JSON.parse(TRICKY));
    expect(whole.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(whole.map((p) => p.line)).toEqual([2, 3, 4, 4, 4, 5, 6]);
    for (const size of [1, 2, 3, 7]) expect(split(TRICKY, size)).toEqual(whole);
  });

  it("splits a root object by member, streaming the arrays among them", () => {
    const text =
      '{"participants": [{"name": "A"}, {"name": "B"}],\n "title": "T", "n": 3, "o": {"x": [1]}, "e": []}';
    const pieces = split(text, 1);
    expect(pieces).toEqual([
      { key: "participants", index: 0, text: '{"name": "A"}', line: 1 },
      { key: "participants", index: 1, text: '{"name": "B"}', line: 1 },
      { key: "title", text: '"T"', line: 2 },
      { key: "n", text: "3", line: 2 },
      { key: "o", text: '{"x": [1]}', line: 2 },
    ]);
    expect(split(text)).toEqual(pieces);
  });

  it("accepts empty documents and a trailing semicolon", () => {
    expect(split("[]")).toEqual([]);
    expect(split(" {} ")).toEqual([]);
    expect(split("[1];\n")).toEqual([{ index: 0, text: "1", line: 1 }]);
  });

  it("names the line of structural faults", () => {
    expect(failure('[\n{"a":1},\n]').message).toBe(
      "f.json: line 3: a comma before the closing ] (not JSON)",
    );
    expect(failure('[{"a":1}\n{"b":2}]').message).toBe(
      'f.json: line 2: expected , or ] after an element, found "{"',
    );
    expect(failure('[{"a":1}]\nx').message).toBe(
      'f.json: line 2: unexpected "x" after the end of the data',
    );
    expect(failure('[\n{"a":\n"1}]', 1).message).toBe(
      "f.json: line 3: the file ends inside the value that starts on line 2",
    );
    expect(failure('[{"a":1},').message).toBe("f.json: line 1: the file ends before the closing ]");
    expect(failure('{"a" 1}').message).toBe('f.json: line 1: expected : after "a", found "1"');
    expect(failure("{a: 1}").message).toBe(
      'f.json: line 1: expected a quoted member name, found "a"',
    );
    expect(failure("  ").message).toBe("f.json: line 1: the file holds no JSON data");
    expect(failure("hello").message).toBe(
      'f.json: line 1: expected a JSON array or object, found "h"',
    );
    const e = failure("[\n?]");
    expect(e).toBeInstanceOf(IrlError);
    expect(e).toMatchObject({ code: "input", file: "f.json", place: "line 2" });
  });

  it("reports a piece JSON.parse rejects at the line of the fault", () => {
    const [piece] = split("[\n{\n  tweet: 1\n}]");
    let error: unknown;
    try {
      JSON.parse(piece?.text ?? "");
    } catch (e) {
      error = e;
    }
    const irl = pieceError("f.js", piece as JsonPiece, "tweets element 1", error);
    expect(irl).toMatchObject({ code: "input", file: "f.js", place: "line 3" });
    expect(irl.message).toMatch(/^f\.js: line 3: tweets element 1 is not JSON \(.+\)$/);
  });
});
