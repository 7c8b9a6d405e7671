/**
 * Small pieces of plain English for explanations: durations, counts, lists.
 *
 * @example
 * ago(21 * DAY)              // "3 weeks ago"
 * duration(36 * HOUR)        // "2 days"
 * times(2)                   // "twice"
 * listOf(["a", "b", "c"])    // "a, b and c"
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** A rounded duration: "5 hours", "2 days", "3 weeks", "4 months", "2 years". */
export function duration(ms: number): string {
  const d = Math.max(0, ms);
  if (d < 1.5 * HOUR) return "an hour";
  if (d < 36 * HOUR) return `${Math.round(d / HOUR)} hours`;
  if (d < 13 * DAY) return plural(Math.round(d / DAY), "day");
  if (d < 60 * DAY) return plural(Math.round(d / WEEK), "week");
  if (d < 700 * DAY) return plural(Math.round(d / (30.44 * DAY)), "month");
  return plural(Math.round(d / (365.25 * DAY)), "year");
}

export function ago(ms: number): string {
  return ms < HOUR ? "just now" : `${duration(ms)} ago`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function times(n: number): string {
  if (n === 1) return "once";
  if (n === 2) return "twice";
  return `${n} times`;
}

export function listOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
