import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type TurnOutcome = 'ok' | 'failed';

/** Channel ids become label values: anything unexpected is 'other', so callers cannot invent series. */
export function channelLabel(channelId: string | undefined): string {
  return channelId && /^[a-z0-9._-]{1,32}$/.test(channelId) ? channelId : 'other';
}

/**
 * The Prometheus metrics of one process (README, Operating: Metrics). Names follow Prometheus
 * conventions: `_total` counters, `_seconds` durations. Node's own (event-loop lag, memory, CPU)
 * come from prom-client's default collectors.
 */
export class StepwiseMetrics {
  readonly registry = new Registry();
  readonly turns = new Counter({ name: 'stepwise_turns_total', help: 'Turns run, by channel and outcome (ok, failed).', labelNames: ['channel', 'outcome'], registers: [this.registry] });
  readonly turnSeconds = new Histogram({
    name: 'stepwise_turn_duration_seconds',
    help: 'Time from a turn starting to its replies sent, by channel.',
    labelNames: ['channel'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly replies = new Counter({ name: 'stepwise_replies_total', help: 'Messages the bot sent to customers, by channel.', labelNames: ['channel'], registers: [this.registry] });
  readonly handoffs = new Counter({ name: 'stepwise_handoffs_total', help: 'Handoff cases opened, by reason.', labelNames: ['reason'], registers: [this.registry] });
  readonly storageSeconds = new Histogram({
    name: 'stepwise_storage_operation_duration_seconds',
    help: 'State store calls, by operation (read, write, delete, writeGuarded, list, ...).',
    labelNames: ['operation'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 4],
    registers: [this.registry],
  });
  readonly storageErrors = new Counter({ name: 'stepwise_storage_errors_total', help: 'State store calls that failed, by operation (eTag conflicts included).', labelNames: ['operation'], registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'stepwise_rate_limited_requests_total', help: 'Requests answered 429, by route.', labelNames: ['route'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** The open handoff cases, counted from the store when scraped (every instance sees the same figure). */
  countOpenCases(count: () => Promise<{ queued: number; taken: number }>): void {
    new Gauge({
      name: 'stepwise_handoff_cases_open',
      help: 'Open desk handoff cases in the shared store: queued (waiting for a technician) or taken.',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const { queued, taken } = await count();
        this.set({ state: 'queued' }, queued);
        this.set({ state: 'taken' }, taken);
      },
    });
  }
}
