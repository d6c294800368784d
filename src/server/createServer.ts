import restify from 'restify';
import type { ActivityHandlerBase, CloudAdapter } from 'botbuilder';
import type { Logger } from '../logging/logger';
import { activityProblem } from './activityShape';
import { appVersion } from './version';

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandlerBase;
  logger: Logger;
  /** Largest request body accepted on /api/messages, in bytes. */
  maxBodyBytes?: number;
  /** Extra health checks (e.g. the state store); each resolves or rejects. */
  healthChecks?: Record<string, () => Promise<void>>;
  localMode: boolean;
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
  const server = restify.createServer({ name: 'stepwise' });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? defaultMaxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req, res) => {
    const checks = await runHealthChecks(options.healthChecks ?? {});
    const healthy = Object.values(checks).every((status) => status === 'up');
    res.send(healthy ? 200 : 503, {
      status: healthy ? 'ok' : 'degraded',
      version: appVersion,
      mode: options.localMode ? 'local' : 'azure',
      checks,
    });
  });

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn('request rejected', { method: req.method, path: req.path(), status: error.statusCode ?? 500, error: error.name });
    return callback();
  });
  return server;
}
