/**
 * The streaming WXR reader: an htmlparser2 handler that follows the element structure of an
 * export, collects text only inside the elements it keeps (see `fields.ts`), buffers one
 * `<item>` with its comments at a time, and hands each completed author and item to the
 * `Assembler`. It also checks the structure htmlparser2 forgives (mismatched or unclosed tags,
 * content after the root) and throws an `IrlError` naming the line.
 *
 * @example
 * const reader = new WxrReader("export.xml");
 * reader.write(text); // any number of times, in order
 * reader.end();
 * const records = reader.take(); // after each call: the records completed since the last take
 */
import type { Handler, Parser } from "htmlparser2";
import { IrlError } from "../../errors.js";
import type { SourceRecord } from "../records.js";
import { LineCounter } from "../shared/lines.js";
import { siteOf } from "../shared/site.js";
import { Assembler } from "./assemble.js";
import {
  AUTHOR_ELEMENTS,
  AUTHOR_FIELDS,
  blank,
  CHANNEL_FIELDS,
  type ChannelField,
  COMMENT_FIELDS,
  ITEM_FIELDS,
  type RawAuthor,
  type RawComment,
  type RawItem,
  type Values,
} from "./fields.js";
import { Namespaces } from "./namespaces.js";
import { StrictParser, type StructureSink } from "./strict-parser.js";

/** A depth no element is at: containers that are not open. */
const CLOSED = -2;
const blankItem = blank(ITEM_FIELDS);
const blankAuthor = blank(AUTHOR_FIELDS);
const blankComment = blank(COMMENT_FIELDS);

export class WxrReader implements Partial<Handler>, StructureSink {
  closeCount = 0;
  private readonly parser: Parser;
  private readonly lines = new LineCounter();
  private readonly ns = new Namespaces();
  /** Names and opening lines of the open elements, outermost first. */
  private readonly names: string[] = [];
  private readonly openLines: number[] = [];
  private out: SourceRecord[] = [];

  private rootName: string | undefined;
  private rootClosed = false;
  private sawChannel = false;
  private selfClosing = false;
  /** The innermost element htmlparser2 closed for lack of its end tag, reported at the next one. */
  private unclosed: { name: string; line: number } | undefined;

  private channelDepth = CLOSED;
  private authorDepth = CLOSED;
  private itemDepth = CLOSED;
  private commentDepth = CLOSED;
  private readonly channel: Values<ChannelField> = {};
  private author: RawAuthor | undefined;
  private item: RawItem | undefined;
  private comment: RawComment | undefined;

  /** The field being collected, where it goes, and the depth of its element. */
  private field = "";
  private target: Record<string, string | undefined> = {};
  private fieldDepth = CLOSED;
  private text = "";

  private assembler: Assembler | undefined;

  constructor(private readonly file: string) {
    this.parser = new StrictParser(this, this);
  }

  /** Parses the next piece of the file. */
  write(text: string): void {
    this.lines.feed(text);
    this.parser.write(text);
  }

  /** Parses the last piece (if any) and checks that the document is complete. */
  end(text?: string): void {
    if (text) this.write(text);
    this.parser.end();
  }

  /** The records completed since the last call. */
  take(): SourceRecord[] {
    const out = this.out;
    if (out.length > 0) this.out = [];
    return out;
  }

  onopentagname(name: string): void {
    if (this.rootClosed) {
      this.malformed(this.here(), `<${name}> after </${this.rootName}>, the end of the document`);
    }
    this.names.push(name);
    this.openLines.push(this.here());
  }

  onattribute(name: string, value: string): void {
    if (name.startsWith("xmlns") && (name.length === 5 || name.charCodeAt(5) === 58)) {
      this.ns.declare(name.slice(6), value, this.names.length);
    }
  }

  openEnd(selfClosing: boolean): void {
    this.selfClosing = selfClosing;
    const depth = this.names.length;
    const name = this.ns.resolve(this.names[depth - 1] ?? "");
    if (depth === this.commentDepth + 1 && this.comment) {
      this.collect(COMMENT_FIELDS.get(name), this.comment.values, depth);
    } else if (depth === this.itemDepth + 1 && this.item) {
      if (name === "wp:comment") this.openComment(depth);
      else this.collect(ITEM_FIELDS.get(name), this.item.values, depth);
    } else if (depth === this.authorDepth + 1 && this.author) {
      this.collect(AUTHOR_FIELDS.get(name), this.author.values, depth);
    } else if (depth === this.channelDepth + 1) {
      this.openInChannel(name, depth);
    } else if (depth === 1) {
      this.openRoot(name);
    } else if (depth === 2 && name === "channel" && this.channelDepth === CLOSED) {
      this.channelDepth = depth;
      this.sawChannel = true;
    }
  }

  ontext(data: string): void {
    if (this.fieldDepth !== CLOSED) this.text += data;
    else if (this.names.length === 0) this.outsideRoot(data);
  }

