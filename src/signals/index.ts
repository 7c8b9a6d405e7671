/**
 * Signals computed from the graph: tie strength (with reasons) and tiers.
 *
 * @example
 * import { assignTier, tieStrength } from "./signals/index.js";
 * const tie = tieStrength(events, Date.now());
 * const { tier, reason } = assignTier(tie);
 */
export { channelProfile, HALF_LIFE_DAYS } from "./channels.js";
export {
  explain,
  STRENGTH_WEIGHTS,
  scoreOf,
  scoreTerms,
  TieAccumulator,
  type TieContext,
  type TieEvent,
  type TieFeatures,
  type TieStrength,
  tieStrength,
} from "./strength.js";
export {
  assignTier,
  countTiers,
  summarizeTiers,
  TIERS,
  type Tier,
  type TierAssignment,
  type TierOverride,
} from "./tiers.js";
