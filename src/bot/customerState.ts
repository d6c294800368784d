import { BotState, Storage, TurnContext } from 'botbuilder';
import { isSharedConversation } from '../channels/audience';

/**
 * Conversation state kept per customer: in a 1:1 chat that is the conversation; in a group chat or a
 * Teams channel thread each person has their own, so two people never advance each other's steps.
 */
export class CustomerState extends BotState {
  constructor(storage: Storage) {
    super(storage, (context) => Promise.resolve(CustomerState.storageKey(context)));
  }

  static storageKey(context: TurnContext): string {
    const { channelId, conversation, from } = context.activity;
    if (!channelId || !conversation?.id) throw new Error('Activity is missing channelId or conversation.id');
    const shared = isSharedConversation(conversation);
    const base = `${channelId}/conversations/${conversation.id}`;
    return shared && from?.id ? `${base}/customers/${from.id}` : base;
  }
}
