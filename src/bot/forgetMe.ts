import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { markForgotten } from '../customer/forgotten';
import type { Logger } from '../logging/logger';
import type { DurableStorage } from '../storage/guardedWrite';
import { storageCall } from '../storage/storageErrors';
import type { IntentRecognizer } from '../understanding/intents';
import type { ReturningCustomers } from './returningCustomers';

export interface ForgetMeOptions {
  storage: DurableStorage;
  /** Knows every conversation the customer has state in (their returning-customer record). */
  returningCustomers: Pick<ReturningCustomers, 'conversationsOf' | 'forget'>;
  intents: IntentRecognizer;
  logger: Logger;
  /** The confirmation, rendered for the customer's channel (and, where a client listens, the signal to forget them too). */
  confirmation: (context: TurnContext) => Partial<Activity>[];
  /** What other parts keep about the customer, by their state key in each conversation (the handoff's cases and check-ins). */
  alsoForget?: (customerKeys: string[]) => Promise<void>;
}

/**
 * "Forget me": deletes everything stored about the customer, in every conversation their
 * returning-customer record lists (and this one): their state there (with its transcript), their handoff
 * cases, open-case pointers and check-ins, and the record itself, last, so that a forget cut
 * short can be repeated. Then the store is asked to drop its old copies of what was deleted.
 */
export class ForgetMe {
  constructor(private readonly options: ForgetMeOptions) {}

  isRequest(context: TurnContext): boolean {
    const { type, text } = context.activity;
    return type === ActivityTypes.Message && typeof text === 'string' && this.options.intents.matches('forgetMe', text);
  }

  async forget(context: TurnContext): Promise<void> {
    const { conversation } = context.activity;
    const { storage, returningCustomers, logger } = this.options;
    const conversations = await returningCustomers.conversationsOf(context);
    const keys = conversations.map((c) => c.key);

    await this.options.alsoForget?.(keys);
    await storageCall('delete', () => storage.delete(keys));
    await returningCustomers.forget(context);
    markForgotten(context);


    await this.purge(context);
    logger.info('customer data deleted on request', { conversationId: conversation.id, conversations: conversations.length });
    await context.sendActivities(this.options.confirmation(context));
  }

  /** The deletes are done; a store that keeps old copies of deleted items (SQLite's log) drops them now. */
  private async purge(context: TurnContext): Promise<void> {
    const { storage, logger } = this.options;
    if (!storage.purgeDeleted) return;
    try {
      if (!(await storage.purgeDeleted())) logger.warn('deleted data not yet purged from the store: another connection is reading', { conversationId: context.activity.conversation.id });
    } catch (error) {
      logger.warn('could not purge deleted data from the store', {
        conversationId: context.activity.conversation.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
