/**
 * Runs work for the same key one at a time, in arrival order; different keys run side by side.
 * Keys with nothing queued are forgotten, so the map only holds customers in the middle of a turn.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly counts = new Map<string, number>();

  /** Keys with work running or waiting (for tests and diagnostics). */
  get busyKeys(): number {
    return this.tails.size;
  }

  /** How many runs for `key` are running or waiting. */
  pending(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // `previous` only ever resolves: a failed turn never blocks the next one.
    const tail = previous ? previous.then(() => finished) : finished;
    this.tails.set(key, tail);
    this.counts.set(key, this.pending(key) + 1);
    try {
      if (previous) await previous;
      return await work();
    } finally {
      finish();
      if (this.tails.get(key) === tail) this.tails.delete(key);
      if (this.pending(key) > 1) this.counts.set(key, this.pending(key) - 1);
      else this.counts.delete(key);
    }
  }
}
