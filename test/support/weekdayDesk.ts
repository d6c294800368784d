import type { ManualClock } from '../../src/handoff/clock';
import { RunningStepwise, startStepwise } from './stepwiseServer';
import { WebhookServer } from './webhookServer';

export interface WeekdayDesk {
  stepwise: RunningStepwise;
  /** The ticket system: answers every handoff with `ticket` as its reference. */
  tickets: WebhookServer;
}

/**
 * Stepwise with a desk in `deskId` and a ticket system, and technicians in Monday to Friday, 8:00 to 18:00 in
 * Chicago, on `clock`: the set-up of the business-hours tests.
 */
export async function startWeekdayDesk(options: { destinations: string; deskId: string; ticket: string; clock: ManualClock }): Promise<WeekdayDesk> {
  const tickets = new WebhookServer([{ status: 201, body: { reference: options.ticket } }]);
  const webhookUrl = await tickets.start();
  const stepwise = await startStepwise(
    (connectorUrl) => ({
      HANDOFF_DESTINATIONS: options.destinations,
      DESK_CONVERSATION_ID: options.deskId,
      DESK_SERVICE_URL: connectorUrl,
      DESK_TECHNICIANS: '29:sam',
      WEBHOOK_URL: webhookUrl,
      BUSINESS_HOURS: '08:00-18:00',
      BUSINESS_DAYS: 'mon-fri',
      BUSINESS_TIMEZONE: 'America/Chicago',
    }),
    { clock: options.clock },
  );
  return { stepwise, tickets };
}
