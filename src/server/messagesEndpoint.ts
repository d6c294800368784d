import { Activity, ActivityHandlerBase, ActivityTypes } from 'botbuilder';
import type restify from 'restify';
import { phoneChannelId } from '../channels/profiles';
import type { Logger } from '../logging/logger';
import type { StepwiseAdapter } from './adapter';
import { activityProblem, dropNullOptionalFields } from './activityShape';
import { activityGuardProblem } from './security/activityGuard';
import { authenticateRequest, BotFrameworkAuthentication } from './security/authentication';
import { clientAddress } from './security/clientAddress';
import { isLoopbackUrl } from './security/loopback';
import type { Clock } from './security/rateLimiter';
import type { RequestRateLimits } from './security/rateLimits';

export interface MessagesEndpointOptions {
  adapter: StepwiseAdapter;
  bot: ActivityHandlerBase;
  /** The same authentication the adapter was built with. */
  authentication: BotFrameworkAuthentication;
  localMode: boolean;
  rateLimits: RequestRateLimits;
  /** The polite message for a customer who sends too fast, rendered for their channel. */
  rateLimitedReply: (activity: Partial<Activity>) => Partial<Activity>;
  logger: Logger;
  /** Longest message text kept (the content policy's maxInputCharacters); the rest is dropped here. */
  maxTextCharacters?: number;
  clock?: Clock;
  /** How long token validation may take (it may fetch Bot Framework's signing keys). */
  authTimeoutMs?: number;
}

const defaultAuthTimeoutMs = 10_000;

export const endpointMessages = {
  contentType: 'Unsupported media type: send the activity as JSON (application/json).',
  unauthorized: 'Unauthorized: a valid Bot Framework token is required.',
  keysUnavailable: 'Token validation is unavailable; try again later.',
  serviceUrl: 'Invalid activity: serviceUrl must be an http or https URL.',
  notLoopback: 'Forbidden: in local mode replies go only to a loopback serviceUrl (localhost, 127.0.0.1 or ::1).',
  tooMany: 'Too many requests: slow down and retry after the time in Retry-After.',
  inProcessChannel: 'Forbidden: the phone channel only runs inside Stepwise (the phone bridge).',
  internal: 'Internal error.',
} as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** As CloudAdapter.process does: string timestamps become Dates (their raw text is kept). */
function fixTimestamps(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}

/**
 * Cuts an over-long message to what the bot reads, before the turn: otherwise the whole text would be
 * copied into the transcript and from there into the handoff event sent back to the channel.
 */
function capText(activity: Activity, max: number | undefined): void {
  if (max === undefined || typeof activity.text !== 'string' || activity.text.length <= max) return;
  let text = activity.text.slice(0, max);
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  activity.text = text;
}

/**
 * POST /api/messages. Every check that can refuse a request runs before the turn, in order of cost,
 * so a refused request never touches the customer's state:
 * 415 not JSON -> (null optional fields dropped) -> 400 not a (safe) activity -> 403 local mode and serviceUrl not loopback
 * -> 401 not authenticated (429 once its address has failed too often; 503 if the signing keys cannot
 * be loaded) -> 429 over a rate limit (the conversation's; also the address's in local mode)
 * -> the turn (CloudAdapter.processActivity with the authentication result).
 */
export function messagesEndpoint(options: MessagesEndpointOptions): restify.RequestHandler {
  const { adapter, bot, authentication, localMode, rateLimits, logger } = options;
  const clock = options.clock ?? Date.now;
  const authTimeoutMs = options.authTimeoutMs ?? defaultAuthTimeoutMs;

  return async (req, res) => {
    const refuse = (status: number, error: string, reason: string, fields: Record<string, unknown> = {}) => {
      logger.warn('request rejected', { method: req.method, path: req.path(), status, reason, ...fields });
      res.send(status, { error });
    };

    if (req.body !== undefined && !req.is('json')) {
      return refuse(415, endpointMessages.contentType, 'content type is not JSON');
    }
    // Null in an optional field ("text": null on an image) means the field is absent.
    dropNullOptionalFields(req.body);
    const problem = activityProblem(req.body) ?? activityGuardProblem(req.body);
    if (problem) return refuse(400, problem, problem);

    const activity = req.body as Activity;
    // The bridge's transfer reports are trusted because nobody outside the process can post on its channel.
    if (activity.channelId.toLowerCase() === phoneChannelId) return refuse(403, endpointMessages.inProcessChannel, 'phone channel from outside');
    if (!isHttpUrl(activity.serviceUrl)) return refuse(400, endpointMessages.serviceUrl, 'serviceUrl is not an http(s) URL');
    // Nothing is authenticated in local mode: replying wherever serviceUrl points would let anyone
    // make the bot send requests to any address (server-side request forgery).
    if (localMode && !isLoopbackUrl(activity.serviceUrl)) {
      return refuse(403, endpointMessages.notLoopback, 'serviceUrl is not loopback in local mode');
    }

    const header = req.headers.authorization;
    const auth = await authenticateRequest(authentication, activity, header, { localMode, nowMs: clock(), timeoutMs: authTimeoutMs });
    if (!auth.ok) {
      if (auth.status === 401) {
        // Requests nobody vouched for are limited per address: a caller who keeps failing gets 429.
        const verdict = rateLimits.failedAuthentication(clientAddress(req));
        if (!verdict.allowed) {
          res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
          // Logged once per window, so a flood of forged requests cannot flood the log.
          if (verdict.tellCustomer) logger.warn('rate limit reached', { limit: 'address', reason: 'requests failing authentication' });
          res.send(429, { error: endpointMessages.tooMany });
          return;
        }
      }
      if (auth.status === 503) res.setHeader('Retry-After', '30');
      return refuse(auth.status, auth.status === 401 ? endpointMessages.unauthorized : endpointMessages.keysUnavailable, auth.reason);
    }

    capText(activity, options.maxTextCharacters);
    const conversationKey = `${activity.channelId}/${activity.conversation.id}`;
    // Authenticated Bot Service traffic arrives from a few shared addresses: only its conversation is limited.
    const verdict = rateLimits.check(conversationKey, clientAddress(req), { authenticated: !localMode });
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      if (verdict.tellCustomer) {
        logger.warn('rate limit reached', { limit: verdict.limit, channelId: activity.channelId, conversationId: activity.conversation.id });
        if (activity.type === ActivityTypes.Message) {
          try {
            await adapter.processAuthenticated(auth.result, fixTimestamps(activity), async (context) => {
              await context.sendActivity(options.rateLimitedReply(context.activity));
            });
          } catch (error) {
            logger.warn('could not tell the customer about the rate limit', { conversationId: activity.conversation.id, error: String(error) });
          }
        }
      }
      res.send(429, { error: endpointMessages.tooMany });
      return;
    }

    try {
      const invokeResponse = await adapter.processAuthenticated(auth.result, fixTimestamps(activity), (context) => bot.run(context));
      let status = invokeResponse?.status ?? 200;
      // An invoke the bot has no handler for is the caller's mistake, not a server fault.
      if (status === 501) status = 400;
      if (invokeResponse?.body !== undefined) res.send(status, invokeResponse.body);
      else res.send(status);
    } catch (error) {
      // Turn errors are handled by the adapter's onTurnError; this is the hosting failing around a turn.
      logger.error('activity could not be processed', {
        channelId: activity.channelId,
        conversationId: activity.conversation.id,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      res.send(500, { error: endpointMessages.internal });
    }
  };
}
