import type { Request, Server } from 'restify';
import { z } from 'zod';
import { createLogger, type Logger } from '../../logging/logger';
import { guarded } from '../http/guarded';
import { readJsonBody } from '../http/jsonBody';
import { sendJson } from '../http/jsonResponses';
import { originAllowed } from '../security/origin';
import { ChatUnavailableError, type ConversationIssuer } from './conversationGrant';
import type { CredentialKey } from './credentialKey';
import { newWebUserId, signCredential, verifiedUserId } from './customerCredential';

/**
 * POST /api/directline/token, the chat page's one way in (local and Azure mode): a Direct Line token for
 * a new conversation, bound to the customer's user id. The page sends the credential it was given last
 * time (`{"credential": "..."}`, or `{}`); a credential this server signed keeps its user id, so the bot
 * can say "Welcome back". Anything else (absent, expired key, forged, tampered) gets a fresh id, never
 * someone else's. The answer carries the credential for the page to keep. A page opened from a link texted to a
 * caller also sends the link's token (`{"continue": "..."}`): the caller's place becomes this user's, so the chat
 * offers their step; an unknown or expired token is ignored (the chat starts as usual).
 */
export const TOKEN_ROUTE = '/api/directline/token';

export interface DirectLineTokenRouteOptions {
  issue: ConversationIssuer;
  credentialKey: CredentialKey;
  /** Sites besides this server that may ask for a token from a browser (the ISP's pages that embed the chat). */
  allowedOrigins?: readonly string[];
  /** Opens a texted link's place for this user; absent: links are ignored. */
  openPlace?: (token: string, userId: string) => Promise<boolean>;
  logger?: Logger;
  route?: string;
  maxBodyBytes?: number;
}

const requestSchema = z.object({ credential: z.string().max(256).optional(), continue: z.string().max(128).optional() });

function isJson(req: Request): boolean {
  return /^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''));
}

export function mountDirectLineTokenRoute(server: Server, options: DirectLineTokenRouteOptions): void {
  const logger = options.logger ?? createLogger('silent');

  server.post(options.route ?? TOKEN_ROUTE, guarded(logger, 'directline_token.route_failed', 'token', async (req, res) => {
    // A page on another site may not start chats in the customer's name (nor a DNS-rebound one: Host is checked).
    if (!originAllowed(req.headers.origin, req.headers.host, { allowedOrigins: options.allowedOrigins ?? [] })) {
      logger.warn('directline_token.origin_refused', { origin: String(req.headers.origin).slice(0, 100) });
      return sendJson(res, 403, { error: 'This page may not start a chat here' });
    }
    // A JSON body also means a cross-site form cannot ask for a token: browsers preflight it.
    if (!isJson(req)) return sendJson(res, 415, { error: 'Send a JSON body (Content-Type: application/json)' });
    const body = await readJsonBody(req, options.maxBodyBytes ?? 4096);
    const parsed = body.ok && body.value !== null && typeof body.value === 'object' ? requestSchema.safeParse(body.value) : undefined;
    if (!parsed?.success) return sendJson(res, 400, { error: 'Send a JSON object, e.g. {} or {"credential": "..."}' });

    const key = await options.credentialKey();
    const { credential } = parsed.data;
    const kept = credential ? verifiedUserId(key, credential) : undefined;
    if (credential && !kept) logger.warn('directline_token.credential_rejected');
    const userId = kept ?? newWebUserId();
    if (parsed.data.continue && options.openPlace) {
      const opened = await options.openPlace(parsed.data.continue, userId);
      logger.info('directline_token.place_link', { opened });
    }

    try {
      const grant = await options.issue(userId);
      logger.info('directline_token.issued', { conversationId: grant.conversationId, returning: kept !== undefined });
      sendJson(res, 200, { ...grant, userId, credential: signCredential(key, userId) });
    } catch (error) {
      if (!(error instanceof ChatUnavailableError)) throw error;
      logger.warn('directline_token.upstream_failed', { why: error.why, ...error.fields });
      sendJson(res, 502, { error: 'Chat is unavailable right now' });
    }
  }));
}
