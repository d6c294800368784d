import type { BlobsStorageOptions } from 'botbuilder-azure-blobs';
import { DurableBlobsStorage } from './durableBlobsStorage';

export interface BlobStorageOptions {
  connectionString: string;
  container: string;
  pingTimeoutMs?: number;
  /** Passed to the Azure client, e.g. `{ storagePipelineOptions: { retryOptions } }`. */
  clientOptions?: BlobsStorageOptions;
}

export interface BlobStorageHandle {
  storage: DurableBlobsStorage;
  ping(): Promise<void>;
}

// Never written: reading it exercises the same path as a real turn.
const pingKey = 'stepwise-health-probe';

/**
 * BlobsStorage (extended with guarded writes and a retention sweep, see DurableBlobsStorage),
 * so its eTag handling passes straight through.
 */
export function createBlobStorage(options: BlobStorageOptions): BlobStorageHandle {
  const storage = new DurableBlobsStorage(options.connectionString, options.container, options.clientOptions);
  const pingTimeoutMs = options.pingTimeoutMs ?? 5000;

  // Pinging through BlobsStorage itself (rather than a separate client) is deliberate: it
  // creates the container on first use, so only its own read tells whether the bot can
  // actually reach its state.
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
