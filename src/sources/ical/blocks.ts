/**
 * Splits a calendar's content lines into the blocks the importer parses one at a time: each
 * VTIMEZONE and VEVENT with its nested components (VALARM), the start and end of each
 * VCALENDAR (a file may hold several), and the other components (VTODO, VJOURNAL, VFREEBUSY)
 * by name only, without keeping their lines. A bare VEVENT outside any VCALENDAR is accepted.
 *
 * Problems are pieces too: a VEVENT or VTIMEZONE cut off by the end of its calendar, by a new
 * one, or by the end of the file ("truncated"); lines outside any component ("stray line",
 * once per run of them); a calendar with no END:VCALENDAR ("truncated calendar").
 *
 * @example
 * const splitter = new BlockSplitter();
 * for (const line of lines) for (const piece of splitter.push(line)) handle(piece);
 * for (const piece of splitter.end()) handle(piece);
 */
export interface Line {
  text: string;
  line: number;
}

export type Block =
  | { type: "calendar-start"; line: number }
  | { type: "calendar-end"; line: number }
  | { type: "timezone" | "event"; lines: Line[]; line: number }
  | { type: "other"; name: string; line: number }
  | { type: "problem"; reason: string; message: string; line: number };

interface Open {
  name: string;
  line: number;
  /** Kept for VEVENT and VTIMEZONE only. */
  lines: Line[] | undefined;
  /** Components open inside it (VALARM, STANDARD, DAYLIGHT). */
  nested: string[];
}

const KEPT = new Set(["VEVENT", "VTIMEZONE"]);

export class BlockSplitter {
  private calendars = 0;
  private calendarLine = 0;
  private open: Open | undefined;
  private inStray = false;

  push(line: Line): Block[] {
    const out: Block[] = [];
    const m = /^(BEGIN|END)\s*:\s*([A-Za-z0-9-]+)\s*$/i.exec(line.text);
    const keyword = m?.[1]?.toUpperCase();
    const name = m?.[2]?.toUpperCase() ?? "";
    if (m) this.inStray = false;
    const open = this.open;
    if (open) {
      const restarts =
        keyword === "BEGIN" &&
        (name === "VCALENDAR" || (name === open.name && !open.nested.length));
      const endsCalendar = keyword === "END" && name === "VCALENDAR" && this.calendars > 0;
      if (!restarts && !endsCalendar) {
        open.lines?.push(line);
        if (keyword === "BEGIN") open.nested.push(name);
        else if (keyword === "END") {
          if (open.nested[open.nested.length - 1] === name) open.nested.pop();
          else if (name === open.name) this.close(open, out);
        }
        return out;
      }
      out.push(truncated(open, `line ${line.line}`));
      this.open = undefined;
    }
    if (keyword === "BEGIN" && name === "VCALENDAR") {
      this.calendars++;
      this.calendarLine = line.line;
      out.push({ type: "calendar-start", line: line.line });
    } else if (keyword === "END" && name === "VCALENDAR" && this.calendars > 0) {
      this.calendars--;
      out.push({ type: "calendar-end", line: line.line });
    } else if (keyword === "BEGIN") {
      this.open = {
        name,
        line: line.line,
        lines: KEPT.has(name) ? [line] : undefined,
        nested: [],
      };
    } else if (this.calendars === 0 && !this.inStray) {
      this.inStray = true;
      out.push({
        type: "problem",
        reason: "stray line",
        message: `line ${line.line} is outside any calendar component and was ignored`,
        line: line.line,
      });
    }
    return out;
  }

  /** Ends the file. */
  end(): Block[] {
    const out: Block[] = [];
    if (this.open) out.push(truncated(this.open, "the end of the file"));
    this.open = undefined;
    if (this.calendars > 0) {
      out.push({
        type: "problem",
        reason: "truncated calendar",
        message: `the calendar that begins on line ${this.calendarLine} has no END:VCALENDAR; what was read before the end of the file was imported`,
        line: this.calendarLine,
      });
      out.push({ type: "calendar-end", line: this.calendarLine });
      this.calendars = 0;
    }
    return out;
  }

  private close(open: Open, out: Block[]): void {
    this.open = undefined;
    if (open.name === "VEVENT")
      out.push({ type: "event", lines: open.lines ?? [], line: open.line });
    else if (open.name === "VTIMEZONE")
      out.push({ type: "timezone", lines: open.lines ?? [], line: open.line });
    else out.push({ type: "other", name: open.name, line: open.line });
  }
}

function truncated(open: Open, where: string): Block {
  return {
    type: "problem",
    reason: "truncated",
    message: `the ${open.name} that begins on line ${open.line} is cut off by ${where} and was not imported`,
    line: open.line,
  };
}
