import type { AddressInfo } from 'node:net';
import { MemoryStorage, Storage } from 'botbuilder';
import type restify from 'restify';
import { createBot, BotParts } from './bot/createBot';
import type { AppConfig } from './config/config';
import { Content, loadContent } from './content/loader';
import type { Logger } from './logging/logger';
import { createRedactor } from './privacy/createRedactor';
import { redactingLogger } from './privacy/redactingLogger';
import { createAdapter } from './server/adapter';
import { createServer } from './server/createServer';
import { BotFrameworkAuthentication, createBotAuthentication } from './server/security/authentication';
import type { Clock } from './server/security/rateLimiter';

export interface AppDependencies {
  logger: Logger;
  storage?: Storage;
  content?: Content;
  /** Default: from config.credentials (tests: the same, with signing keys served on loopback). */
  authentication?: BotFrameworkAuthentication;
  /** Default: Date.now (tests move time for the rate limits). */
  clock?: Clock;
}

export interface App {
  server: restify.Server;
  bot: BotParts;
  content: Content;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Composition root: config -> content -> storage -> bot -> adapter -> server. */
export function createApp(config: AppConfig, deps: AppDependencies): App {
  const content = deps.content ?? loadContent(config.isp);
  // Every log line passes the same password redaction as transcripts and handoffs.
  const logger = redactingLogger(deps.logger, createRedactor(content));
  const storage = deps.storage ?? new MemoryStorage();

  const bot = createBot({ content, storage, logger });
  const authentication = deps.authentication ?? createBotAuthentication(config.credentials);
  const adapter = createAdapter({
    credentials: config.credentials,
    authentication,
    logger,
    turnErrorReply: (context) => bot.renderer.render({ text: content.messages.turnError, expectsReply: false }, context.activity.channelId),
  });
  bot.middleware.forEach((middleware) => adapter.use(middleware));
  const server = createServer({
    adapter,
    bot: bot.bot,
    logger,
    localMode: config.localMode,
    maxBodyBytes: config.security.maxRequestBytes,
    security: {
      authentication,
      rateLimits: config.security.rateLimits,
      rateLimitedReply: (channelId) => bot.renderer.render({ text: content.messages.rateLimited, expectsReply: false }, channelId),
      clock: deps.clock,
      maxTextCharacters: content.policy.maxInputCharacters,
    },
  });

  return {
    server,
    bot,
    content,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve(`http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
