import { MemoryStorage } from 'botbuilder';
import type { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Logger } from '../logging/logger';
import { createBlobStorage } from './blobStorage';
import { SqliteStorage } from './sqliteStorage';

export type StorageKind = 'memory' | 'sqlite' | 'blob';

export interface CreateStorageOptions {
  kind: StorageKind;
  sqlitePath?: string;
  blobConnectionString?: string;
  blobContainer?: string;
  logger?: Logger;
}

interface HandleBase {
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Narrow on `kind` to reach backend extras such as SqliteStorage.deleteOlderThan. */
export type StorageHandle =
  | (HandleBase & { kind: 'memory'; storage: MemoryStorage })
  | (HandleBase & { kind: 'sqlite'; storage: SqliteStorage })
  | (HandleBase & { kind: 'blob'; storage: BlobsStorage });

export function createStorage(options: CreateStorageOptions): StorageHandle {
  const handle = open(options);
  // The connection string holds the account key: log the container only.
  options.logger?.info('storage ready', {
    kind: handle.kind,
    sqlitePath: handle.kind === 'sqlite' ? options.sqlitePath : undefined,
    blobContainer: handle.kind === 'blob' ? options.blobContainer : undefined,
  });
  return handle;
}

function open(options: CreateStorageOptions): StorageHandle {
  switch (options.kind) {
    case 'memory':
      return { kind: 'memory', storage: new MemoryStorage(), ping: async () => {}, close: async () => {} };
    case 'sqlite': {
      const storage = new SqliteStorage(required(options.sqlitePath, 'sqlitePath', 'sqlite'));
      return { kind: 'sqlite', storage, ping: () => storage.ping(), close: async () => storage.close() };
    }
    case 'blob': {
      const { storage, ping } = createBlobStorage({
        connectionString: required(options.blobConnectionString, 'blobConnectionString', 'blob'),
        container: required(options.blobContainer, 'blobContainer', 'blob'),
      });
      return { kind: 'blob', storage, ping, close: async () => {} };
    }
    default:
      throw new Error(`Unknown storage kind "${String((options as { kind: unknown }).kind)}": use memory, sqlite or blob.`);
  }
}

function required(value: string | undefined, name: string, kind: StorageKind): string {
  if (!value) throw new Error(`${name} is required when storage kind is "${kind}".`);
  return value;
}
