/** The time, injectable so silence and business hours are tested without waiting. */
export interface Clock {
  now(): Date;
}

/** Waits between webhook retries; tests pass one that records the delay and returns at once. */
export type Sleep = (ms: number) => Promise<void>;

export const systemClock: Clock = { now: () => new Date() };

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock that only moves when told to (tests, the terminal desk demo). */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(seconds: number): Date {
    this.current += seconds * 1000;
    return this.now();
  }

  set(time: Date | string): void {
    this.current = new Date(time).getTime();
  }
}
