import type { Storage } from 'botbuilder';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { createStorage } from './createStorage';
import { asDurableStorage, type DurableStorage, type StorageUsage } from './guardedWrite';

/** The bot's store as the app uses it, whichever kind: the state, its health check, its size. */
export interface AppStorage {
  kind: string;
  storage: DurableStorage;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Absent for a store handed in from outside (tests). */
  usage?(): Promise<StorageUsage>;
}

// Never written: reading it goes the same way as a turn's read.
const probeKey = 'stepwise-health-probe';

/** The store chosen by configuration, or `given` (tests hand in a memory or failing store). */
export function openAppStorage(config: AppConfig, logger: Logger, now?: () => Date, given?: Storage): AppStorage {
  if (given) {
    const storage = asDurableStorage(given);
    return { kind: 'external', storage, ping: () => storage.read([probeKey]).then(() => undefined), close: async () => {} };
  }
  return createStorage({ ...config.storage, now, logger });
}
