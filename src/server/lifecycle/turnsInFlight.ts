import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Counts the turns running now (customer messages, streaming, proactive check-ins: every turn passes
 * the adapter's middleware), so a shutdown can wait for them.
 */
export class TurnsInFlight implements Middleware {
  private running = 0;
  private waiters: (() => void)[] = [];

  get count(): number {
    return this.running;
  }

  async onTurn(_context: TurnContext, next: () => Promise<void>): Promise<void> {
    this.running += 1;
    try {
      await next();
    } finally {
      this.running -= 1;
      if (this.running === 0) this.waiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Resolves true once no turn is running, or false when `limitMs` passes first. */
  settled(limitMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, limitMs);
      this.waiters.push(wake);
    });
  }
}
