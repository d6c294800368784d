import type { Content } from '../content/loader';
import { aggregateOutcomes, type OutcomeFigures, type OutcomeQuery } from './aggregate';
import type { OutcomeEvent } from './events';

/** Where the events of a period are read from (OutcomeLog). */
export interface OutcomeSource {
  read(from: Date, to: Date): Promise<OutcomeEvent[]>;
}

export interface OutcomeReportsOptions {
  source: OutcomeSource;
  content: Content;
  sessionTimeoutMinutes: number;
  now: () => Date;
}

/** The dashboard's figures for a query: the period's events read from the store, then aggregated. */
export class OutcomeReports {
  constructor(private readonly options: OutcomeReportsOptions) {}

  async figures(query: OutcomeQuery): Promise<OutcomeFigures> {
    const { source, content, sessionTimeoutMinutes, now } = this.options;
    const events = await source.read(query.from, query.to);
    return aggregateOutcomes(events, query, {
      now: now(),
      sessionTimeoutMs: sessionTimeoutMinutes * 60_000,
      programs: content.clients.map((client) => ({ id: client.id, steps: client.steps.length })),
    });
  }
}
