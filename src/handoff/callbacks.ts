import type { TurnContext } from 'botbuilder';
import { callerNumber } from '../channels/callerNumber';
import type { Reply } from '../channels/reply';
import type { HandoffMessageName } from '../content/schema';
import { displayPhoneNumber, findPhoneNumber } from '../understanding/phoneNumber';
import type { BusinessHours } from './businessHours';
import type { CaseStore, HandoffCase } from './cases';
import type { HandoffSummary } from './summary';
import type { TechnicianDeskPort } from './deskPort';
import { button, customerContent, handoffText, HandoffKit } from './kit';
import type { WebhookClient } from './webhook';

export interface CallbackParts {
  cases: CaseStore;
  hours: BusinessHours;
  desk?: TechnicianDeskPort;
  webhook?: WebhookClient;
}

/**
 * Outside business hours a customer who asked for a technician can leave a number for a callback when the
 * technicians are in: a phone number in what they say, or "call me back" from a caller whose number the phone
 * network gave. It is recorded on their after-hours case; the desk gets the case's card and the ticket system
 * the number. A later number replaces the first.
 */
export class AfterHoursCallbacks {
  constructor(
    private readonly kit: HandoffKit,
    private readonly parts: CallbackParts,
  ) {}

  techniciansIn(): boolean {
    return this.parts.hours.isOpen(this.kit.clock.now());
  }

  /** What to answer a message of a customer whose last case was closed after hours. */
  async answer(context: TurnContext, item: HandoffCase): Promise<Reply> {
    const text = context.activity.text ?? '';
    const given = findPhoneNumber(text, this.kit.content.lexicon.digits);
    const asked = this.kit.intents.matches('callMeBack', text);
    const number = given ?? (asked ? callerNumber(context.activity) : undefined);
    if (number) {
      const recorded = await this.record(item, number);
      if (recorded) return this.confirmed(context, recorded);
    }
    if (asked) return this.question(context, 'callbackAskNumber');
    return this.question(context, item.callback ? 'callbackGiven' : 'callbackNoNumber');
  }

  /** The customer's after-hours case with a callback asked for since the technicians were last in, if any. */
  async pending(customerKey: string, now: Date): Promise<HandoffCase | undefined> {
    const last = await this.parts.cases.lastFor(customerKey);
    if (last?.outcome !== 'afterHours' || !last.callback) return undefined;
    return this.parts.hours.closedThroughout(new Date(last.callback.requestedAt), now) ? last : undefined;
  }

  /** Asked again while a callback is pending: the case shows where they are now, and they hear that the call stands. */
  async renewed(context: TurnContext, item: HandoffCase, summary: HandoffSummary): Promise<Reply> {
    const updated = await this.parts.cases.change(item, (c) => {
      c.summary = summary;
    });
    if (updated) await this.tellDesk(updated);
    return this.confirmed(context, updated ?? item);
  }

  /**
   * The customer no longer needs the call ("cancel", "it's working now"): the desk card says so. The ticket system
   * hears it from the ticket's closing (src/handoff/closing.ts), which comes with it.
   */
  async withdraw(item: HandoffCase): Promise<void> {
    if (!item.callback) return;
    const withdrawn = await this.parts.cases.change(item, (c) => {
      if (!c.callback) return false;
      c.callback = undefined;
    });
    if (!withdrawn) return;
    this.kit.logger.info('callback withdrawn', { reference: item.reference });
    await this.tellDesk(withdrawn);
  }

  private async record(item: HandoffCase, number: string): Promise<HandoffCase | undefined> {
    const requestedAt = this.kit.clock.now().toISOString();
    const recorded = await this.parts.cases.change(item, (c) => {
      c.callback = { number, requestedAt };
    });
    if (!recorded) return undefined;
    this.kit.logger.info('callback requested', { reference: recorded.reference });
    await this.tellDesk(recorded);
    await this.tellTicketSystem(recorded);
    return recorded;
  }

  private async tellDesk(item: HandoffCase): Promise<void> {
    const { desk, cases } = this.parts;
    if (!desk) return;
    try {
      if (item.deskCardId) {
        await desk.refresh(item);
        return;
      }
      const cardId = await desk.post(item, undefined);
      if (cardId) {
        await cases.change(item, (c) => {
          c.deskCardId = cardId;
        }, { stamp: false });
      }
    } catch (error) {
      this.kit.logger.warn('desk not told of the callback', { reference: item.reference, error: (error as Error).message });
    }
  }

  private async tellTicketSystem(item: HandoffCase): Promise<void> {
    const { webhook } = this.parts;
    if (!webhook || !item.callback) return;
    const payload = { reference: item.reference, caseId: item.id, ticket: item.ticket, status: 'callbackRequested', callback: item.callback };
    // A key per number: a better number given later is a new request; a retry of one is not.
    const result = await webhook.deliver(payload, `${item.id}:callback:${item.callback.number}`);
    if (!result.delivered) this.kit.logger.warn('ticket system not told of the callback', { reference: item.reference });
  }

  private confirmed(context: TurnContext, item: HandoffCase): Reply {
    const hours = this.parts.hours.describe(customerContent(this.kit, context).messages.handoff);
    const values = { number: displayPhoneNumber(item.callback!.number), hours, reference: item.ticket ?? item.reference };
    return { text: handoffText(this.kit, context, 'callbackConfirmed', values), expectsReply: true, choices: [button(this.kit, context, 'continue')] };
  }

  private question(context: TurnContext, name: HandoffMessageName): Reply {
    return { text: handoffText(this.kit, context, name), expectsReply: true, choices: [button(this.kit, context, 'continue')] };
  }
}
