import { randomBytes } from 'node:crypto';
import type { Response as RestifyResponse, Server } from 'restify';
import { z } from 'zod';
import { createLogger, type Logger } from '../../logging/logger';
import { guarded } from '../http/guarded';
import { sendJson } from '../http/jsonResponses';

/**
 * Production: POST /api/directline/token exchanges the Direct Line secret (server side only)
 * for a single-conversation token bound to a fresh anonymous user id. The secret never leaves
 * this module: not in responses, not in logs.
 */
export const AZURE_TOKEN_API_URL = 'https://directline.botframework.com/v3/directline/tokens/generate';
export const TOKEN_ROUTE = '/api/directline/token';

export interface DirectLineTokenRouteOptions {
  directLineSecret: string;
  tokenApiUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  logger?: Logger;
  route?: string;
}

const upstreamSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().nonnegative(),
});

export function mountDirectLineTokenRoute(server: Server, options: DirectLineTokenRouteOptions): void {
  const secret = options.directLineSecret?.trim();
  if (!secret) throw new Error('mountDirectLineTokenRoute: directLineSecret is required');
  const tokenApiUrl = options.tokenApiUrl ?? AZURE_TOKEN_API_URL;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const logger = options.logger ?? createLogger('silent');

  const badGateway = (res: RestifyResponse, why: string, fields: Record<string, unknown> = {}) => {
    logger.warn('directline_token.upstream_failed', { why, ...fields });
    sendJson(res, 502, { error: 'Chat is unavailable right now' });
  };

  server.post(options.route ?? TOKEN_ROUTE, guarded(logger, 'directline_token.route_failed', 'token', async (_req, res) => {
    const userId = `dl_${randomBytes(16).toString('hex')}`;
    let response: Response;
    try {
      response = await doFetch(tokenApiUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return badGateway(res, 'unreachable', { error: error instanceof Error ? error.name : 'unknown' });
    }
    if (!response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      return badGateway(res, 'status', { status: response.status });
    }
    const body = await response.json().catch(() => undefined);
    const parsed = upstreamSchema.safeParse(body);
    if (!parsed.success) return badGateway(res, 'bad_body');
    const { token, conversationId, expires_in } = parsed.data;
    logger.info('directline_token.issued', { conversationId });
    sendJson(res, 200, { token, conversationId, expires_in, userId });
  }));
}
