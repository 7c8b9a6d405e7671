/**
 * The streaming Disqus reader: an htmlparser2 handler (XML mode) that follows a Disqus export's
 * flat structure — `<category>`, `<thread>` and `<post>` elements under `<disqus>` — collects the
 * few values irl keeps from each (see `RawThread`, `RawPost`), and hands every completed element
 * to its sink. Only one element's values are held at a time. A document that is not `<disqus>`,
 * or that ends before `</disqus>`, throws `IrlError("input")` naming the file and line.
 *
 * @example
 * const reader = new DisqusReader("export.xml", sink);
 * reader.write(text); // any number of times, in order
 * reader.end();
 */
import { Parser } from "htmlparser2";
import { IrlError } from "../../errors.js";
import { LineCounter } from "../shared/lines.js";

/** The Disqus internals namespace, whose `id` attribute carries every element's Disqus id. */
const INTERNALS = "http://disqus.com/disqus-internals";

export interface RawAuthor {
  name?: string;
  email?: string;
  username?: string;
  isAnonymous?: string;
}

export interface RawThread {
  line: number;
  dsqId?: string;
  forum?: string;
  link?: string;
  title?: string;
  createdAt?: string;
  author?: RawAuthor;
}

export interface RawPost {
  line: number;
  dsqId?: string;
  message?: string;
  createdAt?: string;
  isDeleted?: string;
  isSpam?: string;
  author?: RawAuthor;
  threadId?: string;
  parentId?: string;
}

export interface DisqusSink {
  category(forum: string | undefined): void;
  thread(raw: RawThread): void;
  post(raw: RawPost): void;
}

/** A raw record's string fields, written by name. */
type Values = Record<string, string | undefined>;

const THREAD_FIELDS = new Set(["forum", "link", "title", "createdAt"]);
const POST_FIELDS = new Set(["message", "createdAt", "isDeleted", "isSpam"]);
const AUTHOR_FIELDS = new Set(["name", "email", "username", "isAnonymous"]);

export class DisqusReader {
  private readonly parser: Parser;
  private readonly lines = new LineCounter();
  private depth = 0;
  private root: string | undefined;
  private rootClosed = false;
  /** The prefix bound to the Disqus internals namespace (`dsq` in every real export). */
  private idAttribute = "dsq:id";
  private attributes: Record<string, string> = {};

  private kind: "category" | "thread" | "post" | undefined;
  private thread: RawThread | undefined;
  private post: RawPost | undefined;
  private categoryForum: string | undefined;
  private author: RawAuthor | undefined;
  /** The field being collected and where it goes. */
  private field: string | undefined;
  private fieldDepth = 0;
  private target: Values | undefined;
  private text = "";

  constructor(
    private readonly file: string,
    private readonly sink: DisqusSink,
  ) {
    this.parser = new Parser(
      {
        onopentagname: () => {
          this.attributes = {};
        },
        onattribute: (name, value) => {
          this.attributes[name] = value;
        },
        onopentag: (name) => this.open(name),
        ontext: (data) => {
          if (this.field !== undefined) this.text += data;
        },
        onclosetag: (name, isImplied) => this.close(name, isImplied),
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
    if (this.root === undefined) this.fail(undefined, "not a Disqus export (no XML element)");
    if (!this.rootClosed) this.fail(this.lines.lastLine(), `the file ends before </${this.root}>`);
  }

  private open(name: string): void {
    this.depth++;
    const depth = this.depth;
    const line = (): number => this.lines.lineAt(this.parser.startIndex);
    if (depth === 1) return this.openRoot(name, line());
    const id = this.attributes[this.idAttribute];
    if (depth === 2) {
      this.kind = name === "category" || name === "thread" || name === "post" ? name : undefined;
      if (this.kind === "thread") this.thread = { line: line(), dsqId: id };
      else if (this.kind === "post") this.post = { line: line(), dsqId: id };
      else if (this.kind === "category") this.categoryForum = undefined;
      return;
    }
    const container = this.thread ?? this.post;
    if (depth === 3 && name === "author" && container) {
      this.author = {};
      container.author = this.author;
    } else if (depth === 3 && this.post && name === "thread") {
      this.post.threadId = id;
    } else if (depth === 3 && this.post && name === "parent") {
      this.post.parentId = id;
    } else if (depth === 3 && this.kind === "category" && name === "forum") {
      this.collect(name, {});
    } else if (depth === 3 && this.thread && THREAD_FIELDS.has(name)) {
      this.collect(name, this.thread as unknown as Values);
    } else if (depth === 3 && this.post && POST_FIELDS.has(name)) {
      this.collect(name, this.post as unknown as Values);
    } else if (depth === 4 && this.author && AUTHOR_FIELDS.has(name)) {
      this.collect(name, this.author as Values);
    }
  }

  private openRoot(name: string, line: number): void {
    if (this.root !== undefined) this.fail(line, `<${name}> after </${this.root}>`);
    if (name !== "disqus") this.fail(line, `not a Disqus export: the document is <${name}>`);
    this.root = name;
    for (const [attribute, value] of Object.entries(this.attributes)) {
      if (attribute.startsWith("xmlns:") && value.trim() === INTERNALS) {
        this.idAttribute = `${attribute.slice(6)}:id`;
      }
    }
  }

  private collect(field: string, target: Values): void {
    this.field = field;
    this.fieldDepth = this.depth;
    this.target = target;
    this.text = "";
  }

  private close(name: string, isImplied: boolean): void {
    const depth = this.depth;
    this.depth--;
    if (this.field !== undefined && this.target && depth === this.fieldDepth) {
      const value = this.text.trim();
      if (this.kind === "category" && depth === 3) this.categoryForum ??= value || undefined;
      else if (value && this.target[this.field] === undefined) this.target[this.field] = value;
      this.field = undefined;
      this.target = undefined;
    }
    if (depth === 3 && name === "author") this.author = undefined;
    if (depth === 2) this.closeTop();
    if (depth === 1 && !isImplied) this.rootClosed = true;
  }

  private closeTop(): void {
    if (this.kind === "category") this.sink.category(this.categoryForum);
    else if (this.thread) this.sink.thread(this.thread);
    else if (this.post) this.sink.post(this.post);
    this.kind = undefined;
    this.thread = undefined;
    this.post = undefined;
  }

  private fail(line: number | undefined, what: string): never {
    const place = line === undefined ? undefined : `line ${line}`;
    throw new IrlError("input", `${this.file}: ${place ? `${place}: ` : ""}${what}`, {
      file: this.file,
      place,
    });
  }
}
