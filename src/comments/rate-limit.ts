/**
 * Per-key token buckets in memory: `burst` requests at once, then one more every `perMs`.
 * Used per client IP address for everything that writes (comments, edits, logins). State is
 * pruned as it goes, so a flood of distinct addresses cannot grow it without bound.
 *
 * @example
 * const limit = new RateLimiter({ burst: 5, perMs: 60_000 }, () => Date.now());
 * if (!limit.take("203.0.113.9")) return c.text("Too many requests", 429);
 */

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: { burst: number; perMs: number },
    private readonly now: () => number,
  ) {}

  /** True when `key` may go ahead (and a token is spent); false when it must wait. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.rule.burst, at: now };
    const refill = (now - bucket.at) / this.rule.perMs;
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + refill);
    bucket.at = now;
    if (this.buckets.size >= MAX_KEYS && !this.buckets.has(key)) this.prune(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until `key` may go again (for Retry-After). */
  retryAfter(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil(((1 - bucket.tokens) * this.rule.perMs) / 1000);
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) / this.rule.perMs >= this.rule.burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_KEYS) this.buckets.clear();
  }
}
