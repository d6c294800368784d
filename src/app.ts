import type { AddressInfo } from 'node:net';
import type { Storage } from 'botbuilder';
import type restify from 'restify';
import { createBot, BotParts } from './bot/createBot';
import type { AppConfig } from './config/config';
import { Content, loadContent } from './content/loader';
import type { Logger } from './logging/logger';
import { createAdapter } from './server/adapter';
import { createServer } from './server/createServer';
import { AppStorage, openAppStorage } from './storage/appStorage';
import { RetentionSweep } from './storage/retentionSweep';

export interface AppDependencies {
  logger: Logger;
  /** Replaces the store chosen by STORAGE (tests). */
  storage?: Storage;
  content?: Content;
  /** Clock for retention and returning customers (tests). */
  now?: () => Date;
}

export interface App {
  server: restify.Server;
  bot: BotParts;
  content: Content;
  storage: AppStorage;
  retention: RetentionSweep;
  /** Starts listening (and the retention sweep); resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const sweepIntervalMs = 60 * 60 * 1000;

/** Composition root: config -> content -> storage -> bot -> adapter -> server. */
export function createApp(config: AppConfig, deps: AppDependencies): App {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const content = deps.content ?? loadContent(config.isp);
  const storage = openAppStorage(config, logger, now, deps.storage);

  const bot = createBot({ content, storage: storage.storage, logger, now, returningCustomerDays: config.retention.returningCustomerDays });
  const adapter = createAdapter({
    credentials: config.credentials,
    logger,
    turnErrorReply: (context) => bot.renderer.render({ text: content.messages.turnError, expectsReply: false }, context.activity.channelId),
  });
  bot.middleware.forEach((middleware) => adapter.use(middleware));
  const server = createServer({ adapter, bot: bot.bot, logger, localMode: config.localMode, healthChecks: { storage: () => storage.ping() } });
  const retention = new RetentionSweep({
    days: config.retention.stateDays,
    intervalMs: sweepIntervalMs,
    now,
    logger,
    targets: [
      { name: 'state', deleteOlderThan: (cutoff) => storage.storage.deleteOlderThan(cutoff) },
      { name: 'transcripts', deleteOlderThan: (cutoff) => bot.transcripts.deleteOlderThan(cutoff) },
    ],
  });

  return {
    server,
    bot,
    content,
    storage,
    retention,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          retention.start();
          const { port } = server.address() as AddressInfo;
          resolve(`http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await retention.stop();
      await storage.close();
    },
  };
}
