/**
 * Which events are worth going to: each attendee list's brief, scored by the people I should
 * see there (strong ties count by their strength, dormant ones a little more: an event is the
 * easy way back), the new people worth meeting (the best few, by their brief score), and how
 * much the group's interests overlap mine — each part with its reasons.
 *
 * @example
 * const ranked = rankEvents([briefA, briefB]);
 * ranked[0]; // { title: "Data for Good Lisbon", value: 2.4, reasons: ["3 people you should see: …", …] }
 */
import type { Brief } from "./build-brief.js";

export interface RankedEvent {
  title: string;
  file: string;
  start: string | null;
  value: number;
  parts: { see: number; meet: number; interests: number };
  reasons: string[];
  see: { name: string; tier: string; strength: number }[];
  meet: { name: string; score: number }[];
}

const TOP_NEW = 5;

export function rankEvents(briefs: readonly Brief[]): RankedEvent[] {
  return briefs
    .map((b): RankedEvent => {
      const see = b.known.map((k) => ({
        name: k.name,
        tier: k.tier,
        strength: k.strength,
        weight:
          k.tier === "dormant"
            ? 0.6
            : k.tier === "growing"
              ? Math.max(0.2, k.strength)
              : k.strength,
      }));
      const seeValue = see.reduce((s, k) => s + k.weight, 0);
      const meet = b.newPeople.slice(0, TOP_NEW).map((n) => ({ name: n.name, score: n.score }));
      const meetValue = meet.reduce((s, n) => s + n.score, 0);
      const mine = b.groupInterests.filter((g) => g.sharedWithMe);
      const interestValue = b.groupInterests.length ? mine.length / b.groupInterests.length : 0;
      const reasons: string[] = [];
      if (see.length) {
        const names = see
          .sort((a, z) => z.weight - a.weight)
          .slice(0, 3)
          .map((k) => `${k.name} (${k.tier})`);
        const dormant = see.filter((k) => k.tier === "dormant").length;
        reasons.push(
          `${see.length} ${see.length === 1 ? "person" : "people"} you should see: ${names.join(", ")}${see.length > 3 ? ", …" : ""}${dormant ? `; ${dormant} gone quiet, a chance to catch up` : ""}`,
        );
      } else reasons.push("nobody you know is going");
      const worth = b.newPeople.filter((n) => n.score >= 0.25);
      if (worth.length) {
        reasons.push(
          `${worth.length} new ${worth.length === 1 ? "person" : "people"} worth meeting, e.g. ${worth
            .slice(0, 2)
            .map((n) => `${n.name} (${n.reasons[0] ?? ""})`)
            .join("; ")}`,
        );
      } else reasons.push("no new person stands out");
      if (b.introductions.length)
        reasons.push(
          `${b.introductions.length} warm introductions (${b.introductions[0]?.via} → ${b.introductions[0]?.name})`,
        );
      if (mine.length) {
        reasons.push(
          `the group's interests you share: ${mine
            .slice(0, 4)
            .map((g) => g.term)
            .join(", ")}`,
        );
      } else if (b.groupInterests.length) {
        reasons.push(
          `the group cares about ${b.groupInterests
            .slice(0, 3)
            .map((g) => g.term)
            .join(", ")}, little of it yours`,
        );
      }
      if (b.careful.length) reasons.push(`${b.careful.length} one-way askers on the list`);
      const value = seeValue + meetValue + interestValue;
      return {
        title: b.title,
        file: b.file,
        start: b.events[0]?.start ?? null,
        value: Math.round(value * 100) / 100,
        parts: {
          see: Math.round(seeValue * 100) / 100,
          meet: Math.round(meetValue * 100) / 100,
          interests: Math.round(interestValue * 100) / 100,
        },
        reasons,
        see: see.map(({ weight: _w, ...k }) => k),
        meet,
      };
    })
    .sort((a, b) => b.value - a.value || a.title.localeCompare(b.title));
}
