import { describe, expect, it } from "vitest";
import { DAY } from "./phrases.js";
import { type TieEvent, tieStrength } from "./strength.js";
import { assignTier, summarizeTiers } from "./tiers.js";

const NOW = Date.UTC(2024, 5, 1);
const ev = (
  daysAgo: number,
  direction: TieEvent["direction"],
  extra: Partial<TieEvent> = {},
): TieEvent => ({
  at: NOW - daysAgo * DAY,
  direction,
  channel: "email",
  kind: "message",
  size: 300,
  ...extra,
});
const weekly = (fromDaysAgo: number, count: number) =>
  Array.from({ length: count }, (_, i) => ev(fromDaysAgo - 7 * i, i % 2 ? "inbound" : "outbound"));

describe("tiers", () => {
  it("calls a weekly tie silent for months dormant, with the reason", () => {
    const tie = tieStrength(weekly(300, 20), NOW);
    const { tier, reason } = assignTier(tie, {}, NOW);
    expect(tier).toBe("dormant");
    expect(reason).toBe("20 exchanges, usually every 7 days; silent for 5 months");
  });

  it("does not call a snoozed tie dormant until the snooze ends", () => {
    const tie = tieStrength(weekly(300, 20), NOW);
    expect(assignTier(tie, { snoozedUntil: NOW + DAY }, NOW).tier).toBe("strong");
    expect(assignTier(tie, { snoozedUntil: NOW - DAY }, NOW).tier).toBe("dormant");
  });

  it("keeps a weekly tie that is still going strong or irl", () => {
    const tie = tieStrength(weekly(140, 21), NOW, { otherLastActiveAt: NOW });
    expect(["strong", "irl"]).toContain(assignTier(tie, {}, NOW).tier);
  });

  it("keeps a pinned person irl, and an override tier wins over everything", () => {
    const faded = tieStrength([ev(400, "inbound", { kind: "like" })], NOW);
    expect(assignTier(faded, { pinned: true })).toEqual({
      tier: "irl",
      reason: "you pinned this person to your IRL group",
    });
    expect(assignTier(faded, { pinned: true, tier: "growing" }).tier).toBe("growing");
  });

  it("sees card-only and one-way ties", () => {
    const card = tieStrength([], NOW, { contactKinds: ["card"] });
    expect(assignTier(card)).toEqual({ tier: "card-only", reason: "card, and no interaction" });
    const fan = tieStrength([ev(10, "inbound"), ev(5, "inbound")], NOW);
    expect(assignTier(fan)).toEqual({
      tier: "one-way",
      reason: "only they ever wrote; you never answered",
    });
  });

  it("summarises in one sentence", () => {
    const tiers = [
      ...Array(28).fill({ tier: "strong" }),
      { tier: "irl" as const },
      ...Array(9).fill({ tier: "dormant" }),
      ...Array(774).fill({ tier: "card-only" }),
    ];
    expect(summarizeTiers(tiers, "connections")).toBe(
      "of your 812 connections, 38 are real relationships; 9 of them are dormant",
    );
  });
});
