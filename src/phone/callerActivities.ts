import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes } from 'botbuilder';
import { phoneChannelId } from '../channels/profiles';
import type { Language } from '../content/languages';
import type { CallRecord } from './callRecords';

const botAccount = { id: 'stepwise', name: 'Stepwise', role: 'bot' };
/** Who reports on the transfer (handoff.status): the bridge, as a contact-centre connector would. */
const bridgeAccount = { id: 'phone-bridge', name: 'Phone bridge' };

export type TransferState = 'accepted' | 'failed';

/**
 * What happens on a call, as Bot Framework activities of the `phone` channel: the caller joining,
 * speaking, pressing a key (one key per message with a DTMF entity, as the telephony channel sends
 * them), staying silent (a message with no text), and the transfer's outcome.
 */
export class CallerActivities {
  constructor(
    /** Where the bot's proactive messages to a call go (the bridge's connector). */
    private readonly serviceUrl: string,
    /** Each language's locale on a call (its voice's). */
    private readonly locales: Record<Language, string>,
    /** The language of a call nobody has chosen one for yet. */
    private readonly defaultLanguage: Language,
  ) {}

  private base(call: CallRecord): Partial<Activity> {
    return {
      id: randomUUID(),
      channelId: phoneChannelId,
      serviceUrl: this.serviceUrl,
      conversation: { id: call.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: call.userId, name: '', role: 'user' },
      recipient: botAccount,
      // The call's language: the conversation reads it from the locale until it keeps its own choice.
      locale: this.locales[call.language ?? this.defaultLanguage],
      // What a technician can call back outside business hours (src/channels/callerNumber.ts).
      channelData: { callerNumber: call.callerNumber },
    };
  }

  /** The call was answered: the caller's number and the IVR's context ride along with the conversation. */
  joined(call: CallRecord): Partial<Activity> {
    const base = this.base(call);
    return {
      ...base,
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [base.from!, botAccount],
      channelData: { callerNumber: call.callerNumber, ivrContext: call.ivrContext },
    };
  }

  said(call: CallRecord, text: string): Partial<Activity> {
    return { ...this.base(call), type: ActivityTypes.Message, text };
  }

  pressed(call: CallRecord, key: string): Partial<Activity> {
    return { ...this.base(call), type: ActivityTypes.Message, text: key, entities: [{ type: 'DTMF', tone: key }] };
  }

  /** Nothing was heard: the conversation answers it as a message without words. */
  silent(call: CallRecord): Partial<Activity> {
    return { ...this.base(call), type: ActivityTypes.Message, text: '' };
  }

  transfer(call: CallRecord, state: TransferState): Partial<Activity> {
    return {
      ...this.base(call),
      from: bridgeAccount,
      type: ActivityTypes.Event,
      name: 'handoff.status',
      value: { state, reference: call.transfer?.reference },
    };
  }
}
