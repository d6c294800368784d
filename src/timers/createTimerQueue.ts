import type { TokenCredential } from '@azure/identity';
import { managedIdentity } from '../config/managedIdentity';
import type { SqliteStorage } from '../storage/sqliteStorage';
import { MemoryTimerQueue, memoryTimersOf } from './memoryTimerQueue';
import type { TimerQueue } from './timerQueue';

export interface TimerSettings {
  /** Azure: the queue's name (created on first use). */
  queueName: string;
  /** Azure: the account holding the queue; default: the state's (BLOB_CONNECTION_STRING). */
  connectionString?: string;
  /** Azure without a key: the account's queue endpoint, reached with the managed identity. */
  endpoint?: string;
  /** How often each instance asks the queue for due timers. */
  pollSeconds: number;
  /** How long a received timer stays hidden from other instances while this one handles it. */
  claimSeconds: number;
}

export const defaultTimerSettings: TimerSettings = { queueName: 'stepwise-timers', pollSeconds: 5, claimSeconds: 30 };

// As with the stores, the Azure SDK is loaded only when it is used.
const loadSqlite = () => (require('./sqliteTimerQueue') as typeof import('./sqliteTimerQueue')).SqliteTimerQueue;
const loadAzure = () => (require('./azureTimerQueue') as typeof import('./azureTimerQueue')).AzureTimerQueue;

export interface TimerQueueOptions {
  settings: TimerSettings;
  now: () => number;
  /** Blob storage: the state account's connection string and the request deadline. */
  blobConnectionString?: string;
  requestTimeoutMs?: number;
  /** With QUEUE_ENDPOINT: replaces the managed identity (tests). */
  credential?: TokenCredential;
}

/**
 * The timer queue beside the store of kind `kind`: Azure Queue Storage for blob, a table in the SQLite
 * file, or (memory, or a store handed in by tests) memory kept with `store`.
 */
export function createTimerQueue(kind: string, store: object, options: TimerQueueOptions): TimerQueue {
  const { settings, now } = options;
  const claimMs = settings.claimSeconds * 1000;
  switch (kind) {
    case 'sqlite':
      return new (loadSqlite())(store as SqliteStorage, now, claimMs);
    case 'blob': {
      const connectionString = settings.connectionString ?? (settings.endpoint ? undefined : options.blobConnectionString);
      if (!connectionString && !settings.endpoint) throw new Error('A timer queue on Azure needs QUEUE_CONNECTION_STRING, QUEUE_ENDPOINT or BLOB_CONNECTION_STRING.');
      return new (loadAzure())({
        account: connectionString ? { connectionString } : { endpoint: settings.endpoint!, credential: options.credential ?? managedIdentity() },
        queueName: settings.queueName,
        now,
        claimSeconds: settings.claimSeconds,
        requestTimeoutMs: options.requestTimeoutMs ?? 4000,
      });
    }
    default:
      return new MemoryTimerQueue(memoryTimersOf(store), now, claimMs);
  }
}
