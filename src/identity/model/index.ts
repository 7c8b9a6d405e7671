/**
 * The record-linkage engine: comparisons with levels, blocking into candidate pairs, a
 * Fellegi–Sunter model trained from the data, and clustering of accepted pairs.
 *
 * @example
 * import { train, scoreLevels } from "./model/index.js";
 * const t = train(records, comparisons, rules, { seed: 7 });
 * scoreLevels(t.model, t.levels, 0).probability;
 */
export * from "./blocking.js";
export * from "./cluster.js";
export * from "./comparison.js";
export * from "./fellegi-sunter.js";
export * from "./random.js";
