import type { Storage } from 'botbuilder';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { createStorage, readyStorage } from './createStorage';
import { asDurableStorage, type DurableStorage, type StorageUsage } from './guardedWrite';

/** The bot's store as the app uses it, whichever kind: the state, its health check, its size. */
export interface AppStorage {
  kind: string;
  storage: DurableStorage;
  /** The health check: a small write round trip; rejects when the store cannot be written. */
  ping(): Promise<void>;
  /** At start-up: the same write probe, then logs "storage ready"; rejects with a one-line reason. */
  ready(): Promise<void>;
  close(): Promise<void>;
  /** Absent for a store handed in from outside (tests). */
  usage?(): Promise<StorageUsage>;
}

// Written and deleted by the health check: a store that can be read but not written is down.
const probeKey = 'stepwise/health-probe';

/** The store chosen by configuration, or `given` (tests hand in a memory or failing store). */
export function openAppStorage(config: AppConfig, logger: Logger, now?: () => Date, given?: Storage): AppStorage {
  if (given) {
    const storage = asDurableStorage(given);
    const ping = () => storage.write({ [probeKey]: { probe: true, eTag: '*' } }).then(() => storage.delete([probeKey]));
    return { kind: 'external', storage, ping, ready: ping, close: async () => {} };
  }
  // The app sweeps hourly on every instance (src/app.ts); with blob storage one sweep an hour is enough for all.
  const options = { ...config.storage, now, logger, sweepSkipWithinMs: 50 * 60_000 };
  const handle = createStorage(options);
  return { ...handle, ready: () => readyStorage(handle, options) };
}