  onclosetag(name: string, isImplied: boolean): void {
    this.closeCount++;
    if (isImplied && !this.selfClosing) {
      this.unclosed ??= { name, line: this.openLines.at(-1) ?? this.here() };
      return;
    }
    this.selfClosing = false;
    if (this.unclosed) this.mismatch(this.unclosed, name);
    const depth = this.names.length;
    if (depth === this.fieldDepth) this.store();
    else if (depth === this.commentDepth) this.closeComment();
    else if (depth === this.itemDepth) this.closeItem();
    else if (depth === this.authorDepth) this.closeAuthor();
    else if (depth === this.channelDepth) this.channelDepth = CLOSED;
    else if (depth === 1) this.closeRoot();
    if (this.ns.active) this.ns.leave(depth);
    this.names.pop();
    this.openLines.pop();
  }

  strayClose(start: number, end: number): void {
    const name = this.lines.textBetween(start, end) ?? "?";
    const open = this.names.at(-1);
    if (open === undefined) {
      this.malformed(this.here(), `</${name}> after the end of the document`);
    }
    this.mismatch({ name: open, line: this.openLines.at(-1) ?? 0 }, name);
  }

  onend(): void {
    if (this.unclosed) {
      const { name, line } = this.unclosed;
      this.malformed(
        this.lines.lastLine(),
        `the file ends before </${name}> (<${name}> opened on line ${line})`,
      );
    }
    if (this.rootName === undefined) this.notWxr("no <rss> element");
  }

  private openRoot(name: string): void {
    if (name !== "rss") this.notWxr(`the document is <${name}>, not <rss>`);
    this.rootName = name;
  }

  private closeRoot(): void {
    this.rootClosed = true;
    if (!this.sawChannel) this.notWxr("no <channel> element in <rss>");
  }

  private openInChannel(name: string, depth: number): void {
    const line = this.openLines.at(-1) ?? 0;
    if (name === "item") {
      this.item = { line, values: blankItem(), comments: [] };
      this.itemDepth = depth;
    } else if (AUTHOR_ELEMENTS.has(name)) {
      this.author = { line, values: blankAuthor() };
      this.authorDepth = depth;
    } else {
      this.collect(CHANNEL_FIELDS.get(name), this.channel, depth);
    }
  }

  private openComment(depth: number): void {
    this.comment = { line: this.openLines.at(-1) ?? 0, values: blankComment() };
    this.commentDepth = depth;
  }

  private closeComment(): void {
    if (this.comment) this.item?.comments.push(this.comment);
    this.comment = undefined;
    this.commentDepth = CLOSED;
  }

  private closeItem(): void {
    if (this.item) this.assemble().item(this.item, this.out);
    this.item = undefined;
    this.itemDepth = CLOSED;
  }

  private closeAuthor(): void {
    if (this.author) this.assemble().author(this.author, this.out);
    this.author = undefined;
    this.authorDepth = CLOSED;
  }

  /** The assembler, created (and the site fixed) when the first author or item completes. */
  private assemble(): Assembler {
    this.assembler ??= new Assembler(
      siteOf(this.channel.link, this.channel.baseBlogUrl, this.channel.baseSiteUrl),
    );
    return this.assembler;
  }

  private collect(
    field: string | undefined,
    target: Record<string, string | undefined>,
    depth: number,
  ): void {
    if (field === undefined) return;
    this.field = field;
    this.target = target;
    this.fieldDepth = depth;
    this.text = "";
  }

  /** The first occurrence of a field wins. */
  private store(): void {
    if (this.target[this.field] === undefined) this.target[this.field] = this.text.trim();
    this.fieldDepth = CLOSED;
    this.text = "";
  }

  private outsideRoot(data: string): void {
    const at = firstNonSpace(data);
    if (at === -1) return;
    const line = this.lines.lineAt(this.parser.endIndex - (data.length - 1 - at));
    if (this.rootClosed)
      this.malformed(line, `text after </${this.rootName}>, the end of the document`);
    this.malformed(line, "text before the <rss> element");
  }

  private mismatch(open: { name: string; line: number }, found: string): never {
    this.malformed(
      this.here(),
      `expected </${open.name}> but found </${found}> (<${open.name}> opened on line ${open.line})`,
    );
  }

  /** The line of the parser's current position. */
  private here(): number {
    return this.lines.lineAt(this.parser.endIndex);
  }

  private malformed(line: number, what: string): never {
    throw new IrlError("input", `${this.file}: line ${line}: ${what}`, {
      file: this.file,
      place: `line ${line}`,
    });
  }

  private notWxr(why: string): never {
    throw new IrlError("input", `${this.file}: not a WordPress export (${why})`, {
      file: this.file,
    });
  }
}

function firstNonSpace(data: string): number {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
  return -1;
}
