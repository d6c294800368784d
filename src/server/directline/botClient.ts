import type { Logger } from '../../logging/logger';
import type { ActivityBody } from './conversationStore';

/**
 * Delivers an activity to the bot's messaging endpoint (Bot Framework protocol, no auth:
 * local mode only). Resolves when the bot has answered, i.e. after its turn ran.
 */
export type Delivery = { ok: true } | { ok: false; reason: string };

export interface BotClientOptions {
  botEndpoint: () => string;
  timeoutMs: number;
  logger: Logger;
  fetch: typeof fetch;
}

export function createBotClient(options: BotClientOptions): (activity: ActivityBody) => Promise<Delivery> {
  return async (activity) => {
    const endpoint = options.botEndpoint();
    try {
      const response = await options.fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      options.logger.warn('directline.bot_rejected', { status: response.status, type: activity.type });
      return { ok: false, reason: `bot answered HTTP ${response.status}` };
    } catch (error) {
      const reason = error instanceof Error ? error.name + ': ' + error.message : 'unknown error';
      options.logger.warn('directline.bot_unreachable', { endpoint, reason });
      return { ok: false, reason: 'bot unreachable' };
    }
  };
}
