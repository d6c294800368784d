import type { ConversationReference } from 'botbuilder';

/**
 * A due event for one customer: "at `dueAt`, look at this customer for `kind`". The queue only says when
 * to look; the customer's stored progress decides what (if anything) is done, so a timer that comes early,
 * late, twice or after the customer moved on is harmless. A new kind of timer (e.g. wait-time
 * announcements) is a new `kind` and a handler registered with TimerDispatch.
 */
export interface Timer {
  /** Which handler acts on it: 'silence' (check-in, then the offer of a technician). */
  kind: string;
  /** Tells this timer from the customer's others: their progress names the one it relies on. */
  id: string;
  /** The customer's state key (CustomerState.storageKey). */
  customerKey: string;
  /** Where a message goes, if one is due. */
  customer: Partial<ConversationReference>;
  /** When it becomes receivable (ISO time). */
  dueAt: string;
}

/** A timer claimed by this instance: no other instance receives it until the claim runs out. */
export interface ReceivedTimer {
  /** Undefined when the stored message could not be read as a timer (it is completed and dropped). */
  timer?: Timer;
  /** What complete() needs to remove it (opaque, backend-specific). */
  receipt: string;
}

/**
 * Delayed messages shared by every instance: Azure Queue Storage (STORAGE=blob), a table in the SQLite
 * file, or memory. Delivery is at least once: a received timer that is not completed within the claim
 * (the instance died) becomes receivable again, for any instance.
 */
export interface TimerQueue {
  /** Makes `timer` receivable at its dueAt. */
  schedule(timer: Timer): Promise<void>;
  /** Claims up to `max` receivable timers (for the claim time); empty when none is due. */
  receiveDue(max: number): Promise<ReceivedTimer[]>;
  /** Removes a received timer for good; one already gone (its claim ran out and another took it) is ignored. */
  complete(received: ReceivedTimer): Promise<void>;
  /**
   * "Forget me": removes the customer's pending timers where the backend can find them by customer
   * (memory, SQLite). Azure's queue cannot be searched: its timers stay until due, then find no
   * progress and are completed without a message.
   */
  forgetCustomer(customerKey: string): Promise<void>;
  /** At start-up, where the queue is a service: creates it if need be; rejects with a one-line reason when it cannot be used. */
  ready?(): Promise<void>;
  /** The health check, where the queue is a service apart from the store: one cheap request; rejects when it cannot be reached. */
  probe?(): Promise<void>;
}

export function encodeTimer(timer: Timer): string {
  const { kind, id, customerKey, customer, dueAt } = timer;
  return JSON.stringify({ kind, id, customerKey, customer, dueAt });
}

/** The timer in a stored message, or undefined when it is not one (a foreign or damaged message). */
export function decodeTimer(text: string): Timer | undefined {
  try {
    const value = JSON.parse(text) as Partial<Timer>;
    const strings = [value.kind, value.id, value.customerKey, value.dueAt].every((field) => typeof field === 'string' && field.length > 0);
    if (!strings || Number.isNaN(Date.parse(value.dueAt!)) || typeof value.customer !== 'object' || value.customer === null) return undefined;
    return value as Timer;
  } catch {
    return undefined;
  }
}
