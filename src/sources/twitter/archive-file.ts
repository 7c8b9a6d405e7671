/**
 * One data file of a Twitter archive: `window.YTD.<name>.part<n> = [ … ]` (or the archive's
 * `manifest.js`, `window.__THAR_CONFIG = { … }`). Reads the assignment at the top, then hands
 * the JSON after it to a `JsonSplitter`, so that each array element arrives on its own however
 * large the file.
 *
 * @example
 * const f = new ArchiveFile("data/like.js");
 * f.write('window.YTD.like.part0 = [ {"like":{}} ]'); // [{ index: 0, text: '{"like":{}}', line: 1 }]
 * f.name; // "like"
 */
import { IrlError } from "../../errors.js";
import { type JsonPiece, JsonSplitter } from "../shared/json-splitter.js";

const YTD = /^\uFEFF?\s*window\.YTD\.([A-Za-z0-9_-]+)\.part(\d+)\s*=\s*/;
const MANIFEST = /^\uFEFF?\s*window\.__THAR_CONFIG\s*=\s*/;
/** An assignment longer than this is not one Twitter writes. */
const MAX_PREFIX = 1024;

/** The name `manifest.js` is given. */
export const MANIFEST_NAME = "manifest";

/** True for the head of a Twitter archive data file or its manifest. */
export function looksLikeTwitterArchive(head: string): boolean {
  return YTD.test(head) || MANIFEST.test(head);
}

export class ArchiveFile {
  /**
   * The data's name with dashes as underscores (`tweets`, `direct_messages`, `manifest`),
   * known once the assignment has been read.
   */
  name: string | undefined;
  private head = "";
  private splitter: JsonSplitter | undefined;

  constructor(private readonly file: string) {}

  write(text: string): JsonPiece[] {
    if (this.splitter) return this.splitter.write(text);
    this.head += text;
    const ytd = YTD.exec(this.head);
    const match = ytd ?? MANIFEST.exec(this.head);
    if (!match) {
      if (this.head.length > MAX_PREFIX || /[[{]/.test(this.head)) this.notArchive();
      return [];
    }
    this.name = ytd ? (ytd[1] as string).replace(/-/g, "_") : MANIFEST_NAME;
    const startLine = 1 + (match[0].match(/\n/g)?.length ?? 0);
    this.splitter = new JsonSplitter(this.file, startLine);
    const rest = this.head.slice(match[0].length);
    this.head = "";
    return this.splitter.write(rest);
  }

  end(): JsonPiece[] {
    if (!this.splitter) this.notArchive();
    return this.splitter.end();
  }

  private notArchive(): never {
    throw new IrlError(
      "input",
      `${this.file}: line 1: not a Twitter archive data file (expected "window.YTD.<name>.part<n> = [")`,
      { file: this.file, place: "line 1" },
    );
  }
}
