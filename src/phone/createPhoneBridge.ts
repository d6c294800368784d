import type { Storage } from 'botbuilder';
import type { ReplyRenderer } from '../channels/renderer';
import { voiceLocale } from '../channels/voiceReply';
import { baseLanguage, Language, languageOfLocale, languages } from '../content/languages';
import type { Content } from '../content/loader';
import type { Logger } from '../logging/logger';
import { AcsSigningKeys } from './acsSigningKeys';
import { bridgeLines } from './bridgeLines';
import { callbackTokenCheck } from './callbackToken';
import { CallerActivities } from './callerActivities';
import { acsCallControl, CallControl } from './callControl';
import { CallRecords } from './callRecords';
import { ConversationTurn, PhoneBridge } from './phoneBridge';
import type { CallbackTokenSettings, PhoneSettings } from './settings';
import type { AcsClientArguments } from './acsAccess';

export const callEventsPath = '/api/calls/events';
export const incomingCallsPath = '/api/calls/incoming';

export interface CreatePhoneBridgeOptions {
  settings: PhoneSettings;
  access: AcsClientArguments;
  turn: ConversationTurn;
  storage: Storage;
  content: Content;
  renderer: ReplyRenderer;
  /** The locale a call starts in when the IVR did not say the caller's language (the English voice's, en-US). */
  locale: string;
  /** Where the bot's proactive messages to a call go (mounted by the hosting layer). */
  connectorUrl: string;
  logger: Logger;
  /** Replaces the SDK (tests of the bridge alone). */
  control?: CallControl;
}

/** Each language's locale on a call: its voice's (VOICE_NAME, VOICE_NAME_ES), as the SSML's xml:lang says. */
function voiceLocales(renderer: ReplyRenderer): Record<Language, string> {
  return Object.fromEntries(languages.map((language) => [language, voiceLocale(renderer.voiceName(language))])) as Record<Language, string>;
}

function checkedCallbackTokens(settings: CallbackTokenSettings, logger: Logger) {
  const keys = new AcsSigningKeys({ openIdConfigurationUrl: settings.openIdConfigurationUrl, logger });
  return callbackTokenCheck({ audience: settings.audience, keys });
}

export function createPhoneBridge(options: CreatePhoneBridgeOptions): PhoneBridge {
  const locales = voiceLocales(options.renderer);
  const defaultLanguage = languageOfLocale(options.locale) ?? baseLanguage;
  return new PhoneBridge({
    records: new CallRecords(options.storage),
    control: options.control ?? acsCallControl({ settings: options.settings, access: options.access }),
    turn: options.turn,
    activities: new CallerActivities(options.connectorUrl, locales, defaultLanguage),
    lines: bridgeLines(options.content, options.renderer),
    locales,
    defaultLanguage,
    callbackUrl: `${options.settings.callbackBaseUrl}${callEventsPath}`,
    logger: options.logger,
    callbackToken: options.settings.callbackTokens && checkedCallbackTokens(options.settings.callbackTokens, options.logger),
  });
}
