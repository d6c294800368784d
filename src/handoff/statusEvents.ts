import type { TurnContext } from 'botbuilder';
import type { TechnicianDesk } from '../desk/desk';
import type { CaseStore } from './cases';
import { button, customerKey, handoffText, HandoffKit, sendReply } from './kit';
import type { ConversationResumer } from './resume';

export const handoffStatusEventName = 'handoff.status';

type HandoffState = 'accepted' | 'failed' | 'completed';

function stateOf(value: unknown): HandoffState | undefined {
  const state = value && typeof value === 'object' ? (value as { state?: unknown }).state : undefined;
  return state === 'accepted' || state === 'failed' || state === 'completed' ? state : undefined;
}

/**
 * `handoff.status` events from the contact centre (the Bot Framework handoff protocol), in the
 * customer's conversation: accepted -> a technician has joined; failed -> phone, email and the
 * reference; completed -> back to the procedure exactly where the customer left off. A status for a
 * request the customer no longer has (cancelled, fixed on their own, handed back) is ignored.
 */
export class HandoffStatusHandler {
  constructor(
    private readonly kit: HandoffKit,
    private readonly cases: CaseStore,
    private readonly resumer: ConversationResumer,
    private readonly desk?: TechnicianDesk,
  ) {}

  async handle(context: TurnContext): Promise<void> {
    const state = stateOf(context.activity.value);
    const conversationId = context.activity.conversation?.id;
    if (!state) {
      this.kit.logger.warn('handoff.status ignored: unknown state', { conversationId });
      return;
    }
    const item = await this.cases.openFor(customerKey(context));
    this.kit.logger.info('handoff status', { conversationId, state, reference: item?.reference });
    // No open case: the customer cancelled, fixed it or was handed back already, and nothing may say otherwise.
    // Without any case on record (an injected gateway), a customer still waiting is answered as before.
    if (!item && !(await this.waitingWithoutCase(context))) {
      this.kit.logger.info('handoff.status ignored: the customer has no open request', { conversationId, state });
      return;
    }

    switch (state) {
      case 'accepted':
        if (item) {
          await this.cases.change(item.id, (c) => {
            c.status = 'active';
            c.activeVia = 'protocol';
          });
          if (item.onDesk) await this.desk?.refresh(item.id);
        }
        await sendReply(this.kit, context, { text: handoffText(this.kit, 'accepted'), expectsReply: true });
        return;
      case 'failed': {
        if (item?.onDesk && (item.status === 'queued' || item.activeVia === 'desk')) {
          // The desk still has the case (the customer keeps their place, or is with a desk technician): only the contact centre is out of it.
          await this.cases.change(item.id, (c) => {
            c.viaProtocol = false;
          });
          return;
        }
        if (item) {
          await this.cases.change(item.id, (c) => {
            c.status = 'closed';
            c.outcome = 'failed';
          });
          if (item.onDesk) await this.desk?.refresh(item.id);
        }
        await sendReply(this.kit, context, {
          // Without a case on record (a custom gateway), the phone and email are still given.
          text: item ? handoffText(this.kit, 'failed', { reference: item.ticket ?? item.reference }) : this.kit.content.messages.handoffAlternatives,
          expectsReply: true,
          choices: [button(this.kit, 'continue')],
        });
        return;
      }
      case 'completed':
        if (item) {
          await this.cases.change(item.id, (c) => {
            c.status = 'closed';
            c.outcome = 'completed';
          });
          if (item.onDesk) await this.desk?.refresh(item.id);
        }
        await this.resumer.resume(context, {
          lead: handoffText(this.kit, 'completed'),
          leadBeforeSteps: handoffText(this.kit, 'completedBeforeSteps'),
        });
        return;
    }
  }

  /** Still in the handoff with no case ever opened for them: the gateway was one that keeps none. */
  private async waitingWithoutCase(context: TurnContext): Promise<boolean> {
    const progress = await this.kit.progress.get(context);
    if (progress?.phase !== 'handoff') return false;
    const key = customerKey(context);
    return !(await this.cases.all()).some((c) => c.customerKey === key);
  }
}
