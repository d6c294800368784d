import { TurnContext } from 'botbuilder';
import type { Reply } from '../channels/reply';
import { handoffStartTexts } from '../dialogs/handoffDialog';
import type { Progress } from '../dialogs/progress';
import type { HandoffGateway, HandoffRequest } from '../dialogs/services';
import { callerNumber } from '../channels/callerNumber';
import type { TechnicianDeskPort } from './deskPort';
import type { BusinessHours } from './businessHours';
import type { AfterHoursCallbacks } from './callbacks';
import { CaseStore, HandoffCase, knowsNoOpenCase, newCaseId, newReference, noteOpened } from './cases';
import { button, customerContent, customerKey, handoffText, HandoffKit, sendSignal } from './kit';
import { buildPacket, HandoffPacket, transcriptLines } from './packet';
import type { WebhookClient } from './webhook';
import { handoffOpened, type HandoffOpenedEvent } from '../telemetry/events';

export interface GatewayParts {
  cases: CaseStore;
  hours: BusinessHours;
  callbacks: AfterHoursCallbacks;
  /** The Bot Framework handoff protocol (handoff.initiate); kept a separate destination so channels can adapt it. */
  protocol?: HandoffGateway;
  desk?: TechnicianDeskPort;
  webhook?: WebhookClient;
}

/** The JSON a ticket system receives: the redacted summary and conversation, and where the case went. */
export function webhookPayload(item: HandoffCase, packet: HandoffPacket, open: boolean) {
  return {
    reference: item.reference,
    caseId: item.id,
    createdAt: item.createdAt,
    reason: item.reason,
    businessHours: open ? 'open' : 'closed',
    channelId: item.customer.channelId,
    summary: packet.summary,
    transcript: transcriptLines(packet.transcript),
  };
}

/**
 * The handoff gateway the dialogs call: one case per request, sent to every configured destination
 * (webhook first, so its ticket reaches the others, then the protocol event and the desk card).
 * Outside business hours only the ticket is filed: the customer gets phone, email and a reference
 * instead of a wait. Resolves with what to tell the customer.
 */
export class HandoffCoordinator implements HandoffGateway {
  /** The last created time this process gave a case (see createdTime). */
  private lastCreatedMs = 0;

  constructor(
    private readonly kit: HandoffKit,
    private readonly parts: GatewayParts,
  ) {}

  /**
   * The queue is in created order: cases opened by this process in the same millisecond get successive
   * milliseconds, so they keep their arrival order instead of falling back to their random ids.
   */
  private createdTime(now: Date): string {
    this.lastCreatedMs = Math.max(now.getTime(), this.lastCreatedMs + 1);
    return new Date(this.lastCreatedMs).toISOString();
  }

