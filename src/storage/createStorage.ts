import type { TokenCredential } from '@azure/identity';
import type { BlobsStorageOptions } from 'botbuilder-azure-blobs';
import { managedIdentity } from '../config/managedIdentity';
import type { Logger } from '../logging/logger';
import type { DurableBlobsStorage } from './durableBlobsStorage';
import type { StorageUsage } from './guardedWrite';
import { StepwiseMemoryStorage } from './memoryStorage';
import type { SqliteStorage } from './sqliteStorage';

// The backends' libraries are loaded only for the kind configured: the Azure SDK alone adds several MB of
// heap to every process, and a bigger heap costs every turn in garbage collection.
const loadSqlite = () => (require('./sqliteStorage') as typeof import('./sqliteStorage')).SqliteStorage;
const loadBlob = () => (require('./blobStorage') as typeof import('./blobStorage')).createBlobStorage;

export type StorageKind = 'memory' | 'sqlite' | 'blob';

export interface CreateStorageOptions {
  kind: StorageKind;
  sqlitePath?: string;
  blobConnectionString?: string;
  /** Blob storage without a connection string: the account's blob endpoint, reached with `credential`. */
  blobEndpoint?: string;
  /** With blobEndpoint: the Entra ID credential (default: the app's managed identity). */
  credential?: TokenCredential;
  blobContainer?: string;
  /** Blob storage: longest wait for one request, retries included (DurableBlobsStorage's default when absent). */
  requestTimeoutMs?: number;
  /** Blob storage: the retention sweep is skipped when another instance swept less than this long ago. */
  sweepSkipWithinMs?: number;
  /** Clock for retention (memory and SQLite record when each item was written). */
  now?: () => Date;
  logger?: Logger;
}

interface HandleBase {
  /** The health check: a small write round trip (written and removed); rejects when the store cannot be written. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** How much is stored (items, bytes of keys and documents). */
  usage(): Promise<StorageUsage>;
}

/** Narrow on `kind` to reach backend extras. Every kind's storage is a DurableStorage. */
export type StorageHandle =
  | (HandleBase & { kind: 'memory'; storage: StepwiseMemoryStorage })
  | (HandleBase & { kind: 'sqlite'; storage: SqliteStorage })
  | (HandleBase & { kind: 'blob'; storage: DurableBlobsStorage });

// An unreachable account should fail a turn in seconds (the customer is told), not after the SDK's
// default retries (four tries, exponential from 4 s).
const blobClientOptions: BlobsStorageOptions = {
  storagePipelineOptions: { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 5000 } },
};

/** The store could not be written when the bot started: one line saying which store and why. */
export class StorageNotReadyError extends Error {
  constructor(where: string, cause: unknown) {
    const reason = messageOf(cause).split('\n')[0];
    super(`The state store (${where}) cannot be written: ${reason}`, { cause });
    this.name = 'StorageNotReadyError';
  }
}

/**
 * Opens the store. SQLite is opened, locked and write-checked here (it throws at once when the file
 * is in use by another process or cannot be written); blob storage is not contacted until `readyStorage`.
 */
export function createStorage(options: CreateStorageOptions): StorageHandle {
  return open(options);
}

/**
 * Checks that the store can be written (the health check's write probe) and only then logs
 * "storage ready"; rejects with a StorageNotReadyError otherwise (e.g. an account that does not exist).
 */
export async function readyStorage(handle: StorageHandle, options: CreateStorageOptions): Promise<void> {
  // The connection string holds the account key: name the container only.
  const where =
    handle.kind === 'sqlite' ? `SQLite file ${options.sqlitePath}` : handle.kind === 'blob' ? `blob container "${options.blobContainer}"` : 'memory';
  try {
    await handle.ping();
  } catch (error) {
    throw new StorageNotReadyError(where, error);
  }
  options.logger?.info('storage ready', {
    kind: handle.kind,
    sqlitePath: handle.kind === 'sqlite' ? options.sqlitePath : undefined,
    blobContainer: handle.kind === 'blob' ? options.blobContainer : undefined,
  });
}

function open(options: CreateStorageOptions): StorageHandle {
  switch (options.kind) {
    case 'memory': {
      const storage = new StepwiseMemoryStorage(options.now);
      return { kind: 'memory', storage, ping: async () => {}, close: async () => {}, usage: () => storage.usage() };
    }
    case 'sqlite': {
      const SqliteStorage = loadSqlite();
      const storage = new SqliteStorage(required(options.sqlitePath, 'sqlitePath', 'sqlite'), { now: options.now });
      return { kind: 'sqlite', storage, ping: () => storage.probeWrite(), close: async () => storage.close(), usage: () => storage.usage() };
    }
    case 'blob': {
      const { storage, ping } = loadBlob()({
        account: options.blobConnectionString
          ? { connectionString: options.blobConnectionString }
          : { endpoint: required(options.blobEndpoint, 'blobConnectionString or blobEndpoint', 'blob'), credential: options.credential ?? managedIdentity() },
        container: required(options.blobContainer, 'blobContainer', 'blob'),
        clientOptions: { ...blobClientOptions, requestTimeoutMs: options.requestTimeoutMs, sweepSkipWithinMs: options.sweepSkipWithinMs },
      });
      return { kind: 'blob', storage, ping, close: async () => {}, usage: () => storage.usage() };
    }
    default:
      throw new Error(`Unknown storage kind "${String((options as { kind: unknown }).kind)}": use memory, sqlite or blob.`);
  }
}

function required(value: string | undefined, name: string, kind: StorageKind): string {
  if (!value) throw new Error(`${name} is required when storage kind is "${kind}".`);
  return value;
}

// Not `instanceof Error`: errors from native modules may come from another realm (e.g. under jest).
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
