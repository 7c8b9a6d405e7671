/**
 * Candidate pairs by blocking: every rule maps a record to block keys, and two records are
 * compared only when they share a key under some rule. Keys are hashed to 32 bits and
 * radix-sorted with the record number beside them, so a rule costs a few linear passes plus
 * the pairs themselves. A block larger than the rule's limit is split on the rule's `refine`
 * keys when it has them (sub-blocks within the limit are compared) and dropped otherwise.
 * Pairs are collected as (left, right·32 + rule) in typed arrays, bucketed by the left record
 * and deduplicated there, so a pair shared by several keys or rules is emitted once with a
 * mask of every rule that found it; no set of seen pairs is ever held as strings.
 *
 * @example
 * const pairs = candidatePairs(records, [
 *   { name: "dob", keys: (r) => (r.dob ? [r.dob] : []) },
 *   { name: "surname", keys: (r) => (r.surname ? [r.surname] : []) },
 * ]);
 * pairs.count; pairs.left[0]; pairs.right[0]; // record indexes, left < right
 */
import type { BlockingRule, HashSink } from "./comparison.js";

export interface CandidatePairs {
  count: number;
  left: Uint32Array;
  right: Uint32Array;
  /** Bit r set when the pair shares a (kept) block under rule r; at most 32 rules. */
  rules: Uint32Array;
  /** Pairs first produced by each rule (lowest rule bit), in rule order. */
  perRule: { rule: string; pairs: number; droppedBlocks: number }[];
}

export interface BlockingOptions {
  /** Blocks with more records than this are skipped (default 200). */
  maxBlock?: number;
}

const RECORD_BITS = 27;
const RECORD_SPACE = 2 ** RECORD_BITS;

/** Start state of `hashKey` (FNV-1a offset basis). */
export const HASH_SEED = 0x811c9dc5;