  async initiate(context: TurnContext, request: HandoffRequest): Promise<Reply> {
    const key = customerKey(context);
    const { cases } = this.parts;
    // The interceptor looked at the start of this turn; only without it (or after a case opened since) is it read again.
    if (!knowsNoOpenCase(context, cases)) {
      const existing = await cases.openFor(key);
      if (existing) return this.alreadyWaiting(context, existing);
    }

    const now = this.kit.clock.now();
    const open = this.parts.hours.isOpen(now);
    // A customer who took the silence offer of a technician.
    const reason = request.reason === 'customerAsked' && request.progress.silence?.stage === 'offered' ? 'silence' : request.reason;
    if (!open) {
      // Asked again after leaving a number: the same case, brought up to date.
      const promised = await this.parts.callbacks.pending(key, now);
      if (promised) return this.parts.callbacks.renewed(context, promised, (await buildPacket(this.kit, context, { ...request, reason, reference: promised.reference })).summary);
    }
    const full: HandoffRequest = { ...request, reason, reference: newReference() };
    const packet = await buildPacket(this.kit, context, full);
    const item: HandoffCase = {
      id: newCaseId(),
      reference: full.reference!,
      customerKey: key,
      customer: TurnContext.getConversationReference(context.activity),
      reason,
      detail: request.detail,
      status: 'queued',
      createdAt: this.createdTime(now),
      updatedAt: now.toISOString(),
      summary: packet.summary,
      onDesk: false,
      viaProtocol: false,
    };

    let filed = false;
    if (this.parts.webhook) {
      const result = await this.parts.webhook.deliver(webhookPayload(item, packet, open), item.id);
      item.ticket = result.ticket;
      filed = result.delivered;
      item.ticketOpen = filed;
    }
    if (open && this.parts.protocol) {
      try {
        await this.parts.protocol.initiate(context, full);
        item.viaProtocol = true;
      } catch (error) {
        this.kit.logger.warn('handoff protocol event failed', { reference: item.reference, error: (error as Error).message });
      }
    }
    let position: number | undefined;
    if (open && this.parts.desk) {
      // In the queue before its card is posted (the card shows the place), and the card before the record is
      // written, so that the case is stored once, complete.
      item.onDesk = true;
      position = await cases.enqueue(item);
      await this.postToDesk(item, position);
    }
    const reached = item.viaProtocol || item.onDesk;
    if (!open) {
      item.status = 'closed';
      item.outcome = 'afterHours';
    } else if (!reached) {
      // Nobody will take it here: the ticket system has it, or no one does.
      item.status = 'closed';
      item.outcome = filed ? 'ticketed' : 'unreached';
    }
    const stored = await cases.open(item);
    if (!stored.opened) {
      // Opened meanwhile by another turn of theirs: that request stands, and this card says it is closed.
      if (item.deskCardId) await this.parts.desk?.refresh({ ...item, status: 'closed', outcome: 'cancelled' });
      return this.alreadyWaiting(context, stored.existing);
    }
    noteOpened(context, item);
    handoffOpened.publish({ reason } satisfies HandoffOpenedEvent);
    this.kit.logger.info('handoff case opened', {
      reference: item.reference,
      reason,
      open,
      protocol: item.viaProtocol,
      desk: item.onDesk,
      filed,
    });
    if (open && reached) await sendSignal(this.kit, context, { kind: 'handoff', state: 'waiting' });
    return this.notice(context, item, request.progress, open, reached || filed, item.onDesk ? position : undefined);
  }

  private async postToDesk(item: HandoffCase, position: number | undefined): Promise<void> {
    try {
      item.deskCardId = await this.parts.desk!.post(item, position);
    } catch (error) {
      this.kit.logger.warn('desk card could not be posted', { reference: item.reference, error: (error as Error).message });
      await this.parts.cases.dequeue(item);
      item.onDesk = false;
    }
  }

  /** `reached`: a technician will see it (protocol, desk or a filed ticket). */
  private notice(context: TurnContext, item: HandoffCase, progress: Progress, open: boolean, reached: boolean, position: number | undefined): Reply {
    const reference = item.ticket ?? item.reference;
    const messages = customerContent(this.kit, context).messages;
    if (!open) {
      const hours = this.parts.hours.describe(messages.handoff);
      // A callback when they open (src/handoff/callbacks.ts): a caller's own number is offered, anyone else is asked for one.
      const text = handoffText(this.kit, context, callerNumber(context.activity) ? 'afterHoursCaller' : 'afterHours', { hours, reference });
      return { text, expectsReply: true, choices: [button(this.kit, context, 'callMeBack'), button(this.kit, context, 'continue')] };
    }
    if (!reached) {
      return { text: handoffText(this.kit, context, 'unavailable', { reference }), expectsReply: true, choices: [button(this.kit, context, 'continue')] };
    }
    // "They'll see which step you reached" only when there is one.
    const opening = handoffStartTexts(customerContent(this.kit, context), progress);
    const parts = [
      opening.text,
      position ? handoffText(this.kit, context, 'queuePosition', { position }) : '',
      item.ticket ? handoffText(this.kit, context, 'ticketNumber', { ticket: item.ticket }) : handoffText(this.kit, context, 'referenceNumber', { reference }),
      messages.handoffAlternatives,
    ];
    // A caller is being transferred: they hear what happens next, not a reference to write down.
    return { text: parts.filter(Boolean).join(' '), spoken: opening.spoken, expectsReply: false };
  }

  private async alreadyWaiting(context: TurnContext, item: HandoffCase): Promise<Reply> {
    const position = await this.parts.cases.queuePosition(item);
    if (position) return { text: handoffText(this.kit, context, 'alreadyQueued', { position }), expectsReply: false };
    return { text: customerContent(this.kit, context).messages.handoffWaiting, expectsReply: true, choices: [button(this.kit, context, 'continue'), button(this.kit, context, 'startOver')] };
  }
}
