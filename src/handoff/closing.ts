import { EventFactory, TurnContext } from 'botbuilder';
import type { TechnicianDeskPort } from './deskPort';
import type { CaseOutcome, CaseStore, HandoffCase } from './cases';
import { deskText, HandoffKit, sendSignal } from './kit';
import type { WebhookClient } from './webhook';

/** How a customer closes their own case: cancelled while waiting, fixed it on their own, or ended the chat with a technician. */
export type CustomerOutcome = Extract<CaseOutcome, 'cancelled' | 'resolved' | 'customerEnded'>;

/** The state of the `handoff.status` event the contact centre gets when the customer closes the case. */
export const closedStatusState = 'completed';

/** What the technician's side is told (the desk card's status line, the event's and the ticket's message). */
export function closingMessage(kit: HandoffKit, item: HandoffCase, outcome: CustomerOutcome): string {
  if (outcome === 'resolved') return deskText(kit, 'statusResolved');
  if (outcome === 'customerEnded') return deskText(kit, 'customerLeft', { reference: item.reference });
  return deskText(kit, 'statusCancelled');
}

/** The JSON a ticket system receives when the customer no longer needs the technician its ticket asked for. */
export function ticketClosedPayload(item: HandoffCase, outcome: CustomerOutcome, message: string, closedAt: string) {
  return { reference: item.reference, caseId: item.id, ticket: item.ticket, status: 'closed', outcome, message, closedAt };
}

export interface ClosingParts {
  cases: CaseStore;
  desk?: TechnicianDeskPort;
  webhook?: WebhookClient;
}

/**
 * Closes a case from the customer's own turn and tells every destination that has it: the contact centre a
 * `handoff.status` event (state `completed`, with the reason as its message), the ticket system a POST with
 * the case's outcome, the desk an updated card.
 */
export class CaseClosing {
  constructor(
    private readonly kit: HandoffKit,
    private readonly parts: ClosingParts,
  ) {}

  /** Resolves with the case as it was before it closed, or undefined when it was already closed (nothing is told again). */
  async byCustomer(context: TurnContext, item: HandoffCase, outcome: CustomerOutcome): Promise<HandoffCase | undefined> {
    let before = undefined as HandoffCase | undefined;
    const closed = await this.parts.cases.change(item, (c) => {
      before = undefined;
      if (c.status === 'closed') return false;
      before = { ...c };
      c.status = 'closed';
      c.outcome = outcome;
      if (c.ticketOpen) c.ticketOpen = false;
    });
    if (!before || !closed) return undefined;
    this.kit.logger.info('handoff closed by the customer', { reference: before.reference, outcome });
    await sendSignal(this.kit, context, { kind: 'handoff', state: 'closed' });
    const message = closingMessage(this.kit, before, outcome);
    if (before.viaProtocol) await this.tellContactCentre(context, before, outcome, message);
    if (before.ticketOpen) await this.tellTicketSystem(before, outcome, message);
    if (before.onDesk) await this.parts.desk?.refresh(closed);
    return before;
  }

  /** A case that is already closed (nobody could join) whose ticket is still open: the ticket system is told. */
  async closeTicket(item: HandoffCase, outcome: Exclude<CustomerOutcome, 'customerEnded'>): Promise<void> {
    let open = false;
    await this.parts.cases.change(item, (c) => {
      open = !!c.ticketOpen;
      if (!open) return false;
      c.ticketOpen = false;
    });
    if (open) await this.tellTicketSystem(item, outcome, closingMessage(this.kit, item, outcome));
  }

  private async tellContactCentre(context: TurnContext, item: HandoffCase, outcome: CustomerOutcome, message: string): Promise<void> {
    // Teams does not deliver event activities: the handoff went there as a card, and there is no event to answer.
    if (this.kit.renderer.profile(context.activity.channelId) === 'teams') return;
    const event = EventFactory.createHandoffStatus(context.activity.conversation, closedStatusState, message);
    event.value = { ...(event.value as object), reference: item.reference, outcome };
    try {
      await context.sendActivity(event);
    } catch (error) {
      this.kit.logger.warn('handoff status for the contact centre failed', { reference: item.reference, error: (error as Error).message });
    }
  }

  private async tellTicketSystem(item: HandoffCase, outcome: CustomerOutcome, message: string): Promise<void> {
    if (!this.parts.webhook) return;
    const payload = ticketClosedPayload(item, outcome, message, this.kit.clock.now().toISOString());
    // Its own idempotency key: the ticket system must not take it for a retry of the request that opened the ticket.
    const result = await this.parts.webhook.deliver(payload, `${item.id}:closed`);
    if (!result.delivered) this.kit.logger.warn('ticket system not told the case closed', { reference: item.reference, outcome });
  }
}
