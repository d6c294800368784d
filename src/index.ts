import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { describeConfig, startupWarnings } from './config/describe';
import { ContentError } from './content/loader';
import { createLogger } from './logging/logger';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  logger.info('configuration', describeConfig(config));
  for (const warning of startupWarnings(config)) logger.warn(warning);
  const app = createApp(config, { logger });
  // A store that cannot be written stops start-up here, before "storage ready" is logged.
  await app.storage.ready();
  // So is a timer queue that cannot be used (Azure: created here if need be).
  await app.timers.ready?.();
  // The understanding is trained from src/content at start-up, before the first customer is answered.
  const training = performance.now();
  await app.bot.ready;
  logger.info('understanding trained', { ms: Math.round(performance.now() - training) });
  const base = await app.listen();

  logger.info(`Stepwise is listening on ${base}`, { mode: config.localMode ? 'local' : 'azure' });
  if (config.localMode) {
    logger.info('Local mode: no MicrosoftAppId is set, so requests are not authenticated. Set MicrosoftAppId to connect Azure Bot Service.');
    console.log(`\n  Chat in a browser:      ${base}/`);
    console.log(`  Chat in the terminal:   npm run chat        (in a second terminal)`);
    console.log(`  Bot Framework Emulator: ${base}/api/messages (no app id or password)\n`);
  }

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    setTimeout(() => process.exit(0), 5000).unref();
    void app.close().then(() => process.exit(0));
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
