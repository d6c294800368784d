/**
 * When to try a failing operation again: after each failure the wait doubles, from `initialMs` up to
 * `maxMs`; a success resets it. Knows nothing about what is being retried.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  now?: () => number;
}

export class Backoff {
  private failures = 0;
  private firstFailureAt?: number;
  private retryAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.now = options.now ?? Date.now;
  }

  /** False while waiting after a failure. */
  canTry(): boolean {
    return this.now() >= this.retryAt;
  }

  failed(): void {
    const now = this.now();
    this.failures += 1;
    this.firstFailureAt ??= now;
    const delay = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.failures - 1, 30));
    this.retryAt = now + delay;
  }

  succeeded(): void {
    this.failures = 0;
    this.firstFailureAt = undefined;
    this.retryAt = 0;
  }

  /** Since when it has been failing (undefined after a success or before any attempt). */
  failingSince(): Date | undefined {
    return this.firstFailureAt === undefined ? undefined : new Date(this.firstFailureAt);
  }

  nextAttemptAt(): Date {
    return new Date(this.retryAt);
  }
}
