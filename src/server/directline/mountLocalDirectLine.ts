import type { Server } from 'restify';
import type { Logger } from '../../logging/logger';
import { createBotClient } from './botClient';
import { mountClientRoutes } from './clientRoutes';
import { mountConnectorRoutes } from './connectorRoutes';
import { ConnectorSecret } from './connectorSecret';
import { ConversationStore } from './conversationStore';
import { DirectLineService } from './directLineService';
import { TokenRegistry } from './tokenRegistry';

/**
 * A Direct Line 3.0-compatible endpoint for local mode (HTTP polling, no WebSockets), plus the
 * connector endpoint the bot replies to. Lets Web Chat talk to the bot without Azure.
 */
export const DEFAULT_DIRECT_LINE_PATH = '/v3/directline';
export const DEFAULT_CONNECTOR_PATH = '/_local/connector';

export interface LocalDirectLineOptions {
  /** The bot's messaging endpoint, e.g. `http://localhost:3978/api/messages`. */
  botEndpoint: () => string;
  /**
   * This server's base URL + `connectorPath`, e.g. `http://localhost:3978/_local/connector`. The bot is
   * given this plus a per-process secret segment as its serviceUrl, and the connector answers only that.
   */
  serviceUrl: () => string;
  logger: Logger;
  /** Path the connector routes are mounted at; must be the path part of `serviceUrl()`. */
  connectorPath?: string;
  /** Sites besides this server whose pages may post to the Direct Line (the chat page's embedding origins). */
  allowedOrigins?: readonly string[];
  /** Path of the Direct Line API. */
  basePath?: string;
  /** The bot's account as the customer sees it. */
  bot?: { id: string; name: string };
  tokenTtlSeconds?: number;
  idleTimeoutMs?: number;
  maxConversations?: number;
  maxActivitiesPerConversation?: number;
  botTimeoutMs?: number;
  maxClientBodyBytes?: number;
  maxBotBodyBytes?: number;
  sweepIntervalMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface LocalDirectLine {
  /** A new conversation for this user id and a token for it (the chat page's token route, in process). */
  openConversation(userId: string): { conversationId: string; token: string; expires_in: number };
  /** Live conversation count (for diagnostics and tests). */
  conversationCount(): number;
  /** Runs idle expiry now (it also runs on a timer). */
  sweep(): void;
  /** Stops the expiry timer. Also happens when the server closes. */
  close(): void;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

export function mountLocalDirectLine(server: Server, options: LocalDirectLineOptions): LocalDirectLine {
  const now = options.now ?? Date.now;
  const logger = options.logger;
  const basePath = trimSlash(options.basePath ?? DEFAULT_DIRECT_LINE_PATH);
  const connectorPath = trimSlash(options.connectorPath ?? DEFAULT_CONNECTOR_PATH);
  const idleTimeoutMs = options.idleTimeoutMs ?? 30 * 60_000;

  const tokens = new TokenRegistry({ ttlSeconds: options.tokenTtlSeconds ?? 1800, now });
  const store = new ConversationStore({
    maxConversations: options.maxConversations ?? 500,
    maxActivitiesPerConversation: options.maxActivitiesPerConversation ?? 200,
    idleTimeoutMs,
    now,
    onEvict: (conversationId, reason) => {
      tokens.revokeConversation(conversationId);
      logger.info('directline.conversation_expired', { conversationId, reason });
    },
  });

  // A restart makes a new secret: replies to a serviceUrl saved before it are refused (403).
  const secret = new ConnectorSecret();
  let warnedPath = false;
  const serviceUrl = () => {
    const url = trimSlash(options.serviceUrl());
    if (!warnedPath && trimSlash(new URL(url).pathname) !== connectorPath) {
      warnedPath = true;
      logger.warn('directline.service_url_mismatch', { serviceUrl: url, connectorPath });
    }
    return `${url}/${secret.value}`;
  };

  const service = new DirectLineService({
    store,
    tokens,
    serviceUrl,
    bot: { ...(options.bot ?? { id: 'stepwise-bot', name: 'Stepwise' }), role: 'bot' },
    logger,
    deliver: createBotClient({
      botEndpoint: options.botEndpoint,
      timeoutMs: options.botTimeoutMs ?? 30_000,
      logger,
      fetch: options.fetch ?? fetch,
    }),
  });

  mountClientRoutes(server, service, {
    basePath,
    maxBodyBytes: options.maxClientBodyBytes ?? 64 * 1024,
    allowedOrigins: options.allowedOrigins ?? [],
    logger,
  });
  mountConnectorRoutes(server, service, { connectorPath, secret, maxBodyBytes: options.maxBotBodyBytes ?? 512 * 1024, logger });

  const sweep = () => {
    store.sweep();
    tokens.sweep();
  };
  const timer = setInterval(sweep, options.sweepIntervalMs ?? Math.min(60_000, idleTimeoutMs)).unref();
  const close = () => clearInterval(timer);
  server.server.once('close', close);

  logger.info('directline.mounted', { basePath, connectorPath });
  const openConversation = (userId: string) => {
    const { conversation, token } = service.conversationFor(userId);
    return { conversationId: conversation.id, token: token.token, expires_in: service.secondsLeft(token) };
  };
  return { openConversation, conversationCount: () => store.size, sweep, close };
}
