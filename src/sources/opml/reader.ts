/**
 * The streaming OPML reader: an htmlparser2 handler (XML mode) that turns every `<outline>`
 * carrying an `xmlUrl`, at any depth of folders, into a subscription `ContactRecord`. Outlines
 * without `xmlUrl` (folders, notes, links) are structure, not subscriptions, and are passed over.
 *
 * Broken files: an outline whose attributes are garbled (a tag cut short, an attribute name that
 * is not a name) is skipped with reason "malformed", and when the cut-short tag ran into the next
 * `<outline`, that next one is still read; a second outline with
 * the same feed is skipped as "duplicate". A document that is not `<opml>`, or that ends before
 * `</opml>`, throws `IrlError("input")` naming the file and line.
 *
 * @example
 * const reader = new OpmlReader("subscriptions.opml");
 * reader.write(text); // any number of times, in order
 * reader.end();
 * const records = reader.take(); // the records completed since the last take
 */
import { Parser } from "htmlparser2";
import { IrlError } from "../../errors.js";
import type { ContactRecord, SkipRecord, SourceRecord } from "../records.js";
import { LineCounter } from "../shared/lines.js";
import { PlainText } from "../shared/plain-text.js";
import { feedKey } from "./feed-key.js";

const NAME = /^[A-Za-z_][\w.:-]*$/;

export class OpmlReader {
  private readonly parser: Parser;
  private readonly lines = new LineCounter();
  private readonly plain = new PlainText();
  private readonly seen = new Set<string>();
  private out: SourceRecord[] = [];
  private depth = 0;
  private root: string | undefined;
  private rootClosed = false;
  private attributes: Record<string, string> = {};
  private garbled = false;
  private tagLine = 1;

  constructor(private readonly file: string) {
    this.parser = new Parser(
      {
        onopentagname: (name) => this.open(name),
        onattribute: (name, value) => this.attribute(name, value),
        onopentag: (name) => this.tag(name),
        onclosetag: (_name, isImplied) => this.close(isImplied),
      },
      { xmlMode: true },
    );
  }

  write(text: string): void {
    this.lines.feed(text);
    this.parser.write(text);
  }

  end(): void {
    this.parser.end();
    if (this.root === undefined) this.fail(undefined, "not an OPML file (no XML element)");
    if (!this.rootClosed) {
      this.fail(this.lines.lastLine(), `the file ends before </${this.root}>`);
    }
  }

  take(): SourceRecord[] {
    const out = this.out;
    if (out.length > 0) this.out = [];
    return out;
  }

  private open(name: string): void {
    this.tagLine = this.lines.lineAt(this.parser.startIndex);
    if (this.depth === 0) {
      if (this.root !== undefined) this.fail(this.tagLine, `<${name}> after </${this.root}>`);
      if (name !== "opml") this.fail(this.tagLine, `not an OPML file: the document is <${name}>`);
      this.root = name;
    }
    this.depth++;
    this.attributes = {};
    this.garbled = false;
  }

  private attribute(name: string, value: string): void {
    if (name === "<outline") {
      // A truncated tag ran into the next outline: the first is lost, the next one is read.
      this.garbled = true;
      this.tag("outline");
      this.attributes = {};
      this.garbled = false;
      this.tagLine = this.lines.lineAt(this.parser.startIndex);
    } else if (!NAME.test(name) || name in this.attributes) this.garbled = true;
    else this.attributes[name] = value;
  }

  private tag(name: string): void {
    if (name !== "outline") return;
    const a = this.attributes;
    const xmlUrl = a.xmlUrl?.trim() ?? a.xmlurl?.trim();
    if (!xmlUrl && !this.garbled) return;
    const title = this.plain.of(a.title ?? "") || this.plain.of(a.text ?? "") || undefined;
    const record = title ? `outline "${title}"` : "an outline";
    const place = { line: this.tagLine, record };
    if (this.garbled || !xmlUrl) {
      this.out.push(skip("malformed", `The ${record} has garbled attributes.`, place));
      return;
    }
    const key = `opml:${feedKey(xmlUrl)}`;
    if (this.seen.has(key)) {
      this.out.push(skip("duplicate", `The ${record} repeats the feed ${xmlUrl}.`, place));
      return;
    }
    this.seen.add(key);
    const site = (a.htmlUrl ?? a.htmlurl)?.trim() || xmlUrl;
    const contact: ContactRecord = {
      type: "contact",
      key,
      channel: "opml",
      kind: "subscription",
      party: title
        ? { name: title, identities: [{ kind: "url", value: site }] }
        : { identities: [{ kind: "url", value: site }] },
      place,
    };
    const created = a.created ? Date.parse(a.created) : Number.NaN;
    if (!Number.isNaN(created)) contact.at = created;
    this.out.push(contact);
  }

  private close(isImplied: boolean): void {
    this.depth--;
    if (this.depth === 0 && !isImplied) this.rootClosed = true;
  }

  private fail(line: number | undefined, what: string): never {
    const place = line === undefined ? undefined : `line ${line}`;
    throw new IrlError("input", `${this.file}: ${place ? `${place}: ` : ""}${what}`, {
      file: this.file,
      place,
    });
  }
}

function skip(reason: string, message: string, place: SkipRecord["place"]): SkipRecord {
  return { type: "skip", reason, message, place };
}
