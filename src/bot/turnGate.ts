import type { Middleware, TurnContext } from 'botbuilder';
import { KeyedQueue } from './keyedQueue';
import { Outbox } from './outbox';

/**
 * The first middleware of every turn: turns for one customer run one at a time inside this process
 * (two messages arriving at once, or a channel's retry, wait for the turn before them and then see
 * its saved state), and the turn's outbox is attached before anything else can send.
 */
export class TurnGate implements Middleware {
  private readonly queue = new KeyedQueue();

  constructor(private readonly customerKey: (context: TurnContext) => string) {}

  get busyCustomers(): number {
    return this.queue.busyKeys;
  }

  /** Turns for this customer running or waiting their turn. */
  queuedFor(customerKey: string): number {
    return this.queue.pending(customerKey);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const outbox = Outbox.of(context);
    const turn = async () => {
      try {
        await next();
      } finally {
        // A turn that threw leaves nothing held: the error reply goes out alone.
        outbox.discard();
      }
    };
    const key = this.keyOf(context);
    return key ? this.queue.run(key, turn) : turn();
  }

  private keyOf(context: TurnContext): string | undefined {
    try {
      return this.customerKey(context);
    } catch {
      return undefined;
    }
  }
}
