import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logging/logger';
import { guarded } from '../http/guarded';
import { readJsonBody } from '../http/jsonBody';
import { sendError, sendJson } from '../http/jsonResponses';
import { botActivitySchema, type BotActivity } from './activitySchemas';
import type { ConnectorSecret } from './connectorSecret';
import type { Conversation } from './conversationStore';
import type { DirectLineService } from './directLineService';

/**
 * The Bot Connector side the bot replies to (its serviceUrl): the subset of
 * botframework-connector's Conversations API that a turn uses, at
 * `<connectorPath>/<secret>/v3/conversations/...`. Only callers that know the per-process secret
 * (the bot, through the serviceUrl it was given) get past the first path segment.
 */
export interface ConnectorRouteOptions {
  connectorPath: string;
  secret: ConnectorSecret;
  maxBodyBytes: number;
  logger: Logger;
}

function refuse(req: Request, res: Response, logger: Logger): void {
  logger.warn('directline.connector_refused', { method: req.method, reason: 'missing or wrong connector secret' });
  sendError(res, 403, 'Forbidden', 'Missing or wrong connector secret');
}

async function activityOf(req: Request, res: Response, maxBytes: number): Promise<BotActivity | undefined> {
  const body = await readJsonBody(req, maxBytes);
  if (!body.ok) {
    sendError(res, body.reason === 'too-large' ? 413 : 400, 'BadArgument', body.reason === 'too-large' ? 'Body too large' : 'Invalid JSON');
    return undefined;
  }
  const parsed = botActivitySchema.safeParse(body.value);
  if (!parsed.success) {
    sendError(res, 400, 'BadArgument', 'Invalid activity');
    return undefined;
  }
  return parsed.data;
}

export function mountConnectorRoutes(server: Server, service: DirectLineService, options: ConnectorRouteOptions): void {
  const base = `${options.connectorPath}/:connectorSecret/v3/conversations/:conversationId`;
  const { logger, secret } = options;

  /** Secret first (403), then the conversation (404): a refused caller learns nothing about conversations. */
  const conversationOf = (req: Request, res: Response): Conversation | undefined => {
    if (!secret.matches(req.params.connectorSecret)) {
      refuse(req, res, logger);
      return undefined;
    }
    const conversation = service.use(String(req.params.conversationId ?? ''));
    if (!conversation) sendError(res, 404, 'ConversationNotFound', 'Unknown conversation');
    return conversation;
  };

  // Proactive messages (sendToConversation) and in-turn replies (replyToActivity).
  const send = (withReplyTo: boolean) =>
    guarded(logger, 'directline.route_failed', withReplyTo ? 'connector/reply' : 'connector/send', async (req, res) => {
      const conversation = conversationOf(req, res);
      if (!conversation) return;
      const activity = await activityOf(req, res, options.maxBodyBytes);
      if (!activity) return;
      const replyToId = withReplyTo ? String(req.params.activityId) : (activity.replyToId as string | undefined);
      sendJson(res, 200, { id: service.postFromBot(conversation, activity, replyToId) });
    });

  server.post(`${base}/activities`, send(false));
  server.post(`${base}/activities/:activityId`, send(true));

  server.put(`${base}/activities/:activityId`, guarded(logger, 'directline.route_failed', 'connector/update', async (req, res) => {
    const conversation = conversationOf(req, res);
    if (!conversation) return;
    const activity = await activityOf(req, res, options.maxBodyBytes);
    if (!activity) return;
    const id = service.updateFromBot(conversation, String(req.params.activityId), activity);
    if (!id) return sendError(res, 404, 'ActivityNotFound', 'Unknown activity');
    sendJson(res, 200, { id });
  }));

  server.del(`${base}/activities/:activityId`, guarded(logger, 'directline.route_failed', 'connector/delete', async (req, res) => {
    const conversation = conversationOf(req, res);
    if (!conversation) return;
    service.deleteFromBot(conversation, String(req.params.activityId));
    sendJson(res, 200, {});
  }));

  server.get(`${base}/members`, guarded(logger, 'directline.route_failed', 'connector/members', async (req, res) => {
    const conversation = conversationOf(req, res);
    if (!conversation) return;
    sendJson(res, 200, service.members(conversation));
  }));

  server.get(`${base}/members/:memberId`, guarded(logger, 'directline.route_failed', 'connector/member', async (req, res) => {
    const conversation = conversationOf(req, res);
    if (!conversation) return;
    const member = service.members(conversation).find((m) => m.id === String(req.params.memberId));
    if (!member) return sendError(res, 404, 'MemberNotFound', 'Unknown member');
    sendJson(res, 200, member);
  }));

  server.get(`${base}/activities/:activityId/members`, guarded(logger, 'directline.route_failed', 'connector/activity-members', async (req, res) => {
    const conversation = conversationOf(req, res);
    if (!conversation) return;
    sendJson(res, 200, service.members(conversation));
  }));

  // Everything else under the connector path: without the secret 403, with it an unknown call (404).
  const unknownRoute = guarded(logger, 'directline.route_failed', 'connector/unknown', async (req, res) => {
    const firstSegment = String(req.params['*'] ?? '').split('/')[0];
    if (!secret.matches(firstSegment)) return refuse(req, res, logger);
    sendError(res, 404, 'NotFound', 'Unknown connector operation');
  });
  for (const method of ['get', 'post', 'put', 'patch', 'del'] as const) server[method](`${options.connectorPath}/*`, unknownRoute);
}
