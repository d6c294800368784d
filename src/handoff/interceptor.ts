import { ActivityTypes, TurnContext } from 'botbuilder';
import { wasForgotten } from '../customer/forgotten';
import { normalizeInbound } from '../customer/inbound';
import type { Reply } from '../channels/reply';
import type { TechnicianDeskPort } from './deskPort';
import type { Progress } from '../dialogs/progress';
import { passwordSeen } from '../privacy/redactionMiddleware';
import { CaseStore, forgetTurnCases, HandoffCase, knowsNoOpenCase, noteNoOpenCase, openedThisTurn } from './cases';
import type { AfterHoursCallbacks } from './callbacks';
import type { CaseClosing } from './closing';
import { noteOpenCaseInState, savedWithoutOpenCase } from './openCaseFlag';
import { button, customerContent, customerKey, handoffText, HandoffKit, sendReply } from './kit';
import { buildPacket } from './packet';
import type { ConversationResumer } from './resume';
import type { SilenceWatch } from './silence';
import { HandoffStatusHandler, handoffStatusEventName } from './statusEvents';
import { endsChat, waitingMeaning } from '../understanding/waitingMeaning';

export interface InterceptorParts {
  cases: CaseStore;
  resumer: ConversationResumer;
  silence: SilenceWatch;
  status: HandoffStatusHandler;
  closing: CaseClosing;
  callbacks: AfterHoursCallbacks;
  desk?: TechnicianDeskPort;
}

