import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { ConversationTranscripts } from '../storage/conversationTranscripts';
import type { DurableStorage } from '../storage/guardedWrite';
import { storageCall } from '../storage/storageErrors';
import type { IntentRecognizer } from '../understanding/intents';
import { CustomerState } from './customerState';
import { ReturningCustomers } from './returningCustomers';
import { TurnGate } from './turnGate';

const forgottenKey = Symbol('stepwise.forgotten');

/** True once the customer's data was deleted in this turn: nothing of it may be saved again. */
export function wasForgotten(context: TurnContext): boolean {
  return context.turnState.get(forgottenKey) === true;
}

export interface ForgetMeOptions {
  storage: DurableStorage;
  transcripts: Pick<ConversationTranscripts, 'delete'>;
  intents: IntentRecognizer;
  logger: Logger;
  /** The confirmation, rendered for the customer's channel. */
  confirmation: (context: TurnContext) => Partial<Activity>;
  /** What other parts keep about the customer (the handoff's cases and check-ins). */
  alsoForget?: (context: TurnContext) => Promise<void>;
}

/**
 * "Forget me": deletes everything stored about the customer: their state in this conversation,
 * their returning-customer record, and the conversation's transcript (including this very turn,
 * which the transcript recorder writes after the bot has run).
 */
export class ForgetMe {
  constructor(private readonly options: ForgetMeOptions) {}

  isRequest(context: TurnContext): boolean {
    const { type, text } = context.activity;
    return type === ActivityTypes.Message && typeof text === 'string' && this.options.intents.matches('forgetMe', text);
  }

  async forget(context: TurnContext): Promise<void> {
    const { channelId, conversation } = context.activity;
    const keys = [CustomerState.storageKey(context), ReturningCustomers.key(context)].filter((key): key is string => Boolean(key));
    await storageCall('delete', () => this.options.storage.delete(keys));
    await this.options.alsoForget?.(context);
    context.turnState.set(forgottenKey, true);

    const deleteTranscript = async () => this.options.transcripts.delete(channelId, conversation.id);
    await deleteTranscript();
    TurnGate.afterTurn(context, deleteTranscript);

    this.options.logger.info('customer data deleted on request', { conversationId: conversation.id });
    await context.sendActivity(this.options.confirmation(context));
  }
}
