import { Activity, CloudAdapter, InvokeResponse, TurnContext } from 'botbuilder';
import type { BotCredentials } from '../config/config';
import type { Logger } from '../logging/logger';
import { AuthenticateRequestResult, BotFrameworkAuthentication, createBotAuthentication } from './security/authentication';

/**
 * CloudAdapter that runs a turn for a request the server has already authenticated (see
 * messagesEndpoint): the server decides every status code, and no SDK error text reaches a caller.
 */
export class StepwiseAdapter extends CloudAdapter {
  processAuthenticated(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

export interface AdapterOptions {
  credentials: BotCredentials;
  logger: Logger;
  /** What the customer is told when a turn fails (rendered for their channel by the caller). */
  turnErrorReply: (context: TurnContext) => Partial<Activity>;
  /** Default: built from credentials. The server validates requests with the same instance. */
  authentication?: BotFrameworkAuthentication;
}

/**
 * CloudAdapter with Bot Framework authentication from MicrosoftApp* settings. Without a
 * MicrosoftAppId, requests are not authenticated (local mode: Emulator, terminal chat, local Web Chat).
 */
export function createAdapter({ credentials, logger, turnErrorReply, authentication }: AdapterOptions): StepwiseAdapter {
  const adapter = new StepwiseAdapter(authentication ?? createBotAuthentication(credentials));

  adapter.onTurnError = async (context, error) => {
    logger.error('turn failed', {
      conversationId: context.activity?.conversation?.id,
      channelId: context.activity?.channelId,
      activityType: context.activity?.type,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    // State is deliberately not cleared: the customer's last saved step is still theirs.
    try {
      await context.sendActivity(turnErrorReply(context));
    } catch (sendError) {
      logger.error('could not tell the customer about the failed turn', {
        conversationId: context.activity?.conversation?.id,
        error: sendError instanceof Error ? sendError.message : String(sendError),
      });
    }
  };
  return adapter;
}
