/**
 * Groups content lines into cards, BEGIN:VCARD … END:VCARD, one at a time, and reports what
 * lies outside them. A BEGIN:VCARD inside an open card ends that card as truncated — except
 * right after an empty AGENT property, where vCard 2.1 embeds the agent's own card — and a
 * card still open at the end of the file is truncated too. Non-blank lines between cards are
 * reported once per run of them.
 *
 * @example
 * const splitter = new CardSplitter();
 * splitter.push({ text: "BEGIN:VCARD", line: 1 }); // undefined
 * splitter.push({ text: "END:VCARD", line: 2 }); // [{ type: "card", lines: [...], line: 1 }]
 */
import type { ContentLine } from "../shared/content-lines.js";

export type CardPiece =
  | { type: "card"; lines: ContentLine[]; line: number }
  | { type: "problem"; reason: string; message: string; line: number };

const AGENT_EMPTY = /^(?:[A-Za-z0-9_-]+\.)?AGENT(?:;[^:]*)?:\s*$/i;

export class CardSplitter {
  private card: ContentLine[] | undefined;
  private nested = 0;
  private inStray = false;

  /** Takes the next line; returns the cards and problems it completed. */
  push(line: ContentLine): CardPiece[] | undefined {
    const keyword = line.text.trim().toUpperCase();
    const card = this.card;
    if (!card) {
      if (keyword === "BEGIN:VCARD") {
        this.card = [line];
        this.inStray = false;
        return undefined;
      }
      if (this.inStray) return undefined;
      this.inStray = true;
      return [
        {
          type: "problem",
          reason: "stray line",
          message: `line ${line.line} is outside any BEGIN:VCARD … END:VCARD and was ignored`,
          line: line.line,
        },
      ];
    }
    if (keyword === "BEGIN:VCARD") {
      const previous = card[card.length - 1];
      if (previous && AGENT_EMPTY.test(previous.text)) {
        this.nested++;
        card.push(line);
        return undefined;
      }
      const truncated = this.truncated(card);
      this.card = [line];
      this.nested = 0;
      return [truncated];
    }
    card.push(line);
    if (keyword !== "END:VCARD") return undefined;
    if (this.nested > 0) {
      this.nested--;
      return undefined;
    }
    this.card = undefined;
    return [{ type: "card", lines: card, line: (card[0] as ContentLine).line }];
  }

  /** Ends the file: a card still open is truncated. */
  end(): CardPiece[] {
    const card = this.card;
    this.card = undefined;
    return card ? [this.truncated(card)] : [];
  }

  private truncated(card: ContentLine[]): CardPiece {
    const start = (card[0] as ContentLine).line;
    return {
      type: "problem",
      reason: "truncated card",
      message: `the card that begins on line ${start} has no END:VCARD and was not imported`,
      line: start,
    };
  }
}
