import 'dotenv/config';
import { App, createApp } from './app';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { describeConfig, startupWarnings } from './config/describe';
import { describeFeatures } from './config/features';
import { ContentError } from './content/loader';
import type { Logger } from './logging/logger';
import { createPinoLogger, defaultLogFormat } from './logging/pinoLogger';
import { appVersion } from './server/version';
import { startTracing, Tracing } from './telemetry/tracing';

/** After the drain: the longest wait for the stores to close. */
const closeLimitMs = 5000;

/**
 * SIGTERM and SIGINT: running turns finish (up to SHUTDOWN_DRAIN_SECONDS), then the stores close.
 * Exit code 0, or 1 if some turn was still running at the limit.
 */
function exitGracefullyOnSignals(app: App, config: AppConfig, logger: Logger, tracing: Tracing): void {
  const shutdown = async (signal: string) => {
    const limitMs = config.shutdownDrainSeconds * 1000;
    logger.info('shutting down', { signal, turnsInFlight: app.turns.count, drainLimitSeconds: config.shutdownDrainSeconds });
    setTimeout(() => process.exit(1), limitMs + closeLimitMs).unref();
    const { drained, turnsLeft, ms } = await app.drain(limitMs);
    if (drained) logger.info('drained', { ms });
    else logger.warn(`shutting down with ${turnsLeft} turn(s) still running after ${config.shutdownDrainSeconds} s (SHUTDOWN_DRAIN_SECONDS)`, { turnsLeft });
    await app.close();
    await tracing.shutdown().catch((error: Error) => logger.warn('traces could not be sent', { error: error.message }));
    logger.info('stopped');
    process.exit(drained ? 0 : 1);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logFormat = defaultLogFormat(config.logFormat);
  const logger = createPinoLogger(config.logLevel, logFormat);
  logger.info('configuration', describeConfig(config));
  for (const warning of startupWarnings(config)) logger.warn(warning);
  // Before the app creates its server and clients, so their spans have a tracer.
  const tracing = await startTracing(config.telemetry, { version: appVersion });
  const app = createApp(config, { logger, outcomeSinks: tracing.outcomes ? [tracing.outcomes] : [] });
  // Before anything listens, so no signal meets Node's default (an exit with turns cut short).
  exitGracefullyOnSignals(app, config, logger, tracing);
  // A store that cannot be written stops start-up here, before "storage ready" is logged.
  await app.storage.ready();
  // So is a timer queue that cannot be used (Azure: created here if need be).
  await app.timers.ready?.();
  // The understanding is trained from src/content at start-up, before the first customer is answered.
  const training = performance.now();
  await app.bot.train();
  logger.info('understanding trained', { ms: Math.round(performance.now() - training) });
  const base = await app.listen();

  logger.info(`Stepwise is listening on ${base}`, {
    version: appVersion,
    mode: config.localMode ? 'local' : 'azure',
    features: describeFeatures(config, { chatWidget: app.chatWidget, traces: tracing.exporters }),
  });
  if (config.localMode) {
    logger.info('Local mode: no MicrosoftAppId is set, so requests are not authenticated. Set MicrosoftAppId to connect Azure Bot Service.');
    // For the person at the terminal; JSON logs stay one object a line.
    if (logFormat === 'pretty') {
      console.log(`\n  Chat in a browser:      ${base}/`);
      console.log(`  Chat in the terminal:   npm run chat        (in a second terminal)`);
      console.log(`  Bot Framework Emulator: ${base}/api/messages (no app id or password)\n`);
    }
  }

}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(error.message);
  } else {
    console.error('Stepwise could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
