/**
 * What the linkage engine compares: a `Comparison` turns two records into a level — 0 when
 * either side is missing the data, then 1 for the strongest agreement down to the last level
 * for "different" — with a plain-word description per level for explanations.
 *
 * @example
 * const surname: Comparison<{ surname: string }> = {
 *   name: "surname",
 *   levels: ["surname missing", "same surname", "similar surname", "different surname"],
 *   compare: (a, b) => (!a.surname || !b.surname ? 0 : a.surname === b.surname ? 1 : 3),
 * };
 */

export interface Comparison<R> {
  /** Short identifier ("surname", "email"). */
  name: string;
  /** Plain-word description of each level; index 0 is the null level (data missing). */
  levels: readonly string[];
  /** Level of agreement between two records: 0 = missing, 1 = strongest … last = different. */
  compare(a: R, b: R): number;
  /** Optional sentence naming the values for one pair ("same name 'Ada Lovelace'"). */
  explain?(a: R, b: R, level: number): string;
}

/**
 * Receives the key hashes of one record (`BlockingRule.hashKeys`); repeats are ignored.
 * `add(hashKey(k))` for each key `k` gives the same blocks as returning the keys.
 */
export interface HashSink {
  add(hash: number): void;
}

/** A function of a record giving the keys of the blocks it belongs to. */
export interface BlockingRule<R> {
  name: string;
  keys(record: R): readonly string[];
  /**
   * Names of the comparisons this rule's keys depend on. Pairs found by the rule agree on
   * those more than chance would, so EM over the rule's pairs leaves them out (as Splink does).
   */
  uses?: readonly string[];
  /** Largest block of this rule still compared (overrides the blocking-wide maximum). */
  maxBlock?: number;
  /**
   * Secondary keys that split a block too big to compare whole (a common name): members of an
   * oversized block are re-blocked on the block key joined with each of these, and only the
   * sub-blocks within the limit are compared. Without it oversized blocks are dropped.
   */
  refine?(record: R): readonly string[];
  /**
   * Optional allocation-free form of `keys`: `sink.add(hashKey(k))` for every key `k` (see
   * blocking.ts `hashMore`/`hashEnd` to hash a key in parts). Batch blocking prefers it.
   */
  hashKeys?(record: R, sink: HashSink): void;
  /** Optional allocation-free form of `refine`, as `hashKeys` is of `keys`. */
  hashRefine?(record: R, sink: HashSink): void;
}

/** Most levels one comparison may have (null level included); levels are packed 4 bits each. */
export const MAX_LEVELS = 16;
