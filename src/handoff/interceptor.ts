import { ActivityTypes, TurnContext } from 'botbuilder';
import { wasForgotten } from '../bot/forgetMe';
import { normalizeInbound } from '../bot/inbound';
import type { TechnicianDesk } from '../desk/desk';
import type { Progress } from '../dialogs/progress';
import { passwordSeen } from '../privacy/redactionMiddleware';
import { CaseStore, HandoffCase, queuePosition } from './cases';
import { button, customerKey, handoffText, HandoffKit, isCancel, sendReply } from './kit';
import { buildPacket } from './packet';
import type { ConversationResumer } from './resume';
import type { SilenceWatch } from './silence';
import { HandoffStatusHandler, handoffStatusEventName } from './statusEvents';

// Set by beforeTurn when the customer had no open case: CaseStore.pointerWrites at that moment.
const noOpenCaseKey = Symbol('stepwise.handoff.noOpenCase');

export interface InterceptorParts {
  cases: CaseStore;
  resumer: ConversationResumer;
  silence: SilenceWatch;
  status: HandoffStatusHandler;
  desk?: TechnicianDesk;
}

/**
 * The handoff's gate in front of the conversation. Before the dialogs: desk turns, messages of a
 * customer who is connected to a technician (relayed), the waiting customer's "never mind" and
 * "continue", and handoff.status events. After them: the silence timer and, while a customer
 * waits, the case the technician sees.
 */
export class HandoffInterceptor {
  constructor(
    private readonly kit: HandoffKit,
    private readonly parts: InterceptorParts,
  ) {}

  /** True when the handoff answered the turn and the conversation must not run. */
  async beforeTurn(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    const { desk } = this.parts;
    // A turn run again after an eTag conflict looks again: a case may have opened in between.
    context.turnState.delete(noOpenCaseKey);
    if (desk?.isDeskConversation(activity)) {
      normalizeInbound(context, this.kit.content.policy.maxInputCharacters);
      await desk.handleTurn(context);
      return true;
    }
    if (activity.type === ActivityTypes.Event && activity.name === handoffStatusEventName) {
      await this.parts.status.handle(context);
      return true;
    }
    if (activity.type !== ActivityTypes.Message) return false;
    normalizeInbound(context, this.kit.content.policy.maxInputCharacters);
    // A password is answered with the warning by the bot, and never relayed.
    if (passwordSeen(context)) return false;
    // "Forget me" works wherever the customer is, waiting or with a technician: never relayed, never queued.
    if (this.kit.intents.matches('forgetMe', activity.text ?? '')) return false;

    const item = await this.parts.cases.openFor(customerKey(context));
    if (!item) {
      context.turnState.set(noOpenCaseKey, this.parts.cases.pointerWrites);
      return false;
    }
    if (item.status === 'active' && item.activeVia === 'desk' && desk) {
      await desk.relayFromCustomer(context, item);
      return true;
    }
    if (item.status === 'queued' && item.onDesk) return this.whileQueued(context, item);
    return false;
  }

  /** Waiting for a desk technician: "never mind" cancels, "continue" keeps the place in the queue. */
  private async whileQueued(context: TurnContext, item: HandoffCase): Promise<boolean> {
    const text = context.activity.text ?? '';
    const progress = await this.kit.progress.get(context);
    if (isCancel(this.kit, text)) {
      await this.parts.cases.change(item.id, (c) => {
        c.status = 'closed';
        c.outcome = 'cancelled';
      });
      this.kit.logger.info('handoff cancelled by the customer', { reference: item.reference });
      await this.parts.resumer.resume(context, { lead: handoffText(this.kit, 'cancelled') });
      await this.parts.desk?.refresh(item.id);
      return true;
    }
    // Working through the steps while queued: the conversation handles it (afterTurn updates the desk).
    if (progress?.phase !== 'handoff') return false;
    if (this.kit.intents.matches('startOver', text)) return false;
    if (this.kit.intents.matches('cancelHandoff', text)) {
      await this.parts.resumer.resume(context, { lead: handoffText(this.kit, 'keepWorking') });
      return true;
    }
    const position = queuePosition(await this.parts.cases.all(), item.id) ?? 1;
    await sendReply(this.kit, context, {
      text: handoffText(this.kit, 'waiting', { position }),
      expectsReply: true,
      choices: [button(this.kit, 'continue')],
    });
    return true;
  }

  /** After the conversation, before state is saved. Never fails the customer's turn. */
  async afterTurn(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || this.parts.desk?.isDeskConversation(activity)) return;
    // After "forget me" nothing about the customer may be written again.
    if (wasForgotten(context)) return;
    try {
      const progress = await this.kit.progress.get(context);
      const item = await this.openCaseAfterTurn(context);
      await this.parts.silence.afterCustomerTurn(context, progress, item);
      if (item?.status === 'queued' && progress) await this.keepCaseCurrent(context, item, progress);
    } catch (error) {
      this.kit.logger.warn('handoff bookkeeping after the turn failed', {
        conversationId: activity.conversation?.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * The customer's open case after the conversation ran. With none at the start of the turn and no pointer
   * written since by this process, there is still none, and the store is not read again: a case opens only
   * in its customer's own turn, and a turn of theirs in another process would make this turn's state write
   * conflict, so this turn runs again, from the start.
   */
  private openCaseAfterTurn(context: TurnContext): Promise<HandoffCase | undefined> {
    if (context.turnState.get(noOpenCaseKey) === this.parts.cases.pointerWrites) return Promise.resolve(undefined);
    return this.parts.cases.openFor(customerKey(context));
  }

  /** The customer kept working while queued: the technician's view follows; finishing closes the case. */
  private async keepCaseCurrent(context: TurnContext, item: HandoffCase, progress: Progress): Promise<void> {
    if (progress.phase === 'done') {
      await this.parts.cases.change(item.id, (c) => {
        c.status = 'closed';
        c.outcome = 'resolved';
      });
      if (item.onDesk) await this.parts.desk?.refresh(item.id);
      return;
    }
    if (!item.onDesk) {
      // Only the contact centre has it: going back to the steps ("continue", "never mind") withdraws it.
      if (progress.phase !== 'handoff') {
        await this.parts.cases.change(item.id, (c) => {
          c.status = 'closed';
          c.outcome = 'cancelled';
        });
      }
      return;
    }
    const client = this.kit.content.clients.find((c) => c.id === progress.clientId);
    const { summary } = await buildPacket(this.kit, context, { reason: item.reason, detail: item.detail, progress, client, reference: item.reference });
    const view = (s: typeof summary) => JSON.stringify([s.where, s.stepsCompleted, s.attempts, s.recentCustomerMessages]);
    if (view(summary) === view(item.summary)) return;
    await this.parts.cases.change(item.id, (c) => {
      c.summary = summary;
    });
    await this.parts.desk?.refresh(item.id);
  }
}
