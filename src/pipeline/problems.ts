/**
 * Problems found while importing, as values: where (file and place) and what, so the user can
 * find the record, and a short reason so skips can be counted ("spam: 12"). Files that cannot
 * be read at all are `ReportedError`s.
 *
 * @example
 * formatPlace({ line: 90, record: "comment 12" }) // "line 90 (comment 12)"
 */
import type { Place } from "../sources/records.js";

/** A record that was read and skipped: where, why in a sentence, and a short countable reason. */
export interface Problem {
  place: Place;
  message: string;
  reason: string;
}

/** The shape `irl import --json` reports an error in. */
export interface ReportedError {
  file: string;
  place: string;
  message: string;
}

export function formatPlace(place: Place): string {
  const parts: string[] = [];
  if (place.line !== undefined) {
    parts.push(
      place.column !== undefined ? `line ${place.line}:${place.column}` : `line ${place.line}`,
    );
  }
  if (place.record) parts.push(parts.length ? `(${place.record})` : place.record);
  return parts.join(" ") || "whole file";
}
