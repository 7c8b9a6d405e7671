/**
 * Candidate pairs by blocking: every rule maps a record to block keys, and two records are
 * compared only when they share a key under some rule. Keys are hashed to 30 bits and sorted
 * with the record number packed beside them, so the work is one sort per rule plus the pairs
 * themselves; blocks larger than `maxBlock` are dropped (they would be quadratic and say
 * little). A pair shared by several keys or rules is emitted once — at the first rule, and
 * within it the smallest key, they share — so no set of seen pairs is ever held in memory.
 *
 * @example
 * const pairs = candidatePairs(records, [
 *   { name: "dob", keys: (r) => (r.dob ? [r.dob] : []) },
 *   { name: "surname", keys: (r) => (r.surname ? [r.surname] : []) },
 * ]);
 * pairs.count; pairs.left[0]; pairs.right[0]; // record indexes, left < right
 */
import type { BlockingRule } from "./comparison.js";

export interface CandidatePairs {
  count: number;
  left: Uint32Array;
  right: Uint32Array;
  /** Bit r set when the pair shares a (kept) block under rule r; at most 32 rules. */
  rules: Uint32Array;
  /** Pairs first produced by each rule, in rule order. */
  perRule: { rule: string; pairs: number; droppedBlocks: number }[];
}

export interface BlockingOptions {
  /** Blocks with more records than this are skipped (default 200). */
  maxBlock?: number;
}

const HASH_BITS = 30;
const RECORD_BITS = 23;
const RECORD_SPACE = 2 ** RECORD_BITS;

/** FNV-1a over UTF-16 code units, folded to 30 bits. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> HASH_BITS)) & ((1 << HASH_BITS) - 1);
}

/** Per-record key hashes of one rule, flat. */
interface RuleKeys {
  offsets: Int32Array;
  hashes: Uint32Array;
  oversized: Set<number>;
}

function keysOfRule<R>(records: readonly R[], rule: BlockingRule<R>): RuleKeys {
  const n = records.length;
  const offsets = new Int32Array(n + 1);
  let hashes = new Uint32Array(Math.max(16, n * 2));
  let used = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = used;
    const keys = rule.keys(records[i] as R);
    for (const k of keys) {
      if (!k) continue;
      const h = hashKey(k);
      let dup = false;
      for (let p = offsets[i] as number; p < used; p++) if (hashes[p] === h) dup = true;
      if (dup) continue;
      if (used === hashes.length) {
        const grown = new Uint32Array(hashes.length * 2);
        grown.set(hashes);
        hashes = grown;
      }
      hashes[used++] = h;
    }
  }
  offsets[n] = used;
  return { offsets, hashes: hashes.subarray(0, used), oversized: new Set() };
}

function shareKey(k: RuleKeys, x: number, y: number, below: number): boolean {
  const xs = k.offsets[x] as number;
  const xe = k.offsets[x + 1] as number;
  const ys = k.offsets[y] as number;
  const ye = k.offsets[y + 1] as number;
  for (let p = xs; p < xe; p++) {
    const h = k.hashes[p] as number;
    if (h >= below || k.oversized.has(h)) continue;
    for (let q = ys; q < ye; q++) if (k.hashes[q] === h) return true;
  }
  return false;
}

class PairBuffer {
  left = new Uint32Array(1024);
  right = new Uint32Array(1024);
  rules = new Uint32Array(1024);
  count = 0;
  push(a: number, b: number, mask: number): void {
    if (this.count === this.left.length) {
      const grow = (x: Uint32Array) => {
        const y = new Uint32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
      this.rules = grow(this.rules);
    }
    this.left[this.count] = a;
    this.right[this.count] = b;
    this.rules[this.count] = mask;
    this.count++;
  }
}

function sortedEntries(keys: RuleKeys, n: number): Float64Array {
  const packed = new Float64Array(keys.hashes.length);
  for (let i = 0; i < n; i++) {
    for (let p = keys.offsets[i] as number; p < (keys.offsets[i + 1] as number); p++) {
      packed[p] = (keys.hashes[p] as number) * RECORD_SPACE + i;
    }
  }
  return packed.sort();
}

function markOversized(keys: RuleKeys, packed: Float64Array, maxBlock: number): void {
  const m = packed.length;
  for (let s = 0; s < m; ) {
    const h = Math.floor((packed[s] as number) / RECORD_SPACE);
    let e = s + 1;
    while (e < m && Math.floor((packed[e] as number) / RECORD_SPACE) === h) e++;
    if (e - s > maxBlock) keys.oversized.add(h);
    s = e;
  }
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
  const maxBlock = options.maxBlock ?? 200;
  const out = new PairBuffer();
  const perRule: CandidatePairs["perRule"] = [];
  if (rules.length > 32) throw new RangeError("blocking supports at most 32 rules");
  const ruleKeys = rules.map((rule) => keysOfRule(records, rule));
  const limits = rules.map((rule) => rule.maxBlock ?? maxBlock);
  const sorted = ruleKeys.map((keys, r) => {
    const packed = sortedEntries(keys, n);
    markOversized(keys, packed, limits[r] as number);
    return packed;
  });
  for (let r = 0; r < rules.length; r++) {
    const keys = ruleKeys[r] as RuleKeys;
    const packed = sorted[r] as Float64Array;
    sorted[r] = new Float64Array(0);
    const m = packed.length;
    const before = out.count;
    for (let s = 0; s < m; ) {
      const h = Math.floor((packed[s] as number) / RECORD_SPACE);
      let e = s + 1;
      while (e < m && Math.floor((packed[e] as number) / RECORD_SPACE) === h) e++;
      if (e - s <= (limits[r] as number)) {
        for (let x = s; x < e; x++) {
          const a = (packed[x] as number) - h * RECORD_SPACE;
          for (let y = x + 1; y < e; y++) {
            const b = (packed[y] as number) - h * RECORD_SPACE;
            if (shareKey(keys, a, b, h)) continue;
            let earlier = false;
            for (let q = 0; q < r && !earlier; q++) {
              earlier = shareKey(ruleKeys[q] as RuleKeys, a, b, Number.POSITIVE_INFINITY);
            }
            if (earlier) continue;
            let mask = 1 << r;
            for (let q = r + 1; q < rules.length; q++) {
              if (shareKey(ruleKeys[q] as RuleKeys, a, b, Number.POSITIVE_INFINITY)) mask |= 1 << q;
            }
            out.push(a, b, mask >>> 0);
          }
        }
      }
      s = e;
    }
    perRule.push({
      rule: (rules[r] as BlockingRule<R>).name,
      pairs: out.count - before,
      droppedBlocks: keys.oversized.size,
    });
  }
  return {
    count: out.count,
    left: out.left.subarray(0, out.count),
    right: out.right.subarray(0, out.count),
    rules: out.rules.subarray(0, out.count),
    perRule,
  };
}
