import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logging/logger';
import { readJsonBody } from '../http/jsonBody';
import { guarded } from '../http/guarded';
import { bearerToken, sendError, sendJson } from '../http/jsonResponses';
import { dropNullOptionalFields } from '../activityShape';
import { clientActivitySchema, parseWatermark, startBodySchema } from './activitySchemas';
import { acceptClientPost } from './clientRequestChecks';
import type { Conversation } from './conversationStore';
import type { DirectLineService } from './directLineService';
import type { IssuedToken } from './tokenRegistry';

/**
 * The client-facing Direct Line 3.0 routes (what Web Chat calls in polling mode):
 * tokens/generate, tokens/refresh, start, resume, post activity, get activities.
 */
export interface ClientRouteOptions {
  basePath: string;
  maxBodyBytes: number;
  /** Sites besides this server that may post (the chat page's embedding origins). */
  allowedOrigins: readonly string[];
  logger: Logger;
}

function tokenOf(req: Request, service: DirectLineService, res: Response): IssuedToken | undefined {
  const issued = service.authenticate(bearerToken(req.headers.authorization));
  if (!issued) sendError(res, 401, 'Unauthorized', 'Missing, unknown or expired token');
  return issued;
}

/** Token check, then conversation lookup (404), then token/conversation match (403). */
function authorize(req: Request, res: Response, service: DirectLineService): { token: IssuedToken; conversation: Conversation } | undefined {
  const token = tokenOf(req, service, res);
  if (!token) return undefined;
  const conversation = service.use(String(req.params.conversationId ?? ''));
  if (!conversation) {
    sendError(res, 404, 'NotFound', 'Unknown conversation');
    return undefined;
  }
  if (token.conversationId !== conversation.id) {
    sendError(res, 403, 'Forbidden', 'Token is not valid for this conversation');
    return undefined;
  }
  return { token, conversation };
}

async function startBody(req: Request, res: Response, maxBytes: number) {
  const body = await readJsonBody(req, maxBytes);
  if (!body.ok) {
    sendError(res, body.reason === 'too-large' ? 413 : 400, 'BadArgument', body.reason === 'too-large' ? 'Body too large' : 'Invalid JSON');
    return { ok: false as const };
  }
  const parsed = startBodySchema.safeParse(body.value);
  if (!parsed.success) {
    sendError(res, 400, 'BadArgument', 'Invalid request body');
    return { ok: false as const };
  }
  return { ok: true as const, value: parsed.data };
}

export function mountClientRoutes(server: Server, service: DirectLineService, options: ClientRouteOptions): void {
  const base = options.basePath;
  const { logger } = options;
  const rules = { logger, allowedOrigins: options.allowedOrigins };
  /** Routes that need a token may be posted without a body (and so without Content-Type). */
  const accepted = (req: Request, res: Response, withToken: boolean) => acceptClientPost(req, res, rules, { bodylessAllowed: withToken });

  const conversationInfo = (conversation: Conversation, token: IssuedToken) => ({
    conversationId: conversation.id,
    token: token.token,
    expires_in: service.secondsLeft(token),
  });

  // Local stand-in for exchanging a secret: no secret exists in local mode.
  server.post(`${base}/tokens/generate`, guarded(logger, 'directline.route_failed', 'tokens/generate', async (req, res) => {
    if (!accepted(req, res, false)) return;
    const body = await startBody(req, res, options.maxBodyBytes);
    if (!body.ok) return;
    const { conversation, token } = service.createConversation(body.value);
    sendJson(res, 200, { ...conversationInfo(conversation, token), userId: conversation.user.id });
  }));

  server.post(`${base}/tokens/refresh`, guarded(logger, 'directline.route_failed', 'tokens/refresh', async (req, res) => {
    if (!accepted(req, res, true)) return;
    const token = tokenOf(req, service, res);
    if (!token) return;
    const conversation = service.use(token.conversationId);
    if (!conversation) return sendError(res, 404, 'NotFound', 'Unknown conversation');
    sendJson(res, 200, conversationInfo(conversation, service.refreshToken(conversation)));
  }));

  // With a token: start (or re-open) that token's conversation. Without: create one (local mode only).
  server.post(`${base}/conversations`, guarded(logger, 'directline.route_failed', 'conversations/start', async (req, res) => {
    if (!accepted(req, res, req.headers.authorization !== undefined)) return;
    let conversation: Conversation | undefined;
    let token: IssuedToken | undefined;
    // Web Chat sends { user, locale } (conversationStartProperties): the locale reaches the bot with the greeting.
    let locale: string | undefined;
    if (req.headers.authorization !== undefined) {
      token = tokenOf(req, service, res);
      if (!token) return;
      conversation = service.use(token.conversationId);
      if (!conversation) return sendError(res, 404, 'NotFound', 'Unknown conversation');
      if (Number(req.headers['content-length'] ?? 0) > 0) {
        const body = await startBody(req, res, options.maxBodyBytes);
        if (!body.ok) return;
        locale = body.value?.locale;
      }
    } else {
      const body = await startBody(req, res, options.maxBodyBytes);
      if (!body.ok) return;
      ({ conversation, token } = service.createConversation(body.value));
      locale = body.value?.locale;
    }
    const started = await service.start(conversation, locale);
    sendJson(res, started ? 201 : 200, conversationInfo(conversation, token));
  }));

  server.get(`${base}/conversations/:conversationId`, guarded(logger, 'directline.route_failed', 'conversations/resume', async (req, res) => {
    const auth = authorize(req, res, service);
    if (!auth) return;
    sendJson(res, 200, conversationInfo(auth.conversation, auth.token));
  }));

  server.post(`${base}/conversations/:conversationId/activities`, guarded(logger, 'directline.route_failed', 'conversations/activities:post', async (req, res) => {
    if (!accepted(req, res, true)) return;
    const auth = authorize(req, res, service);
    if (!auth) return;
    const body = await readJsonBody(req, options.maxBodyBytes);
    if (!body.ok) {
      return sendError(res, body.reason === 'too-large' ? 413 : 400, 'BadArgument', body.reason === 'too-large' ? 'Body too large' : 'Invalid JSON');
    }
    // As on /api/messages: null in an optional field means the field is absent.
    const parsed = clientActivitySchema.safeParse(dropNullOptionalFields(body.value));
    if (!parsed.success) return sendError(res, 400, 'BadArgument', 'Invalid activity');
    const result = await service.postFromClient(auth.conversation, parsed.data);
    if (!result.ok) return sendError(res, 502, 'BotError', 'The bot could not take the activity');
    sendJson(res, 200, { id: result.id });
  }));

  server.get(`${base}/conversations/:conversationId/activities`, guarded(logger, 'directline.route_failed', 'conversations/activities:get', async (req, res) => {
    const auth = authorize(req, res, service);
    if (!auth) return;
    // Read from the URL itself: works with or without restify's queryParser plugin.
    const watermark = parseWatermark(new URL(req.url ?? '/', 'http://local').searchParams.get('watermark') ?? undefined);
    if (!watermark.ok) return sendError(res, 400, 'BadArgument', 'Invalid watermark');
    sendJson(res, 200, service.activitiesSince(auth.conversation, watermark.value));
  }));
}
