import type { Logger } from '../logging/logger';
import { isStorageUnavailable } from '../storage/storageErrors';
import type { ReceivedTimer, Timer, TimerQueue } from './timerQueue';

/** Acts on due timers of one kind; resolves with how many messages it sent. */
export interface TimerHandler {
  handle(timer: Timer): Promise<number>;
}

// Per receive (Azure's largest batch), and receives per tick: a tick ends even if timers keep coming.
const batchSize = 32;
const maxBatchesPerTick = 50;

/**
 * Each instance's side of the timer queue: receives what is due, hands each timer to the handler of its
 * kind, and completes it. A timer whose handler could not reach the state store is left claimed: it comes
 * back when the claim runs out (here or on another instance). Any other failure is the handler's to report;
 * the timer is completed, so nothing is tried forever. Ticks never overlap.
 */
export class TimerDispatch {
  private readonly handlers = new Map<string, TimerHandler>();
  private ticking: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly queue: TimerQueue,
    private readonly logger: Logger,
  ) {}

  register(kind: string, handler: TimerHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Handles every timer due now; resolves with how many messages were sent. */
  tick(): Promise<number> {
    const run = this.ticking.catch(() => 0).then(() => this.runDue());
    this.ticking = run;
    return run;
  }

  private async runDue(): Promise<number> {
    let sent = 0;
    for (let batch = 0; batch < maxBatchesPerTick; batch++) {
      const received = await this.queue.receiveDue(batchSize);
      if (received.length === 0) break;
      // A batch's timers are for different customers (or harmless twins): they run side by side.
      const counts = await Promise.all(received.map((item) => this.handleOne(item)));
      sent += counts.reduce((sum, count) => sum + count, 0);
    }
    return sent;
  }

  private async handleOne(received: ReceivedTimer): Promise<number> {
    const { timer } = received;
    const handler = timer && this.handlers.get(timer.kind);
    if (!timer || !handler) {
      this.logger.warn('timer dropped: not one this version handles', { kind: timer?.kind });
      await this.queue.complete(received);
      return 0;
    }
    let sent = 0;
    try {
      sent = await handler.handle(timer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isStorageUnavailable(error)) {
        this.logger.warn('timer deferred: storage unavailable', { kind: timer.kind, error: message });
        return 0;
      }
      this.logger.warn('timer failed', { kind: timer.kind, conversationId: timer.customer.conversation?.id, error: message });
    }
    await this.queue.complete(received);
    return sent;
  }
}
