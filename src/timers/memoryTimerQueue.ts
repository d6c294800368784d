import { randomUUID } from 'node:crypto';
import type { ReceivedTimer, Timer, TimerQueue } from './timerQueue';

interface Entry {
  timer: Timer;
  /** When it can be received (ms): its due time, or the end of its claim. */
  visibleAt: number;
  receipt?: string;
}

/** The pending timers of one in-memory store: they live and go with it (STORAGE=memory, tests). */
export type MemoryTimers = Map<string, Entry>;

const byStore = new WeakMap<object, MemoryTimers>();

/** The timers kept beside `store`: a second app on the same store (a restart in tests) finds them. */
export function memoryTimersOf(store: object): MemoryTimers {
  let timers = byStore.get(store);
  if (!timers) byStore.set(store, (timers = new Map()));
  return timers;
}

/** The timer queue in this process's memory, on the app's clock. */
export class MemoryTimerQueue implements TimerQueue {
  constructor(
    private readonly entries: MemoryTimers,
    private readonly now: () => number,
    private readonly claimMs: number,
  ) {}

  async schedule(timer: Timer): Promise<void> {
    this.entries.set(randomUUID(), { timer: { ...timer }, visibleAt: Date.parse(timer.dueAt) });
  }

  async receiveDue(max: number): Promise<ReceivedTimer[]> {
    const now = this.now();
    const due = [...this.entries.entries()]
      .filter(([, entry]) => entry.visibleAt <= now)
      .sort(([, a], [, b]) => a.visibleAt - b.visibleAt)
      .slice(0, max);
    return due.map(([key, entry]) => {
      entry.visibleAt = now + this.claimMs;
      entry.receipt = `${key} ${randomUUID()}`;
      return { timer: { ...entry.timer }, receipt: entry.receipt };
    });
  }

  async complete(received: ReceivedTimer): Promise<void> {
    const key = received.receipt.split(' ')[0];
    if (this.entries.get(key)?.receipt === received.receipt) this.entries.delete(key);
  }

  async forgetCustomer(customerKey: string): Promise<void> {
    for (const [key, entry] of this.entries) if (entry.timer.customerKey === customerKey) this.entries.delete(key);
  }

  /** The customer's pending timers, earliest first (tests). */
  pending(customerKey?: string): Timer[] {
    return [...this.entries.values()]
      .filter((entry) => customerKey === undefined || entry.timer.customerKey === customerKey)
      .sort((a, b) => a.visibleAt - b.visibleAt)
      .map((entry) => ({ ...entry.timer }));
  }
}
