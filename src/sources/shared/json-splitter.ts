/**
 * A streaming splitter for one large JSON document: it hands back the pieces of the top level
 * one at a time, as text for `JSON.parse`, without ever holding the whole document.
 *
 * - A root array: each element is a piece (`index` set, no `key`).
 * - A root object: each member is a piece (`key` set); a member whose value is an array is
 *   streamed too, one piece per element (`key` and `index` set).
 *
 * It checks the structure it walks (brackets, commas, colons, strings, what follows the root) and
 * throws `IrlError("input")` naming the file and line; what lies inside a piece is left for
 * `JSON.parse`, whose error the caller reports with `pieceError`. Text may arrive in chunks of
 * any size, split anywhere, even inside an escape.
 *
 * @example
 * const s = new JsonSplitter("tweets.js");
 * s.write('[{"a":1},'); // [{ index: 0, text: '{"a":1}', line: 1 }]
 * s.write('{"a":2}]');  // [{ index: 1, text: '{"a":2}', line: 1 }]
 * s.end();              // []
 */
import { IrlError } from "../../errors.js";

export interface JsonPiece {
  /** The member of the root object this piece belongs to; absent in a root array. */
  key?: string;
  /** The position in a streamed array; absent for a whole member value. */
  index?: number;
  /** The piece's JSON text. */
  text: string;
  /** The 1-based line the piece starts on. */
  line: number;
}

type Mode =
  /** Before the root value. */
  | "start"
  /** In a streamed array, expecting a value (or `]` when nothing has been read yet). */
  | "arrayValue"
  /** In a streamed array after an element: `,` or `]`. */
  | "arrayNext"
  /** In the root object, expecting a key (or `}` when nothing has been read yet). */
  | "objectKey"
  | "colon"
  | "memberValue"
  /** In the root object after a member: `,` or `}`. */
  | "objectNext"
  /** Inside a piece (or a key) being captured. */
  | "capture"
  /** After the root value: only white space may follow. */
  | "done";

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
}

/** Characters that end a bare value (number, true, false, null). */
function endsBare(c: number): boolean {
  return isSpace(c) || c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE;
}

export class JsonSplitter {
  private mode: Mode = "start";
  private line: number;
  private rootIsObject = false;
  /** The member whose array is being streamed; undefined while streaming a root array. */
  private arrayKey: string | undefined;
  private inMemberArray = false;
  private index = 0;
  private afterComma = false;
  private key = "";

  // The capture in progress.
  private capturing: "value" | "key" = "value";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private bare = false;
  private parts: string[] = [];
  private captureLine = 1;
  /** The mode to return to after a capture. */
  private resume: Mode = "start";

  constructor(
    private readonly file: string,
    startLine = 1,
  ) {
    this.line = startLine;
  }

