import { Activity, ActivityTypes, ChannelAccount, ConversationAccount } from 'botbuilder';
import type { TranscriptEntry } from '../storage/conversationTranscripts';
import { textFromValue } from './inbound';

/*
 * The fields the transcript's readers use, copied (no clone of the activity): customerTranscript
 * (ids, to pick one customer's part and fill in roles), summary.ts and transcriptLines (type, text,
 * roles, timestamp), and normalizeMessage for a customer's message (the bot's @mention, a card's value).
 */

function project(activity: Partial<Activity>, id: string | undefined, timestamp: Date): TranscriptEntry | undefined {
  const { channelId, conversation, from, recipient } = activity;
  if (activity.type !== ActivityTypes.Message || !channelId || !conversation?.id || !from) return undefined;
  return {
    type: activity.type,
    id,
    timestamp,
    channelId,
    from: { id: from.id, name: from.name, role: from.role },
    recipient: recipient && ({ id: recipient.id, role: recipient.role } as ChannelAccount),
    conversation: { id: conversation.id, conversationType: conversation.conversationType, isGroup: conversation.isGroup } as ConversationAccount,
    text: activity.text,
  };
}

/**
 * A message the bot received, as the middleware before the transcript left it (password masked, a
 * numbered choice made its text). Its text is kept as it came; the readers normalize it, as the bot did.
 */
export function receivedEntry(activity: Activity, now: Date, maxCharacters: number): TranscriptEntry | undefined {
  const entry = project(activity, activity.id, activity.timestamp ?? now);
  if (!entry) return undefined;
  const mentions = activity.entities?.filter((entity) => entity.type === 'mention' && entity.mentioned?.id === activity.recipient?.id);
  if (mentions?.length) entry.entities = mentions;
  const hasText = typeof activity.text === 'string' && activity.text.trim() !== '';
  if (!hasText || mentions?.length) {
    // normalizeMessage reads the value only as this text, trimmed and cut: keep just that.
    const valueText = textFromValue(activity.value);
    if (valueText !== undefined) entry.value = valueText.trim().slice(0, maxCharacters);
  }
  return entry;
}

/** A message as it was sent (the channel's id for it, when the channel returned one). */
export function sentEntry(activity: Partial<Activity>, sentId: string | undefined, now: Date): TranscriptEntry | undefined {
  return project(activity, sentId || activity.id, activity.timestamp ?? now);
}
