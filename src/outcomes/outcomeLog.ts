import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { DurableStorage } from '../storage/guardedWrite';
import type { OutcomeEvent, OutcomeSink } from './events';

/** Batches are stored under one prefix per UTC day, so a period is read by listing its days. */
export const outcomesPrefix = 'stepwise/outcomes/';

const dayMs = 24 * 60 * 60 * 1000;
// A batch is read back with its events; the store's documents stay small (about 150 bytes an event).
const maxEventsPerBatch = 500;
// Kept in memory while the store cannot be written; beyond this the oldest are dropped (and logged).
const maxBuffered = 20_000;
const readChunk = 50;

export interface OutcomeLogOptions {
  storage: DurableStorage;
  now: () => Date;
  logger: Logger;
  /** How often buffered events are written; 0: only by flush() (tests) and close(). */
  flushMs: number;
}

interface StoredBatch {
  events: OutcomeEvent[];
}

export function dayOf(time: Date | string): string {
  return (typeof time === 'string' ? time : time.toISOString()).slice(0, 10);
}

/**
 * The outcome events in the state store: buffered in the process and written as one document per batch
 * (`stepwise/outcomes/{day}/{time}-{instance}-{n}`) every flush interval, never within a customer's turn, so a
 * turn costs the store nothing more. The retention sweep deletes batches with the rest of the state.
 */
export class OutcomeLog implements OutcomeSink {
  private buffer: OutcomeEvent[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly instance = randomBytes(4).toString('hex');
  private sequence = 0;

  constructor(private readonly options: OutcomeLogOptions) {}

  accept(events: readonly OutcomeEvent[]): void {
    this.buffer.push(...events);
    if (this.buffer.length > maxBuffered) {
      const dropped = this.buffer.splice(0, this.buffer.length - maxBuffered).length;
      this.options.logger.warn('outcome events dropped', { dropped });
    }
  }

  start(): void {
    if (this.timer || this.options.flushMs <= 0) return;
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Writes what is buffered; events a failed write held are kept for the next flush. */
  flush(): Promise<void> {
    this.flushing ??= this.writeBuffered().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** The events from `from` to `to` (inclusive, by their time), stored by any instance or still buffered here. */
  async read(from: Date, to: Date): Promise<OutcomeEvent[]> {
    const { storage } = this.options;
    const keys: string[] = [];
    // A batch is filed under the day it was written: one written just after midnight holds events of the day before.
    for (let day = Date.parse(dayOf(from)); day <= to.getTime() + dayMs; day += dayMs) {
      keys.push(...(await storage.list(`${outcomesPrefix}${dayOf(new Date(day))}/`)));
    }
    const events: OutcomeEvent[] = [];
    for (let i = 0; i < keys.length; i += readChunk) {
      const batches = await storage.read(keys.slice(i, i + readChunk));
      for (const batch of Object.values(batches) as StoredBatch[]) events.push(...(batch.events ?? []));
    }
    events.push(...this.buffer);
    const [start, end] = [from.toISOString(), to.toISOString()];
    return events.filter((event) => event.at >= start && event.at <= end).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  private async writeBuffered(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, maxEventsPerBatch);
      const now = this.options.now();
      const key = `${outcomesPrefix}${dayOf(now)}/${now.toISOString().replace(/[-:.]/g, '')}-${this.instance}-${this.sequence++}`;
      try {
        await this.options.storage.writeGuarded([{ key, item: { events: batch } satisfies StoredBatch, condition: { kind: 'absent' } }]);
      } catch (error) {
        this.options.logger.warn('outcome events not yet stored', { events: batch.length, error: error instanceof Error ? error.message : String(error) });
        return;
      }
      this.buffer.splice(0, batch.length);
    }
  }
}
