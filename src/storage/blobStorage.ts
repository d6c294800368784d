import { randomUUID } from 'node:crypto';
import { type BlobAccount, DurableBlobsStorage, type DurableBlobsStorageOptions } from './durableBlobsStorage';

export interface BlobStorageOptions {
  account: BlobAccount;
  container: string;
  pingTimeoutMs?: number;
  /** Passed to the Azure client, e.g. `{ storagePipelineOptions: { retryOptions } }`, and the request deadline. */
  clientOptions?: DurableBlobsStorageOptions;
}

export interface BlobStorageHandle {
  storage: DurableBlobsStorage;
  ping(): Promise<void>;
}

// One probe blob per process, so instances checking at the same time do not delete each other's.
const probeKey = () => `stepwise/health-probe/${randomUUID()}`;

/**
 * BlobsStorage (extended with guarded writes and a retention sweep, see DurableBlobsStorage),
 * so its eTag handling passes straight through.
 */
export function createBlobStorage(options: BlobStorageOptions): BlobStorageHandle {
  const storage = new DurableBlobsStorage(options.account, options.container, options.clientOptions);
  // At least the request deadline (STORAGE_TIMEOUT_MS): a slow but working store must not fail the start-up write.
  const pingTimeoutMs = options.pingTimeoutMs ?? Math.max(5000, options.clientOptions?.requestTimeoutMs ?? 0);

  // Pinging through BlobsStorage itself (rather than a separate client) is deliberate: it
  // creates the container on first use, so only its own write tells whether the bot can
  // actually keep its state. A small blob is written and deleted: a read alone passes on a
  // store that refuses writes.
  const key = probeKey();
  const ping = () =>
    withTimeout(
      storage.write({ [key]: { probe: true } }).then(() => storage.delete([key])),
      pingTimeoutMs,
      'Blob storage ping',
    );

  return { storage, ping };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms.`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
