import { Activity, ActivityHandlerBase, DeliveryModes } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { StepwiseAdapter } from '../adapter';
import type { BotFrameworkAuthentication } from '../security/authentication';

/** Runs one turn inside the process and returns what the bot sent in it. */
export type TurnRunner = (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;

export interface InProcessTurnOptions {
  adapter: StepwiseAdapter;
  bot: ActivityHandlerBase;
  authentication: BotFrameworkAuthentication;
  /** The bot's own app id ('' in local mode): the turn runs as the bot itself, as a proactive turn does. */
  botAppId: string;
}

/**
 * Turns of a channel that lives in this process (the phone bridge): nobody outside sent the activity,
 * so there is no token to check; the identity is the bot's own, as CloudAdapter builds for proactive
 * turns. `expectReplies` makes the adapter hand the turn's replies back instead of posting them.
 */
export function inProcessTurns({ adapter, bot, authentication, botAppId }: InProcessTurnOptions): TurnRunner {
  const claimsIdentity = new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: botAppId },
    { type: AuthenticationConstants.AppIdClaim, value: botAppId },
  ]);
  const authenticated = {
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    claimsIdentity,
    callerId: undefined as unknown as string,
    connectorFactory: authentication.createConnectorFactory(claimsIdentity),
  };
  return async (activity) => {
    const inbound = { ...activity, deliveryMode: DeliveryModes.ExpectReplies, timestamp: new Date() } as Activity;
    const response = await adapter.processAuthenticated(authenticated, inbound, (context) => bot.run(context));
    const body = response?.body as { activities?: Partial<Activity>[] } | undefined;
    return body?.activities ?? [];
  };
}