  /** Splits the next piece of text; returns the pieces it completed. */
  write(text: string): JsonPiece[] {
    const out: JsonPiece[] = [];
    let start = this.mode === "capture" ? 0 : -1;
    const n = text.length;
    /** The next backslash at or after the scan, or `n`: found once, reused until passed. */
    let backslash = -1;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.mode === "capture") {
        if (c === NEWLINE) this.line++;
        if (this.inString) {
          if (this.escaped) {
            this.escaped = false;
            continue;
          }
          if (c !== QUOTE && c !== BACKSLASH) {
            // Jump to the string's next quote or backslash (JSON strings hold no raw newline).
            if (backslash < i) backslash = indexOr(text, "\\", i, n);
            const quote = indexOr(text, '"', i, n);
            i = (quote < backslash ? quote : backslash) - 1;
            continue;
          }
          if (c === BACKSLASH) this.escaped = true;
          else {
            this.inString = false;
            if (this.depth === 0) {
              this.finish(out, text.slice(start, i + 1));
              start = -1;
            }
          }
          continue;
        }
        if (this.bare) {
          if (endsBare(c)) {
            if (c === NEWLINE) this.line--;
            this.finish(out, text.slice(start, i));
            start = -1;
            i--;
          }
          continue;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          this.depth--;
          if (this.depth === 0) {
            this.finish(out, text.slice(start, i + 1));
            start = -1;
          }
        }
        continue;
      }
      if (c === NEWLINE) {
        this.line++;
        continue;
      }
      if (isSpace(c)) continue;
      switch (this.mode) {
        case "start":
          if (c === OPEN_BRACKET) {
            this.mode = "arrayValue";
          } else if (c === OPEN_BRACE) {
            this.rootIsObject = true;
            this.mode = "objectKey";
          } else {
            this.fail(`expected a JSON array or object, found ${describe(c)}`);
          }
          break;
        case "arrayValue":
          if (c === CLOSE_BRACKET && !this.afterComma) {
            this.closeArray();
          } else if (c === CLOSE_BRACKET) {
            this.fail("a comma before the closing ] (not JSON)");
          } else {
            this.begin(c, "value", "arrayNext");
            start = i;
            if (this.bare) i--;
          }
          break;
        case "arrayNext":
          if (c === COMMA) {
            this.afterComma = true;
            this.mode = "arrayValue";
          } else if (c === CLOSE_BRACKET) {
            this.closeArray();
          } else {
            this.fail(`expected , or ] after an element, found ${describe(c)}`);
          }
          break;
        case "objectKey":
          if (c === CLOSE_BRACE && !this.afterComma) {
            this.mode = "done";
          } else if (c === QUOTE) {
            this.begin(c, "key", "colon");
            start = i;
          } else {
            this.fail(`expected a quoted member name, found ${describe(c)}`);
          }
          break;
        case "colon":
          if (c !== COLON) this.fail(`expected : after "${this.key}", found ${describe(c)}`);
          this.mode = "memberValue";
          break;
        case "memberValue":
          if (c === OPEN_BRACKET) {
            this.arrayKey = this.key;
            this.inMemberArray = true;
            this.index = 0;
            this.afterComma = false;
            this.mode = "arrayValue";
          } else {
            this.begin(c, "value", "objectNext");
            start = i;
            if (this.bare) i--;
          }
          break;
        case "objectNext":
          if (c === COMMA) {
            this.afterComma = true;
            this.mode = "objectKey";
          } else if (c === CLOSE_BRACE) {
            this.mode = "done";
          } else {
            this.fail(`expected , or } after a member, found ${describe(c)}`);
          }
          break;
        case "done":
          if (c !== 59 /* ; */) this.fail(`unexpected ${describe(c)} after the end of the data`);
          break;
      }
    }
    if (this.mode === "capture") this.parts.push(text.slice(start));
    return out;
  }

  /** Ends the text; throws when the document is not complete. */
  end(): JsonPiece[] {
    const out: JsonPiece[] = [];
    if (this.mode === "capture" && this.bare) {
      this.finish(out, "");
    }
    if (this.mode === "done") return out;
    if (this.mode === "start") this.fail("the file holds no JSON data");
    if (this.mode === "capture") {
      this.fail(`the file ends inside the value that starts on line ${this.captureLine}`);
    }
    this.fail(
      `the file ends before the closing ${this.inMemberArray ? "]" : this.rootIsObject ? "}" : "]"}`,
    );
  }

  private begin(c: number, what: "value" | "key", resume: Mode): void {
    this.capturing = what;
    this.resume = resume;
    this.captureLine = this.line;
    this.parts = [];
    this.inString = c === QUOTE;
    this.escaped = false;
    this.depth = c === OPEN_BRACE || c === OPEN_BRACKET ? 1 : 0;
    this.bare = !this.inString && this.depth === 0;
    if (this.bare && !/[-0-9tfn]/.test(String.fromCharCode(c))) {
      this.fail(`expected a value, found ${describe(c)}`);
    }
    this.mode = "capture";
  }

  private finish(out: JsonPiece[], last: string): void {
    this.parts.push(last);
    const text = this.parts.length === 1 ? last : this.parts.join("");
    this.parts = [];
    this.mode = this.resume;
    this.afterComma = false;
    this.bare = false;
    if (this.capturing === "key") {
      try {
        this.key = JSON.parse(text) as string;
      } catch {
        this.fail(`a member name that is not a JSON string: ${text.slice(0, 40)}`);
      }
      return;
    }
    const piece: JsonPiece = { text, line: this.captureLine };
    if (this.rootIsObject) piece.key = this.inMemberArray ? this.arrayKey : this.key;
    if (!this.rootIsObject || this.inMemberArray) piece.index = this.index++;
    out.push(piece);
  }

  private closeArray(): void {
    this.afterComma = false;
    if (this.inMemberArray) {
      this.inMemberArray = false;
      this.arrayKey = undefined;
      this.mode = "objectNext";
    } else {
      this.mode = "done";
    }
  }

  private fail(what: string): never {
    throw new IrlError("input", `${this.file}: line ${this.line}: ${what}`, {
      file: this.file,
      place: `line ${this.line}`,
    });
  }
}

function indexOr(text: string, what: string, from: number, none: number): number {
  const at = text.indexOf(what, from);
  return at === -1 ? none : at;
}

function describe(c: number): string {
  return `"${String.fromCharCode(c)}"`;
}

/**
 * The error for a piece `JSON.parse` rejected: the file, the line of the fault (from the
 * position in V8's message when it gives one) and what was wrong.
 */
export function pieceError(file: string, piece: JsonPiece, what: string, error: unknown): IrlError {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  let line = piece.line;
  if (at) {
    const upTo = piece.text.slice(0, Number(at[1]));
    for (let i = upTo.indexOf("\n"); i !== -1; i = upTo.indexOf("\n", i + 1)) line++;
  }
  return new IrlError("input", `${file}: line ${line}: ${what} is not JSON (${message})`, {
    file,
    place: `line ${line}`,
  });
}
