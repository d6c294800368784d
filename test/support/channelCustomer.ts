import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { HttpConversation, type RunningStepwise } from './stepwiseServer';
import { personalChat, TeamsMember, teamsPerson } from './teams';

/** What a customer got back in one turn, whatever the channel. */
export interface Turn {
  /** Every message's words: text on screen channels, what is said on the phone. */
  said: string;
  /** How the last message's options came: suggested actions, a numbered list, or what the caller hears. */
  options: string;
  events: string[];
  locales: (string | undefined)[];
  /** The SSML of each message (voice channels). */
  speak: string[];
}

export type Channel = 'webchat' | 'msteams' | 'sms' | 'telephony';

export function turnOf(replies: ReceivedActivity[]): Turn {
  const messages = replies.filter((a) => a.type === 'message');
  const last = messages[messages.length - 1];
  const actions = last?.suggestedActions?.actions.map((a) => a.title).join(' | ') ?? '';
  return {
    said: messages.map((m) => m.text ?? '').join('\n'),
    options: actions || (last?.text ?? ''),
    events: replies.filter((a) => a.type === 'event').map((a) => a.name ?? ''),
    locales: messages.map((m) => (m as { locale?: string }).locale),
    speak: messages.map((m) => (m as { speak?: string }).speak ?? ''),
  };
}

/** A customer on `channel` (a personal Teams chat for msteams), over the HTTP endpoint. */
export function customerOn(stepwise: RunningStepwise, channel: Channel, teamsName = 'Pat Lee'): (text: string) => Promise<Turn> {
  if (channel === 'msteams') {
    const member = new TeamsMember(stepwise, teamsPerson(teamsName), personalChat());
    return async (text) => turnOf((await member.say(text)).replies);
  }
  const conversation = new HttpConversation(stepwise, channel);
  return async (text) => turnOf((await conversation.say(text)).replies);
}
