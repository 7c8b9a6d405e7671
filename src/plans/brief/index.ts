/**
 * The event brief and which events are worth it: read an attendee list (CSV, iCalendar or a
 * plain list), find its people in the graph, and say who to see, who to meet and why, who can
 * introduce whom, what the group cares about and whom to be careful with — for a terminal,
 * Markdown, one self-contained HTML page, or JSON; and rank several lists against each other.
 *
 * @example
 * import { briefFromFile, renderBriefHtml } from "./plans/brief/index.js";
 * const brief = await briefFromFile(store, "meetup.csv");
 * fs.writeFileSync("brief.html", renderBriefHtml(brief));
 */
import type { Store } from "../../store/store.js";
import { readAttendeeList } from "./attendee-list.js";
import { type Brief, type BriefOptions, buildBrief } from "./build-brief.js";

export {
  type AttendeeList,
  detectListFormat,
  type ListedAttendee,
  parseTextList,
  readAttendeeList,
} from "./attendee-list.js";
export type {
  AmbiguousEntry,
  Brief,
  BriefOptions,
  CarefulEntry,
  GroupInterest,
  IntroEntry,
  KnownEntry,
  NewEntry,
} from "./build-brief.js";
export { buildBrief } from "./build-brief.js";
export { type AttendeeMatch, matchAttendees } from "./match-attendees.js";
export { type RankedEvent, rankEvents } from "./rank-events.js";
export { BRIEF_CSS, escapeHtml, renderBriefBody, renderBriefHtml } from "./render-html.js";
export { briefSummary, renderBriefMarkdown, renderBriefText } from "./render-text.js";

export async function briefFromFile(
  store: Store,
  file: string,
  options: BriefOptions = {},
): Promise<Brief> {
  return buildBrief(store, await readAttendeeList(file), options);
}
