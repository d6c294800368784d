import type { Activity, ConversationAccount } from 'botbuilder';

/** Who a reply goes to: taken from the activity the bot is answering. */
export type ReplyAudience = Partial<Pick<Activity, 'channelId' | 'conversation' | 'from'>>;

/**
 * A conversation several people share (a Teams channel thread, a group chat): each person keeps their
 * own progress there, and replies say whom they answer.
 */
export function isSharedConversation(conversation: Partial<ConversationAccount> | undefined): boolean {
  if (!conversation) return false;
  return conversation.isGroup === true || (conversation.conversationType !== undefined && conversation.conversationType !== 'personal');
}
