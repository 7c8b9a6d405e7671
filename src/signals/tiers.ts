/**
 * Tiers a person understands, each with its reason: "irl" (strong, reciprocal, met or ready to
 * meet, or pinned), "strong", "growing", "dormant" (was strong, now silent far beyond its own
 * usual gap), "one-way" (only inbound or only outbound, ever) and "card-only" (a contact, a card,
 * a connection, and no interaction). A user's override tier wins; pinned means irl.
 *
 * @example
 * const tie = tieStrength(events, Date.now(), { contactKinds: ["connection"] });
 * assignTier(tie)                      // { tier: "strong", reason: "…" }
 * assignTier(tie, { pinned: true })    // { tier: "irl", reason: "you pinned this person" }
 * summarizeTiers(assignments, "connections")
 * // "of your 812 connections, 37 are real relationships; 9 of them are dormant"
 */
import { DAY, duration } from "./phrases.js";
import { isReciprocal, overdueRatio, type TieStrength } from "./strength.js";

export const TIERS = ["irl", "strong", "growing", "dormant", "one-way", "card-only"] as const;
export type Tier = (typeof TIERS)[number];

export interface TierOverride {
  pinned?: boolean;
  tier?: Tier;
  /** Until then (ms since the epoch) a quiet tie is not called dormant. */
  snoozedUntil?: number;
}

export interface TierAssignment {
  tier: Tier;
  reason: string;
}

/** Score thresholds; a tie must also be reciprocal to be irl or strong. */
export const TIER_THRESHOLDS = { irl: 0.8, strong: 0.55, wasStrongExchanges: 8, dormantGaps: 4 };

/** Tiers counted as real relationships in the summary. */
const REAL: ReadonlySet<Tier> = new Set(["irl", "strong", "dormant"]);

export function assignTier(
  tie: TieStrength,
  override: TierOverride = {},
  now = Date.now(),
): TierAssignment {
  if (override.tier)
    return { tier: override.tier, reason: `you put this person in "${override.tier}"` };
  if (override.pinned) return { tier: "irl", reason: "you pinned this person to your IRL group" };
  const f = tie.features;
  const written = f.dialogIn + f.dialogOut + f.meetings;
  if (f.events === 0 || (written === 0 && f.light === 0 && f.sharedEvents === 0)) {
    const kinds = f.contactKinds.length ? f.contactKinds.join(", ") : "a contact";
    return { tier: "card-only", reason: `${kinds}, and no interaction` };
  }
  const reciprocal = isReciprocal(f);
  if (!reciprocal && f.sharedEvents === 0) {
    const reason =
      f.dialogOut > 0
        ? "only you ever wrote"
        : f.dialogIn > 0
          ? "only they ever wrote; you never answered"
          : "only likes, follows or requests, never a word";
    return { tier: "one-way", reason };
  }
  const overdue = overdueRatio(f);
  const exchanges = f.dialogIn + f.dialogOut + f.meetings * 3;
  const wasStrong =
    reciprocal && exchanges >= TIER_THRESHOLDS.wasStrongExchanges && f.sessions >= 4;
  const quiet = overdue !== undefined && overdue >= TIER_THRESHOLDS.dormantGaps;
  if (wasStrong && quiet && (f.silenceDays ?? 0) >= 14) {
    const silence = duration((f.silenceDays ?? 0) * DAY);
    const usual = duration((f.usualGapDays ?? 0) * DAY);
    if (override.snoozedUntil !== undefined && now < override.snoozedUntil) {
      return { tier: "strong", reason: `quiet for ${silence}, but you snoozed it` };
    }
    return {
      tier: "dormant",
      reason: `${exchanges} exchanges, usually every ${usual}; silent for ${silence}`,
    };
  }
  const met = f.meetings > 0 || f.sharedEvents > 0;
  if (reciprocal && tie.score >= TIER_THRESHOLDS.irl) {
    return {
      tier: "irl",
      reason: met
        ? "a strong, two-way tie and you have met"
        : "a strong, two-way tie: ready to meet",
    };
  }
  if (reciprocal && tie.score >= TIER_THRESHOLDS.strong) {
    return { tier: "strong", reason: "a two-way tie with regular exchanges" };
  }
  return { tier: "growing", reason: "two-way, but still light or occasional" };
}

/**
 * One sentence over many assignments. `noun` names what was counted ("connections",
 * "contacts", "people").
 */
export function summarizeTiers(assignments: Iterable<{ tier: Tier }>, noun = "contacts"): string {
  const counts = countTiers(assignments);
  const total = TIERS.reduce((sum, t) => sum + counts[t], 0);
  const real = TIERS.filter((t) => REAL.has(t)).reduce((sum, t) => sum + counts[t], 0);
  const verb = real === 1 ? "is a real relationship" : "are real relationships";
  let sentence = `of your ${total} ${noun}, ${real} ${verb}`;
  if (real > 0)
    sentence += `; ${counts.dormant} of them ${counts.dormant === 1 ? "is" : "are"} dormant`;
  return sentence;
}

export function countTiers(assignments: Iterable<{ tier: Tier }>): Record<Tier, number> {
  const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  for (const a of assignments) counts[a.tier]++;
  return counts;
}