/**
 * The handoff's gate in front of the conversation. Before the dialogs: desk turns, messages of a
 * customer who is connected to a technician (relayed to a desk technician; left to a contact-centre
 * one), the waiting customer's "cancel", "it's working now" and "continue", a customer in the handoff
 * whom no technician will join, and handoff.status events. After them: the silence timer and, while a
 * customer waits, the case the technician sees.
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
    // A turn run again after an eTag conflict looks again: a case may have opened in between, in this turn's earlier
    // run too (the state it saved with it was not written).
    const openedInEarlierRun = openedThisTurn(context) !== undefined;
    forgetTurnCases(context);
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

    if (!openedInEarlierRun && (await savedWithoutOpenCase(this.kit, context))) noteNoOpenCase(context, this.parts.cases);
    const item = knowsNoOpenCase(context, this.parts.cases) ? undefined : await this.parts.cases.openFor(customerKey(context));
    if (!item) {
      noteNoOpenCase(context, this.parts.cases);
      const progress = await this.kit.progress.get(context);
      return progress?.phase === 'handoff' ? this.nobodyComing(context) : false;
    }
    if (item.status === 'active' && item.activeVia === 'desk' && desk) return this.withDeskTechnician(context, item, desk);
    if (item.status === 'active' && item.activeVia === 'protocol') return this.withContactCentre(context, item);
    if (item.status === 'queued') return this.whileQueued(context, item);
    return false;
  }

  /** Connected to a desk technician: everything is relayed; "end chat" (the whole message) ends it. */
  private async withDeskTechnician(context: TurnContext, item: HandoffCase, desk: TechnicianDeskPort): Promise<boolean> {
    if (!endsChat(this.kit.content.lexicon, context.activity.text ?? '')) {
      await desk.relayFromCustomer(context, item);
      return true;
    }
    const closed = await this.parts.closing.byCustomer(context, item, 'customerEnded');
    if (closed) await desk.customerEndedChat(closed);
    await this.parts.resumer.resume(context, { lead: handoffText(this.kit, context, 'chatEnded') });
    return true;
  }

  /**
   * A contact-centre technician accepted the handoff and has the conversation: the bot says nothing for them.
   * "End chat" (the whole message) ends it, and the contact centre is told.
   */
  private async withContactCentre(context: TurnContext, item: HandoffCase): Promise<boolean> {
    if (!endsChat(this.kit.content.lexicon, context.activity.text ?? '')) return true;
    await this.parts.closing.byCustomer(context, item, 'customerEnded');
    await this.parts.resumer.resume(context, { lead: handoffText(this.kit, context, 'chatEnded') });
    return true;
  }

  /**
   * Waiting for a technician (desk queue, or the contact centre). "It's working now" cancels the request and ends
   * the procedure; "cancel" cancels it; "continue" goes back to the steps, keeping the place in the desk queue (a
   * request only the contact centre has is withdrawn: the bot cannot show it where the customer is); anything else
   * is told how to wait, how to carry on alone and how to cancel.
   */
  private async whileQueued(context: TurnContext, item: HandoffCase): Promise<boolean> {
    const text = context.activity.text ?? '';
    const progress = await this.kit.progress.get(context);
    const meaning = waitingMeaning(this.kit.intents, this.kit.content.lexicon, text);
    if (meaning === 'worked') {
      await this.parts.closing.byCustomer(context, item, 'resolved');
      await this.parts.resumer.finish(context, handoffText(this.kit, context, 'fixedCancelled'));
      return true;
    }
    if (meaning === 'cancel') {
      await this.parts.closing.byCustomer(context, item, 'cancelled');
      await this.parts.resumer.resume(context, { lead: handoffText(this.kit, context, 'cancelled') });
      return true;
    }
    // Working through the steps while queued: the conversation handles it (afterTurn updates the desk).
    if (progress?.phase !== 'handoff') return false;
    if (this.kit.intents.matches('startOver', text)) return false;
    if (meaning === 'resume') {
      if (item.onDesk) {
        await this.parts.resumer.resume(context, { lead: handoffText(this.kit, context, 'keepWorking') });
        return true;
      }
      await this.parts.closing.byCustomer(context, item, 'cancelled');
      await this.parts.resumer.resume(context, { lead: customerContent(this.kit, context).messages.handoffCancelled });
      return true;
    }
    await sendReply(this.kit, context, await this.waitingReply(context, item));
    return true;
  }

  /** The whole waiting message the first time; after that the short one, with the same ways out. */
  private async waitingReply(context: TurnContext, item: HandoffCase): Promise<Reply> {
    const explained = item.waitingExplained === true;
    if (!explained) {
      await this.parts.cases.change(item, (c) => {
        c.waitingExplained = true;
      });
    }
    if (!item.onDesk) {
      const text = explained ? handoffText(this.kit, context, 'stillWaiting') : customerContent(this.kit, context).messages.handoffWaiting;
      return { text, expectsReply: true, choices: [button(this.kit, context, 'continue'), button(this.kit, context, 'startOver')] };
    }
    const position = (await this.parts.cases.queuePosition(item)) ?? 1;
    return {
      text: handoffText(this.kit, context, explained ? 'stillQueued' : 'waiting', { position }),
      expectsReply: true,
      choices: [button(this.kit, context, 'continue')],
    };
  }

  /**
   * Still in the handoff, but no technician is coming (the contact centre failed, nobody could be reached, after
   * hours): nothing may say one will reply. Phone, email and the reference again; "continue" or "cancel" goes back
   * to the steps; "it's working now" ends the procedure (and closes the ticket, if one was filed). After hours,
   * anything else is about a callback (src/handoff/callbacks.ts).
   */
  private async nobodyComing(context: TurnContext): Promise<boolean> {
    const last = await this.parts.cases.lastFor(customerKey(context));
    // No case on record: the gateway keeps none (an injected one), and the handoff dialog answers.
    if (!last) return false;
    const text = context.activity.text ?? '';
    if (this.kit.intents.matches('startOver', text)) return false;
    const meaning = waitingMeaning(this.kit.intents, this.kit.content.lexicon, text);
    if (meaning === 'worked') {
      await this.parts.closing.closeTicket(last, 'resolved');
      await this.parts.callbacks.withdraw(last);
      await this.parts.resumer.finish(context, handoffText(this.kit, context, 'fixed'));
      return true;
    }
    if (meaning === 'cancel') {
      await this.parts.closing.closeTicket(last, 'cancelled');
      await this.parts.callbacks.withdraw(last);
    }
    if (meaning) {
      // "Continue" after leaving a number keeps the callback.
      const lead = meaning === 'resume' && last.callback ? handoffText(this.kit, context, 'callbackKept') : customerContent(this.kit, context).messages.handoffCancelled;
      await this.parts.resumer.resume(context, { lead });
      return true;
    }
    if (last.outcome === 'afterHours') {
      if (this.parts.callbacks.techniciansIn()) {
        // They asked while everyone was out, and the technicians are in now: the conversation answers, a request for one queues.
        await this.parts.resumer.resumeQuietly(context);
        return false;
      }
      await sendReply(this.kit, context, await this.parts.callbacks.answer(context, last));
      return true;
    }
    await sendReply(this.kit, context, {
      text: handoffText(this.kit, context, 'noTechnician', { reference: last.ticket ?? last.reference }),
      expectsReply: true,
      choices: [button(this.kit, context, 'continue')],
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
      await noteOpenCaseInState(this.kit, context, item !== undefined);
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
   * conflict, so this turn runs again, from the start. A case this turn opened is the one it wrote.
   */
  private openCaseAfterTurn(context: TurnContext): Promise<HandoffCase | undefined> {
    const opened = openedThisTurn(context);
    if (opened) return Promise.resolve(opened.status === 'closed' ? undefined : opened);
    if (knowsNoOpenCase(context, this.parts.cases)) return Promise.resolve(undefined);
    return this.parts.cases.openFor(customerKey(context));
  }

  /** The customer kept working while queued: the technician's view follows; finishing closes the case. */
  private async keepCaseCurrent(context: TurnContext, item: HandoffCase, progress: Progress): Promise<void> {
    if (progress.phase === 'done') {
      await this.parts.closing.byCustomer(context, item, 'resolved');
      return;
    }
    if (!item.onDesk) {
      // Only the contact centre has it: leaving the handoff (e.g. "start over") withdraws it.
      if (progress.phase !== 'handoff') await this.parts.closing.byCustomer(context, item, 'cancelled');
      return;
    }
    const client = this.kit.content.clients.find((c) => c.id === progress.clientId);
    const { summary } = await buildPacket(this.kit, context, { reason: item.reason, detail: item.detail, progress, client, reference: item.reference });
    const view = (s: typeof summary) => JSON.stringify([s.where, s.stepsCompleted, s.attempts, s.recentCustomerMessages]);
    if (view(summary) === view(item.summary)) return;
    const changed = await this.parts.cases.change(item, (c) => {
      c.summary = summary;
    });
    if (changed) await this.parts.desk?.refresh(changed);
  }
}
