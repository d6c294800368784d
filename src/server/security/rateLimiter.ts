/** Milliseconds since some fixed point; injectable so tests can move time. */
export type Clock = () => number;

export interface RateLimitOptions {
  /** Activities allowed per window (also the burst size). 0 turns the limit off. */
  limit: number;
  windowMs: number;
  clock?: Clock;
  /** Keys remembered at most; the least recently seen are forgotten first. */
  maxKeys?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key (a conversation, a client address): `limit` requests at once, refilled
 * evenly over the window, so a customer who pauses gets their allowance back gradually. Memory is
 * bounded by maxKeys, so a caller inventing keys cannot grow it without end.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly maxKeys: number;
  private readonly perMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.clock = options.clock ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.perMs = options.limit / options.windowMs;
  }

  get enabled(): boolean {
    return this.options.limit > 0;
  }

  /** Takes one request's allowance for the key, or says how long to wait. */
  take(key: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Gives back an allowance taken for a request that was refused by another limit. */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.options.limit, bucket.tokens + 1);
  }

  private refilled(key: string): Bucket {
    const now = this.clock();
    const existing = this.buckets.get(key);
    // Re-inserting keeps the map in least-recently-seen order for eviction.
    if (existing) this.buckets.delete(key);
    const bucket = existing ?? { tokens: this.options.limit, updatedAt: now };
    bucket.tokens = Math.min(this.options.limit, bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
    return bucket;
  }
}
