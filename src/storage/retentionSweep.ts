import type { Logger } from '../logging/logger';

export interface SweepTarget {
  name: string;
  deleteOlderThan(cutoff: Date): number | Promise<number>;
}

export interface RetentionSweepOptions {
  /** Items not written for this many days are deleted. */
  days: number;
  intervalMs: number;
  now: () => Date;
  targets: SweepTarget[];
  logger: Logger;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes stored state and transcripts older than the retention period: once at start, then every
 * interval. Several instances sweeping the same store is harmless (deleting twice is a no-op).
 */
export class RetentionSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<Record<string, number>>;

  constructor(private readonly options: RetentionSweepOptions) {}

  start(): void {
    if (this.timer) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; a target that fails is logged and the others still run. Resolves with what each deleted. */
  sweep(): Promise<Record<string, number>> {
    if (!this.running) this.running = this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(): Promise<Record<string, number>> {
    const cutoff = new Date(this.options.now().getTime() - this.options.days * dayMs);
    const deleted: Record<string, number> = {};
    for (const target of this.options.targets) {
      try {
        deleted[target.name] = await target.deleteOlderThan(cutoff);
      } catch (error) {
        this.options.logger.warn('retention sweep failed', { target: target.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (Object.values(deleted).some((count) => count > 0)) {
      this.options.logger.info('retention sweep', { cutoff: cutoff.toISOString(), ...deleted });
    }
    return deleted;
  }
}
