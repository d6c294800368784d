import type { Storage } from 'botbuilder';
import type { Logger } from '../logging/logger';

// The shared silence index of earlier versions: one document, then 16 shards.
const legacyKeys = ['stepwise/handoff/silence', ...Array.from({ length: 16 }, (_, shard) => `stepwise/handoff/silence/${shard}`)];

/**
 * Earlier versions kept silence check-ins in index documents holding customers' conversation references;
 * timers are on the timer queue now and nothing reads them. The first tick of each process deletes them
 * (so "forget me" leaves nothing there); until that succeeds, each tick tries again.
 */
export function dropLegacySilenceIndex(storage: Storage, logger: Logger): () => Promise<void> {
  let dropped = false;
  return async () => {
    if (dropped) return;
    try {
      await storage.delete(legacyKeys);
      dropped = true;
    } catch (error) {
      logger.warn('could not delete the silence index of an earlier version', { error: (error as Error).message });
    }
  };
}
