import type { AddressInfo } from 'node:net';
import { MemoryStorage, Storage } from 'botbuilder';
import type restify from 'restify';
import { createBot, BotParts } from './bot/createBot';
import type { AppConfig } from './config/config';
import { Content, loadContent } from './content/loader';
import type { Logger } from './logging/logger';
import { createAdapter } from './server/adapter';
import { createServer } from './server/createServer';
import { mountChatWidget } from './server/mountChatWidget';
import { acceptStreamingConnections } from './server/streaming';

export interface AppDependencies {
  logger: Logger;
  storage?: Storage;
  content?: Content;
}

export interface App {
  server: restify.Server;
  bot: BotParts;
  /** Where the website chat page gets its Direct Line: built in (local), Azure, or not served. */
  chatWidget: 'local' | 'azure' | 'off';
  content: Content;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Composition root: config -> content -> storage -> bot -> adapter -> server. */
export function createApp(config: AppConfig, deps: AppDependencies): App {
  const { logger } = deps;
  const content = deps.content ?? loadContent(config.isp);
  const storage = deps.storage ?? new MemoryStorage();

  const bot = createBot({ content, storage, logger, channels: config.channels });
  const adapter = createAdapter({
    credentials: config.credentials,
    logger,
    turnErrorReply: (context) => bot.renderer.render({ text: content.messages.turnError, expectsReply: false }, context.activity),
  });
  bot.middleware.forEach((middleware) => adapter.use(middleware));
  const server = createServer({ adapter, bot: bot.bot, logger, localMode: config.localMode });
  let baseUrl = '';
  const chatWidget = mountChatWidget(server, {
    companyName: config.isp.companyName,
    localMode: config.localMode,
    directLineSecret: config.directLineSecret,
    embeddingOrigins: config.chatEmbedOrigins,
    baseUrl: () => baseUrl,
    logger,
  });
  acceptStreamingConnections(server, adapter, bot.bot, logger);

  return {
    server,
    bot,
    chatWidget,
    content,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          baseUrl = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
          resolve(baseUrl);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold the close open until they time out.
        server.server.closeIdleConnections();
      }),
  };
}
