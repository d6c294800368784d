import type { Server } from 'restify';
import type { Storage } from 'botbuilder';
import type { BotParts } from '../../bot/createBot';
import type { Content } from '../../content/loader';
import type { Logger } from '../../logging/logger';
import { createPhoneBridge } from '../../phone/createPhoneBridge';
import type { PhoneBridge } from '../../phone/phoneBridge';
import type { PhoneSettings } from '../../phone/settings';
import type { AcsClientArguments } from '../../phone/acsAccess';
import type { StepwiseAdapter } from '../adapter';
import type { BotFrameworkAuthentication } from '../security/authentication';
import { inProcessTurns } from './inProcessTurns';
import { mountPhoneBridge } from './mountPhoneBridge';
import { mountPhoneConnector } from './phoneConnector';

export interface PhoneHostingOptions {
  settings: PhoneSettings;
  /** How the SDK reaches ACS (key or managed identity). */
  access: AcsClientArguments;
  adapter: StepwiseAdapter;
  authentication: BotFrameworkAuthentication;
  botAppId: string;
  bot: BotParts;
  storage: Storage;
  content: Content;
  /** The locale a call starts in when the IVR did not say the caller's language (the English voice's, e.g. en-US). */
  locale: string;
  logger: Logger;
}

/** Puts the phone bridge on the server: its routes, and its calls' turns run through this adapter. */
export function hostPhoneBridge(server: Server, options: PhoneHostingOptions): PhoneBridge {
  const connectorPath = mountPhoneConnector(server, options.logger);
  const bridge = createPhoneBridge({
    settings: options.settings,
    access: options.access,
    turn: inProcessTurns({ adapter: options.adapter, bot: options.bot.bot, authentication: options.authentication, botAppId: options.botAppId }),
    storage: options.storage,
    content: options.content,
    renderer: options.bot.renderer,
    locale: options.locale,
    connectorUrl: `${options.settings.callbackBaseUrl}${connectorPath}`,
    logger: options.logger,
  });
  mountPhoneBridge(server, {
    bridge,
    eventGrid: { secret: options.settings.eventGridSecret, topic: options.settings.eventGridTopic },
    logger: options.logger,
  });
  const { eventGridSecret, callbackTokens } = options.settings;
  options.logger.info('phone bridge on', {
    callbacks: options.settings.callbackBaseUrl,
    access: options.access.kind === 'key' ? 'access key' : 'managed identity',
    eventGridSecret: eventGridSecret ? 'set' : 'not set',
    callbackTokens: callbackTokens ? `checked (audience ${callbackTokens.audience})` : 'not checked',
  });
  if (!eventGridSecret) {
    options.logger.warn('ACS_EVENTGRID_SECRET is not set: anyone who can reach /api/calls/incoming can make Stepwise answer a call it names');
  }
  if (!callbackTokens) {
    options.logger.warn("ACS_RESOURCE_ID is not set: call callbacks are checked by their URL's secret only, not by ACS's signed token");
  }
  return bridge;
}
