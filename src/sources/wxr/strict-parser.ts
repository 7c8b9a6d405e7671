/**
 * htmlparser2's `Parser` in XML mode, made to report what it silently forgives so the WXR reader
 * can reject malformed files: a closing tag that matches no open element is dropped by the
 * parser without any event, so this subclass tells its sink about it. It also tells the sink when
 * an opening tag is complete (attributes, hence `xmlns` declarations, included) and whether it
 * was self-closing, which htmlparser2 reports as an implied close.
 *
 * The overridden methods are the tokenizer callbacks htmlparser2 12 declares public.
 */
import { type Handler, Parser } from "htmlparser2";

export interface StructureSink {
  /** Incremented by the sink's `onclosetag` on every close event. */
  closeCount: number;
  /** The element just opened has all its attributes. */
  openEnd(selfClosing: boolean): void;
  /** A closing tag whose name is at `[start, end)` matched no open element and was dropped. */
  strayClose(start: number, end: number): void;
}

export class StrictParser extends Parser {
  private readonly sink: StructureSink;

  constructor(handler: Partial<Handler>, sink: StructureSink) {
    super(handler, { xmlMode: true });
    this.sink = sink;
  }

  override onopentagend(endIndex: number): void {
    this.sink.openEnd(false);
    super.onopentagend(endIndex);
  }

  override onselfclosingtag(endIndex: number): void {
    this.sink.openEnd(true);
    super.onselfclosingtag(endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    const before = this.sink.closeCount;
    super.onclosetag(start, endIndex);
    if (this.sink.closeCount === before) this.sink.strayClose(start, endIndex);
  }
}
