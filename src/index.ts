import 'dotenv/config';
import { MemoryStorage } from 'botbuilder';
import { createBot } from './bot/createBot';
import { ConfigError, loadConfig } from './config/config';
import { ContentError, loadContent } from './content/loader';
import { createLogger } from './logging/logger';
import { createAdapter } from './server/adapter';
import { createServer } from './server/createServer';

/** Composition root: config -> content -> storage -> bot -> adapter -> server. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const content = loadContent(config.isp);
  const storage = new MemoryStorage();

  const parts = createBot({ content, storage, logger });
  const adapter = createAdapter({
    credentials: config.credentials,
    logger,
    turnErrorReply: (context) =>
      parts.renderer.render({ text: content.messages.turnError, expectsReply: false }, context.activity.channelId),
  });
  parts.middleware.forEach((middleware) => adapter.use(middleware));

  const server = createServer({ adapter, bot: parts.bot, logger, localMode: config.localMode });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}`;
    logger.info(`Stepwise is listening on ${base}`, { mode: config.localMode ? 'local' : 'azure' });
    if (config.localMode) {
      logger.info('Local mode: no MicrosoftAppId is set, so requests are not authenticated and only loopback callers are expected.');
      console.log(`\n  Chat in the terminal:   npm run chat   (bot endpoint ${base}/api/messages)`);
      console.log(`  Bot Framework Emulator: open ${base}/api/messages with no app id\n`);
    }
  });

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(error.message);
  } else {
    console.error('Stepwise could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
