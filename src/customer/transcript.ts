import { Activity, ActivityTypes, ChannelAccount } from 'botbuilder';
import { normalizeMessage } from './inbound';

/**
 * One message of the customer's conversation as it is kept in their state document: who said it, what, when.
 * The text is what the bot read (password masked, @mention removed, a card's value or a numbered choice as
 * its text) or what it sent.
 */
export interface TranscriptLine {
  from: 'customer' | 'bot';
  text: string;
  timestamp: string;
}

/** How much of the conversation the state keeps (policy.transcripts). */
export interface TranscriptBounds {
  maxMessagesPerConversation: number;
  maxCharactersPerMessage: number;
}

/** The property of the customer's state document the lines are kept in. */
export const transcriptProperty = 'transcript';

/** Dated by the bot's clock, not the activity's timestamp: a client sets that, and the returning-customer offer goes by it. */
function line(from: TranscriptLine['from'], text: string | undefined, now: Date, bounds: TranscriptBounds): TranscriptLine | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return { from, text: trimmed.slice(0, bounds.maxCharactersPerMessage), timestamp: now.toISOString() };
}

/** The customer's message as the bot read it; none for other activities or a message without words (a picture). */
export function receivedLine(activity: Activity, now: Date, maxInputCharacters: number, bounds: TranscriptBounds): TranscriptLine | undefined {
  if (activity.type !== ActivityTypes.Message) return undefined;
  const read = { ...activity } as Activity;
  normalizeMessage(read, maxInputCharacters);
  return line('customer', read.text, now, bounds);
}

/** A message the bot sends; none for events, typing and the like. */
export function sentLine(activity: Partial<Activity>, now: Date, bounds: TranscriptBounds): TranscriptLine | undefined {
  if (activity.type !== undefined && activity.type !== ActivityTypes.Message) return undefined;
  return line('bot', activity.text, now, bounds);
}

/** The lines kept in a state document (none when it has none, or something else under the name). */
export function storedLines(state: Record<string, unknown> | undefined): TranscriptLine[] {
  const lines = state?.[transcriptProperty];
  return Array.isArray(lines) ? (lines as TranscriptLine[]) : [];
}

/** The state's lines with these added, the oldest dropped beyond the bound. */
export function withLines(state: Record<string, unknown>, lines: TranscriptLine[], bounds: TranscriptBounds): TranscriptLine[] {
  return [...storedLines(state), ...lines].slice(-bounds.maxMessagesPerConversation);
}

/** Who the lines are between, for readers that expect activities (the handoff protocol, the summary). */
export interface TranscriptParties {
  channelId: string;
  conversation: Activity['conversation'];
  customer: ChannelAccount;
  bot: ChannelAccount;
}

/** The lines as message activities, roles filled in. */
export function linesAsActivities(lines: TranscriptLine[], parties: TranscriptParties): Partial<Activity>[] {
  const customer = { id: parties.customer.id, name: parties.customer.name, role: 'user' } as ChannelAccount;
  const bot = { id: parties.bot.id, name: parties.bot.name, role: 'bot' } as ChannelAccount;
  const conversation = { id: parties.conversation.id, conversationType: parties.conversation.conversationType, isGroup: parties.conversation.isGroup } as Activity['conversation'];
  return lines.map((stored) => ({
    type: ActivityTypes.Message,
    channelId: parties.channelId,
    conversation,
    from: stored.from === 'customer' ? customer : bot,
    recipient: stored.from === 'customer' ? bot : customer,
    text: stored.text,
    timestamp: new Date(stored.timestamp),
  }));
}

/** The parties of a turn: a customer's own (from them to the bot) or one the bot started (from the conversation reference). */
export function partiesOf(activity: Partial<Activity>): TranscriptParties {
  return {
    channelId: activity.channelId ?? '',
    conversation: activity.conversation ?? ({ id: '' } as Activity['conversation']),
    customer: activity.from ?? ({ id: '' } as ChannelAccount),
    bot: activity.recipient ?? ({ id: '' } as ChannelAccount),
  };
}
