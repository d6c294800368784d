import restify from 'restify';
import type { Activity, ActivityHandlerBase } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { StepwiseAdapter } from './adapter';
import { messagesEndpoint } from './messagesEndpoint';
import { signingKeyHealthOf, type BotFrameworkAuthentication } from './security/authentication';
import { answerHeadLikeGet, isHeadRequest } from './http/head';
import { hardenServer } from './security/hardening';
import type { Clock } from './security/rateLimiter';
import { describeRateLimits, RateLimitSettings, RequestRateLimits } from './security/rateLimits';
import { limitRoute } from './security/tokenRouteLimit';
import { endpointMessages } from './messagesEndpoint';
import { TOKEN_ROUTE } from './webchat/mountDirectLineTokenRoute';
import { appVersion } from './version';

/** What src/server/security needs: the adapter's authentication, the rate limits and their message. */
export interface ServerSecurityOptions {
  authentication: BotFrameworkAuthentication;
  rateLimits: RateLimitSettings;
  /** The polite "too fast" message for a customer, rendered for their channel. */
  rateLimitedReply: (activity: Partial<Activity>) => Partial<Activity>;
  /** Time for the rate limits and token expiry (tests move it). */
  clock?: Clock;
  /** Longest message text kept before the turn (content policy maxInputCharacters). */
  maxTextCharacters?: number;
}

export interface ServerOptions {
  adapter: StepwiseAdapter;
  bot: ActivityHandlerBase;
  logger: Logger;
  /** Largest request body accepted on /api/messages, in bytes. */
  maxBodyBytes?: number;
  /** Extra health checks (e.g. the state store); each resolves or rejects. One down makes /healthz 503. */
  healthChecks?: Record<string, () => Promise<void>>;
  /**
   * Checks of what the instance can serve customers without (the timer queue: check-ins wait for it): reported in
   * /healthz, "degraded" when down, but still 200, since restarting the instance would not bring them back.
   */
  degradingChecks?: Record<string, () => Promise<void>>;
  localMode: boolean;
  security: ServerSecurityOptions;
}

const defaultMaxBodyBytes = 256 * 1024;

async function runHealthChecks(checks: Record<string, () => Promise<void>>): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'up'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The HTTP face of the bot: the Bot Framework messaging endpoint and a health check. */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, logger } = options;
  const { security } = options;
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  // No name: restify would send it as a Server header.
  const server = restify.createServer({ name: '' });
  hardenServer(server, { maxRequestBytes: maxBodyBytes, logger });
  answerHeadLikeGet(server);
  // Production Web Chat's token exchange (mounted later, if at all: see mountChatWidget).
  limitRoute(server, {
    method: 'POST',
    path: TOKEN_ROUTE,
    limit: security.rateLimits.tokensPerAddress ?? 0,
    windowMs: security.rateLimits.windowSeconds * 1000,
    clock: security.clock,
    logger,
    message: endpointMessages.tooMany,
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));
  // Once every route is mounted: one line saying which rate limits apply.
  server.server.once('listening', () => {
    const tokenRoute = Object.values(server.router.getRoutes()).some((route) => route.method === 'POST' && route.path === TOKEN_ROUTE);
    logger.info(`rate limits: ${describeRateLimits(security.rateLimits, { localMode: options.localMode, tokenRoute })}`);
  });

  server.post(
    '/api/messages',
    messagesEndpoint({
      adapter,
      bot,
      logger,
      localMode: options.localMode,
      authentication: security.authentication,
      rateLimits: new RequestRateLimits(security.rateLimits, security.clock),
      rateLimitedReply: security.rateLimitedReply,
      clock: security.clock,
      maxTextCharacters: security.maxTextCharacters,
    }),
  );

  // Local mode authenticates nothing, so it never needs the keys.
  const signingKeys = options.localMode ? undefined : signingKeyHealthOf(security.authentication);
  server.get('/healthz', async (_req, res) => {
    const [probed, degrading] = await Promise.all([runHealthChecks(options.healthChecks ?? {}), runHealthChecks(options.degradingChecks ?? {})]);
    const keys = signingKeys?.report();
    const healthy = Object.values(probed).every((status) => status === 'up') && (keys?.healthy ?? true);
    const whole = healthy && Object.values(degrading).every((status) => status === 'up');
    const checks = { ...probed, ...degrading, ...(keys ? { signingKeys: keys.description } : {}) };
    res.send(healthy ? 200 : 503, {
      status: whole ? 'ok' : 'degraded',
      version: appVersion,
      mode: options.localMode ? 'local' : 'azure',
      checks,
    });
  });

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn('request rejected', { method: isHeadRequest(req) ? 'HEAD' : req.method, path: req.path(), status: error.statusCode ?? 500, error: error.name });
    return callback();
  });
  return server;
}
