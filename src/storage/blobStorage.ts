import { BlobsStorage, type BlobsStorageOptions } from 'botbuilder-azure-blobs';

export interface BlobStorageOptions {
  connectionString: string;
  container: string;
  pingTimeoutMs?: number;
  /** Passed to the Azure client, e.g. `{ storagePipelineOptions: { retryOptions } }`. */
  clientOptions?: BlobsStorageOptions;
}

export interface BlobStorageHandle {
  storage: BlobsStorage;
  ping(): Promise<void>;
}

// Never written: reading it exercises the same path as a real turn.
const pingKey = 'stepwise-health-probe';

/**
 * BlobsStorage as-is, so its eTag handling passes straight through (BotState.saveChanges
 * still writes with '*': last writer wins).
 */
export function createBlobStorage(options: BlobStorageOptions): BlobStorageHandle {
  const storage = new BlobsStorage(options.connectionString, options.container, options.clientOptions);
  const pingTimeoutMs = options.pingTimeoutMs ?? 5000;

  // Pinging through BlobsStorage itself (rather than a separate client) is deliberate: it
  // creates the container on first use and caches that attempt, failures included, so only
  // its own read tells whether the bot can actually reach its state.
  const ping = () => withTimeout(storage.read([pingKey]), pingTimeoutMs, 'Blob storage ping').then(() => undefined);

  return { storage, ping };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms.`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