/** FNV-1a state after `s[from..to)` — hash a key in parts without building the string. */
export function hashMore(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Final mix of an FNV-1a state into the unsigned key hash. */
export function hashEnd(h: number): number {
  return (h ^ (h >>> 15)) >>> 0;
}

/** FNV-1a over UTF-16 code units, 32 bits (unsigned). */
export function hashKey(key: string): number {
  return hashEnd(hashMore(HASH_SEED, key));
}

/** Per-record hash collector: hashes of the current record, deduplicated, in a growable column. */
class RecordHashes implements HashSink {
  hashes = new Uint32Array(1024);
  start = 0;
  count = 0;
  add(hash: number): void {
    for (let p = this.start; p < this.count; p++) if (this.hashes[p] === hash) return;
    if (this.count === this.hashes.length) {
      const grown = new Uint32Array(Math.ceil(this.hashes.length * 1.5));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.count++] = hash;
  }
  /** Hashes from `keys` (strings), as `add(hashKey(k))` for each non-empty one. */
  addKeys(keys: readonly string[]): void {
    for (const k of keys) if (k) this.add(hashKey(k));
  }
}

/** Mix two 32-bit hashes into one (a block key joined with a refining key). */
export function mixHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A growable pair of Uint32 columns. */
export class U32Pairs {
  a: Uint32Array;
  b: Uint32Array;
  count = 0;
  constructor(capacity = 1024) {
    this.a = new Uint32Array(Math.max(16, capacity));
    this.b = new Uint32Array(Math.max(16, capacity));
  }
  push(x: number, y: number): void {
    if (this.count === this.a.length) {
      const size = Math.ceil(this.a.length * 1.5);
      const a = new Uint32Array(size);
      a.set(this.a);
      this.a = a;
      const b = new Uint32Array(size);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.count] = x;
    this.b[this.count] = y;
    this.count++;
  }
}

/**
 * Stable LSD radix sort of `keys[0..count)` (unsigned 32-bit) carrying `values`, 11 bits a
 * pass; returns the sorted columns (possibly the scratch arrays, not the inputs).
 */
export function radixSortByKey(
  keys: Uint32Array,
  values: Uint32Array,
  count: number,
): { keys: Uint32Array; values: Uint32Array } {
  let k = keys;
  let v = values;
  let k2: Uint32Array = new Uint32Array(count);
  let v2: Uint32Array = new Uint32Array(count);
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const d = ((k[i] as number) >>> shift) & 2047;
      counts[d] = (counts[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const key = k[i] as number;
      const d = (key >>> shift) & 2047;
      const at = counts[d] as number;
      counts[d] = at + 1;
      k2[at] = key;
      v2[at] = v[i] as number;
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return { keys: k, values: v };
}

/**
 * Unique pairs from raw emissions (`left[i]` < `right[i]`, each with a rule bit), bucketed by
 * the left record and sorted by the right one; masks of a pair's duplicates are OR-ed.
 * `n` bounds the left values.
 */
export function uniquePairs(
  left: Uint32Array,
  right: Uint32Array,
  masks: Uint32Array,
  count: number,
  n: number,
): { count: number; left: Uint32Array; right: Uint32Array; rules: Uint32Array } {
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < count; i++) {
    const a = left[i] as number;
    start[a + 1] = (start[a + 1] as number) + 1;
  }
  for (let a = 0; a < n; a++) start[a + 1] = (start[a + 1] as number) + (start[a] as number);
  const fill = start.slice(0, n);
  const rs = new Uint32Array(count);
  const ms = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const a = left[i] as number;
    const at = fill[a] as number;
    fill[a] = at + 1;
    rs[at] = right[i] as number;
    ms[at] = masks[i] as number;
  }
  // Sort each bucket by right (insertion sort: buckets are small), then merge duplicates.
  let out = 0;
  const outLeft = new Uint32Array(count);
  for (let a = 0; a < n; a++) {
    const s = start[a] as number;
    const e = start[a + 1] as number;
    for (let i = s + 1; i < e; i++) {
      const r = rs[i] as number;
      const m = ms[i] as number;
      let j = i - 1;
      while (j >= s && (rs[j] as number) > r) {
        rs[j + 1] = rs[j] as number;
        ms[j + 1] = ms[j] as number;
        j--;
      }
      rs[j + 1] = r;
      ms[j + 1] = m;
    }
    for (let i = s; i < e; i++) {
      const r = rs[i] as number;
      if (out > 0 && i > s && rs[out - 1] === r) {
        ms[out - 1] = ((ms[out - 1] as number) | (ms[i] as number)) >>> 0;
      } else {
        outLeft[out] = a;
        rs[out] = r;
        ms[out] = ms[i] as number;
        out++;
      }
    }
  }
  return {
    count: out,
    left: outLeft.slice(0, out),
    right: rs.slice(0, out),
    rules: ms.slice(0, out),
  };
}

/** Hashes of one rule's keys (or refining keys) for record `i` into `sink`. */
function hashesOf<R>(rule: BlockingRule<R>, record: R, sink: RecordHashes, refine: boolean): void {
  if (refine) {
    if (rule.hashRefine) rule.hashRefine(record, sink);
    else if (rule.refine) sink.addKeys(rule.refine(record));
  } else if (rule.hashKeys) rule.hashKeys(record, sink);
  else sink.addKeys(rule.keys(record));
}

/** (hash, record) entries of one rule's keys, sorted by hash then record. */
function sortedEntries<R>(
  records: readonly R[],
  rule: BlockingRule<R>,
): { keys: Uint32Array; values: Uint32Array; count: number } {
  const n = records.length;
  const sink = new RecordHashes();
  sink.hashes = new Uint32Array(Math.max(1024, n * 2));
  let owners = new Uint32Array(sink.hashes.length);
  for (let i = 0; i < n; i++) {
    sink.start = sink.count;
    hashesOf(rule, records[i] as R, sink, false);
    if (owners.length < sink.hashes.length) {
      const grown = new Uint32Array(sink.hashes.length);
      grown.set(owners);
      owners = grown;
    }
    owners.fill(i, sink.start, sink.count);
  }
  const sorted = radixSortByKey(sink.hashes, owners, sink.count);
  return { ...sorted, count: sink.count };
}

/** All pairs (left < right) sharing a block under at least one rule, each once. */
export function candidatePairs<R>(
  records: readonly R[],
  rules: readonly BlockingRule<R>[],
  options: BlockingOptions = {},
): CandidatePairs {
  const n = records.length;
  if (n >= RECORD_SPACE)
    throw new RangeError(`blocking supports fewer than ${RECORD_SPACE} records`);
  if (rules.length > 32) throw new RangeError("blocking supports at most 32 rules");
  const maxBlock = options.maxBlock ?? 200;
  const raw = new U32Pairs(n * 4);
  let rawMasks = new Uint32Array(raw.a.length);
  const emit = (x: number, y: number, mask: number) => {
    raw.push(x, y);
    if (rawMasks.length < raw.a.length) {
      const grown = new Uint32Array(raw.a.length);
      grown.set(rawMasks);
      rawMasks = grown;
    }
    rawMasks[raw.count - 1] = mask;
  };
  const emitRuns = (
    keys: Uint32Array,
    values: Uint32Array,
    count: number,
    limit: number,
    mask: number,
    oversized?: (s: number, e: number) => void,
  ): number => {
    let dropped = 0;
    for (let s = 0; s < count; ) {
      const h = keys[s] as number;
      let e = s + 1;
      while (e < count && keys[e] === h) e++;
      if (e - s <= limit) {
        for (let x = s; x < e; x++) {
          const a = values[x] as number;
          for (let y = x + 1; y < e; y++) {
            const b = values[y] as number;
            if (a < b) emit(a, b, mask);
            else if (b < a) emit(b, a, mask);
          }
        }
      } else if (oversized) oversized(s, e);
      else dropped++;
      s = e;
    }
    return dropped;
  };
  const dropped: number[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as BlockingRule<R>;
    const limit = rule.maxBlock ?? maxBlock;
    const mask = (1 << r) >>> 0;
    const { keys, values, count } = sortedEntries(records, rule);
    if (!rule.refine && !rule.hashRefine) {
      dropped.push(emitRuns(keys, values, count, limit, mask));
      continue;
    }
    // Members of oversized blocks get their refining hashes once, in one flat column.
    const needs = new Uint8Array(n);
    emitRuns(keys, values, count, limit, mask, (s, e) => {
      for (let x = s; x < e; x++) needs[values[x] as number] = 1;
    });
    const refineStart = new Uint32Array(n + 1);
    const sink = new RecordHashes();
    for (let i = 0; i < n; i++) {
      sink.start = sink.count;
      if (needs[i]) hashesOf(rule, records[i] as R, sink, true);
      refineStart[i + 1] = sink.count;
    }
    const refined = sink.hashes;
    let subCount = 0;
    for (let s = 0; s < count; ) {
      let e = s + 1;
      while (e < count && keys[e] === keys[s]) e++;
      if (e - s > limit)
        for (let x = s; x < e; x++) {
          const i = values[x] as number;
          subCount += (refineStart[i + 1] as number) - (refineStart[i] as number);
        }
      s = e;
    }
    const subKeys = new Uint32Array(subCount);
    const subValues = new Uint32Array(subCount);
    let at = 0;
    for (let s = 0; s < count; ) {
      const h = keys[s] as number;
      let e = s + 1;
      while (e < count && keys[e] === h) e++;
      if (e - s > limit)
        for (let x = s; x < e; x++) {
          const i = values[x] as number;
          const end = refineStart[i + 1] as number;
          for (let q = refineStart[i] as number; q < end; q++) {
            subKeys[at] = mixHash(h, refined[q] as number);
            subValues[at++] = i;
          }
        }
      s = e;
    }
    const sorted = radixSortByKey(subKeys, subValues, subCount);
    dropped.push(emitRuns(sorted.keys, sorted.values, subCount, limit, mask));
  }
  const unique = uniquePairs(raw.a, raw.b, rawMasks, raw.count, n);
  const perRule = rules.map((rule, r) => ({
    rule: rule.name,
    pairs: 0,
    droppedBlocks: dropped[r] ?? 0,
  }));
  for (let p = 0; p < unique.count; p++) {
    const m = unique.rules[p] as number;
    const low = 31 - Math.clz32(m & -m);
    const entry = perRule[low];
    if (entry) entry.pairs++;
  }
  return { ...unique, perRule };
}
