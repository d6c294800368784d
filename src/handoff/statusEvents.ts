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
 * reference; completed -> back to the procedure exactly where the customer left off.
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
        // The desk may still have the case; otherwise it is over.
        const stillOnDesk = item?.onDesk && item.status === 'queued';
        if (item && !stillOnDesk) {
          await this.cases.change(item.id, (c) => {
            c.status = 'closed';
            c.outcome = 'failed';
          });
        }
        const reference = item ? (item.ticket ?? item.reference) : await this.lastReference(context);
        await sendReply(this.kit, context, {
          // Without a case on record (a custom gateway), the phone and email are still given.
          text: reference ? handoffText(this.kit, 'failed', { reference }) : this.kit.content.messages.handoffAlternatives,
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

  private async lastReference(context: TurnContext): Promise<string | undefined> {
    const key = customerKey(context);
    const last = (await this.cases.all()).filter((c) => c.customerKey === key).pop();
    return last ? (last.ticket ?? last.reference) : undefined;
  }
}
