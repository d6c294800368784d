import type { Storage } from 'botbuilder';
import type { ReplyRenderer } from '../channels/renderer';
import { phoneChannelId } from '../channels/profiles';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import type { Logger } from '../logging/logger';
import { CallerActivities } from './callerActivities';
import { acsCallControl, CallControl } from './callControl';
import { CallRecords } from './callRecords';
import { BridgeLines, ConversationTurn, PhoneBridge } from './phoneBridge';
import type { PhoneSettings } from './settings';

export const callEventsPath = '/api/calls/events';
export const incomingCallsPath = '/api/calls/incoming';

export interface CreatePhoneBridgeOptions {
  settings: PhoneSettings;
  turn: ConversationTurn;
  storage: Storage;
  content: Content;
  renderer: ReplyRenderer;
  /** The voice's language (en-US), also the recognizer's. */
  locale: string;
  /** Where the bot's proactive messages to a call go (mounted by the hosting layer). */
  connectorUrl: string;
  logger: Logger;
  /** Replaces the SDK (tests of the bridge alone). */
  control?: CallControl;
}

/** The bridge's own lines, from content, spoken like every reply on the phone channel. */
function bridgeLines(content: Content, renderer: ReplyRenderer): BridgeLines {
  const spoken = (text: string) => renderer.render({ text, expectsReply: true }, { channelId: phoneChannelId }).speak!;
  const lines = content.messages.phone;
  return {
    silenceOffer: () => spoken(lines.silenceOffer),
    referenceBeforeTransfer: (reference) => spoken(fill(lines.referenceBeforeTransfer, { reference })),
    goodbyeAfterSilence: () => spoken(lines.goodbyeAfterSilence),
    transferFailed: (reference) => spoken(fill(lines.transferFailed, { reference: reference ?? '' })),
  };
}

export function createPhoneBridge(options: CreatePhoneBridgeOptions): PhoneBridge {
  return new PhoneBridge({
    records: new CallRecords(options.storage),
    control: options.control ?? acsCallControl({ settings: options.settings, speechLanguage: options.locale }),
    turn: options.turn,
    activities: new CallerActivities(options.connectorUrl, options.locale),
    lines: bridgeLines(options.content, options.renderer),
    callbackUrl: `${options.settings.callbackBaseUrl}${callEventsPath}`,
    logger: options.logger,
  });
}
