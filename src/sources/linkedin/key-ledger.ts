/**
 * The record keys already given in one LinkedIn file, kept compactly so that memory stays small
 * however long the file: a key is remembered as a 64-bit hash (`hash64`, two 32-bit
 * multiply-xor lanes over its UTF-16 code units, cross-mixed at the end) with the line it was on, in an open-addressing table of typed arrays — 12 bytes a slot, the
 * table at most half full, so 24–48 bytes a key instead of the key string itself (a
 * `linkedin:message:…` key held in a Map cost ~330 bytes).
 *
 * False positives: two different keys are taken for the same one only when their 64-bit hashes
 * collide. The hash is not cryptographic (a crafted file could force a collision, and so have a
 * row skipped as a duplicate); for keys that are not crafted it behaves like a random 64-bit
 * value, so with n keys in a file the chance that any pair collides is about n² / 2⁶⁵: ~3·10⁻⁹
 * for 300,000 messages, ~3·10⁻⁸ for a million, ~3·10⁻⁶ for ten million. Real duplicates (the
 * same key twice) are always found, with the line of the first.
 *
 * @example
 * const keys = new KeyLedger();
 * keys.claim("linkedin:connection:linkedin.com/in/ada", 5, "connection", "The connection"); // undefined
 * keys.claim("linkedin:connection:linkedin.com/in/ada", 9, "connection", "The connection");
 * // a "duplicate" skip on line 9: "The connection repeats the one on line 5."
 */
import type { SkipRecord } from "../records.js";

/** Slots of a new table (a power of two). */
const INITIAL_SLOTS = 1024;
/** Lines above this are not stored (a slot's line 0 means "unknown"). */
const MAX_LINE = 0xffff_ffff;

/**
 * Keys already given in this file, with their lines. A second row with the same key (the same
 * profile connected twice, a message repeated verbatim) is skipped as a duplicate.
 */
export class KeyLedger {
  private readonly keys = new HashSet64();
  private readonly hash = new Uint32Array(2);

  /** A duplicate skip when the key was given before, else undefined (and the key is noted). */
  claim(key: string, line: number, record: string, what: string): SkipRecord | undefined {
    hash64(key, this.hash);
    const first = this.keys.add(this.hash[0] as number, this.hash[1] as number, line);
    if (first === undefined) return undefined;
    const where = first > 0 ? `the one on line ${first}` : "an earlier one";
    return {
      type: "skip",
      reason: "duplicate",
      message: `${what} repeats ${where}.`,
      place: { line, record },
    };
  }

  /** How many distinct keys are noted. */
  get size(): number {
    return this.keys.size;
  }
}

/**
 * A 64-bit hash of a string into `out` (high half, low half). Each lane folds in a code unit by
 * xor, an odd multiplier and a rotation (different constants per lane); the length and a
 * finaliser that mixes each lane into the other make every input bit reach every output bit.
 */
export function hash64(text: string, out: Uint32Array): void {
  let a = 0x2545f491;
  let b = 0x6c8e9cf5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x9e3779b1);
    a = (a << 13) | (a >>> 19);
    b = Math.imul(b ^ c, 0x85ebca77);
    b = (b << 17) | (b >>> 15);
  }
  a ^= text.length;
  b ^= Math.imul(text.length, 0xc2b2ae3d);
  for (let round = 0; round < 2; round++) {
    a ^= b >>> 15;
    a = Math.imul(a, 0x7feb352d);
    a ^= a >>> 16;
    b ^= a >>> 13;
    b = Math.imul(b, 0x846ca68b);
    b ^= b >>> 16;
  }
  out[0] = a;
  out[1] = b;
}

/**
 * A set of 64-bit hashes (two 32-bit halves), each with a line: linear probing over parallel
 * typed arrays, doubled when half full. The all-zero hash, which marks an empty slot, is stored
 * as 1 (one more hash value sharing a slot, of no consequence).
 */
export class HashSet64 {
  private hi = new Uint32Array(INITIAL_SLOTS);
  private lo = new Uint32Array(INITIAL_SLOTS);
  private lines = new Uint32Array(INITIAL_SLOTS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Adds the hash with its line and returns undefined; when the hash is already there, leaves
   * it and returns the line it was added with (0 when that line was too large to keep).
   */
  add(hi: number, lo: number, line: number): number | undefined {
    const high = hi >>> 0;
    const low = high === 0 && lo >>> 0 === 0 ? 1 : lo >>> 0;
    const mask = this.hi.length - 1;
    for (let i = low & mask; ; i = (i + 1) & mask) {
      const h = this.hi[i] as number;
      const l = this.lo[i] as number;
      if (h === 0 && l === 0) {
        this.hi[i] = high;
        this.lo[i] = low;
        this.lines[i] = line > 0 && line <= MAX_LINE ? line : 0;
        if (++this.count * 2 > this.hi.length) this.grow();
        return undefined;
      }
      if (h === high && l === low) return this.lines[i];
    }
  }

  private grow(): void {
    const { hi, lo, lines } = this;
    const size = hi.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.lines = new Uint32Array(size);
    const mask = size - 1;
    for (let j = 0; j < hi.length; j++) {
      const h = hi[j] as number;
      const l = lo[j] as number;
      if (h === 0 && l === 0) continue;
      let i = l & mask;
      while ((this.hi[i] as number) !== 0 || (this.lo[i] as number) !== 0) i = (i + 1) & mask;
      this.hi[i] = h;
      this.lo[i] = l;
      this.lines[i] = lines[j] as number;
    }
  }
}
