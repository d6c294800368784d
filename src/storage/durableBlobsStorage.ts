import { json } from 'node:stream/consumers';
import type { TokenCredential } from '@azure/identity';
import type { StoreItems } from 'botbuilder';
import { BlobsStorage, type BlobsStorageOptions } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import type { DurableStorage, GuardedWrite, StorageUsage, WriteCondition } from './guardedWrite';
import { eTagConflictError } from './storageErrors';
import { type MarkerContainer, SWEEP_MARKER, takeSweepTurn } from './sweepLease';

type Deadline = { abortSignal: AbortSignal };

/** The part of @azure/storage-blob's BlockBlobClient used here. */
interface BlockBlob {
  upload(body: string, length: number, options: Record<string, unknown>): Promise<unknown>;
  download(offset: number, count: undefined, options: Deadline): Promise<{ etag?: string; readableStreamBody?: NodeJS.ReadableStream }>;
}

/** The part of @azure/storage-blob's ContainerClient used here (it is BlobsStorage's own client). */
interface BlobContainer {
  createIfNotExists(options: Deadline): Promise<unknown>;
  getBlockBlobClient(name: string): BlockBlob;
  listBlobsFlat(options?: { prefix?: string; abortSignal?: AbortSignal }): AsyncIterable<{ name: string; properties: { lastModified?: Date; contentLength?: number } }>;
  deleteBlob(name: string, options?: Deadline): Promise<unknown>;
}

interface BlobsStorageInternals {
  _containerClient: BlobContainer;
  _initializePromise?: Promise<unknown>;
}

export interface DurableBlobsStorageOptions extends BlobsStorageOptions {
  /**
   * Longest wait for one read, write or delete, retries included (default 4 s): a store that takes the
   * connection and never answers fails the turn then (the customer is told) instead of hanging it.
   * The Azure SDK's `tryTimeoutInMs` only asks the server to give up; this aborts the request itself.
   */
  requestTimeoutMs?: number;
  /**
   * The retention sweep runs on one instance at a time (a lease on a marker blob); with this set, it is
   * also skipped when another instance swept less than this long ago, so N instances do not sweep N times.
   */
  sweepSkipWithinMs?: number;
}

/** The state's account: its connection string (the account key), or its blob endpoint and an Entra ID credential. */
export type BlobAccount = { connectionString: string } | { endpoint: string; credential: TokenCredential };

export const DEFAULT_REQUEST_TIMEOUT_MS = 4000;
// Each new blob client builds its own request pipeline: about a quarter of the SDK's CPU on a turn's read and
// write (docs/benchmark.md). The clients of the customers talking now are kept; the least recently used goes.
const cachedBlobClients = 512;
const sweepConcurrency = 16;

function conditionsFor(condition: WriteCondition): Record<string, string> {
  if (condition.kind === 'eTag') return { ifMatch: condition.eTag };
  if (condition.kind === 'absent') return { ifNoneMatch: '*' };
  return {};
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
}

/**
 * BlobsStorage with what the bot needs on top: conditional creates (If-None-Match: *) and writes
 * (If-Match), a retention sweep by last-modified time, and its size. It reaches BlobsStorage's own
 * container client, a private field: botbuilder-azure-blobs is archived at 4.23, so that field is
 * frozen, and it keeps blob names and documents identical to what BlobsStorage reads.
 *
 * It also forgets a failed container initialization: BlobsStorage caches that promise, failures
 * included, so a store that was down once would stay "down" after it came back.
 */
export class DurableBlobsStorage extends BlobsStorage implements DurableStorage {
  private readonly requestTimeoutMs: number;
  private readonly sweepSkipWithinMs: number;
  private readonly blobClients = new Map<string, BlockBlob>();

  constructor(account: BlobAccount, container: string, options?: DurableBlobsStorageOptions) {
    if ('connectionString' in account) super(account.connectionString, container, options);
    else super('', container, options, `${account.endpoint.replace(/\/+$/, '')}/${container}`, account.credential);
    this.requestTimeoutMs = options?.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.sweepSkipWithinMs = options?.sweepSkipWithinMs ?? 0;
  }

  private deadline(): Deadline {
    return { abortSignal: AbortSignal.timeout(this.requestTimeoutMs) };
  }

  /** BlobsStorage's container creation on first use, with the same deadline as every request. */
  private initialized(): Promise<unknown> {
    this.internals._initializePromise ??= this.internals._containerClient.createIfNotExists(this.deadline());
    return this.internals._initializePromise;
  }

  private blobClient(key: string): BlockBlob {
    let client = this.blobClients.get(key);
    if (client) {
      this.blobClients.delete(key);
    } else {
      client = this.internals._containerClient.getBlockBlobClient(sanitizeBlobKey(key));
      if (this.blobClients.size >= cachedBlobClients) this.blobClients.delete(this.blobClients.keys().next().value as string);
    }
    this.blobClients.set(key, client);
    return client;
  }

  private get internals(): BlobsStorageInternals {
    return this as unknown as BlobsStorageInternals;
  }

  private async healing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.internals._initializePromise = undefined;
      throw error;
    }
  }

  /** BlobsStorage's read (the blob's ETag as the item's eTag, a missing blob left out), each download under a deadline. */
  read(keys: string[]): Promise<StoreItems> {
    return this.healing(async () => {
      await this.initialized();
      const items: StoreItems = {};
      await Promise.all(
        keys.map(async (key) => {
          const deadline = this.deadline();
          let blob: { etag?: string; readableStreamBody?: NodeJS.ReadableStream };
          try {
            blob = await this.blobClient(key).download(0, undefined, deadline);
          } catch (error) {
            if (statusOf(error) === 404) return;
            throw error;
          }
          if (!blob.readableStreamBody) return;
          const parsed = (await json(blob.readableStreamBody)) as Record<string, unknown>;
          items[key] = { ...parsed, eTag: blob.etag };
        }),
      );
      return items;
    });
  }

  /** BlobsStorage's write semantics ('*' or no eTag overwrites, an eTag must match), with the byte length counted right. */
  write(changes: StoreItems): Promise<void> {
    return this.writeGuarded(
      Object.entries(changes).map(([key, { eTag, ...item }]) => ({
        key,
        item,
        condition: typeof eTag === 'string' && eTag && eTag !== '*' ? { kind: 'eTag', eTag } : { kind: 'any' },
      })),
    );
  }

  delete(keys: string[]): Promise<void> {
    return this.healing(async () => {
      await this.initialized();
      await Promise.all(
        keys.map(async (key) => {
          try {
            await this.internals._containerClient.deleteBlob(sanitizeBlobKey(key), this.deadline());
          } catch (error) {
            if (statusOf(error) !== 404) throw error;
          }
        }),
      );
    });
  }

  // One after the other, in order: blobs have no multi-item transaction, so the caller puts the write
  // that decides the turn first; a conflict there stops the rest.
  writeGuarded(writes: GuardedWrite[]): Promise<void> {
    return this.healing(async () => {
      await this.initialized();
      for (const { key, item, condition } of writes) {
        const { eTag: _ignored, ...data } = item;
        const body = JSON.stringify(data);
        try {
          await this.blobClient(key).upload(body, Buffer.byteLength(body), {
            conditions: conditionsFor(condition),
            blobHTTPHeaders: { blobContentType: 'application/json' },
            ...this.deadline(),
          });
        } catch (error) {
          // 412: If-Match failed (changed or deleted since read); 409: If-None-Match: * found a blob.
          if (statusOf(error) === 412 || statusOf(error) === 409) throw eTagConflictError(key);
          throw error;
        }
      }
    });
  }

  /**
   * Blob names are the keys URI-encoded as a whole (sanitizeBlobKey), so the encoded prefix is a prefix of the
   * encoded key; the names are decoded back. One listing request per 5,000 blobs, under the request deadline.
   */
  list(prefix: string): Promise<string[]> {
    return this.healing(async () => {
      await this.initialized();
      const keys: string[] = [];
      for await (const blob of this.internals._containerClient.listBlobsFlat({ prefix: encodeURIComponent(prefix), ...this.deadline() })) {
        const key = decodeURIComponent(blob.name);
        if (key.startsWith(prefix)) keys.push(key);
      }
      return keys.sort();
    });
  }

  /** The retention sweep: on one instance at a time (see sweepLease.ts), deleting up to 16 blobs at once. */
  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.healing(async () => {
      await this.initialized();
      const container = this.internals._containerClient;
      const turn = await takeSweepTurn(container as unknown as MarkerContainer, () => new Date(), this.sweepSkipWithinMs);
      if (!turn) return 0;
      let deleted = 0;
      const remove = async (name: string) => {
        try {
          await container.deleteBlob(name, this.deadline());
          deleted++;
        } catch (error) {
          if (statusOf(error) !== 404) throw error; // deleted meanwhile
        }
      };
      try {
        let batch: string[] = [];
        for await (const blob of container.listBlobsFlat()) {
          if (blob.name === SWEEP_MARKER || !blob.properties.lastModified || blob.properties.lastModified >= cutoff) continue;
          batch.push(blob.name);
          if (batch.length < sweepConcurrency) continue;
          await Promise.all(batch.map(remove));
          batch = [];
          turn.keepAlive();
        }
        await Promise.all(batch.map(remove));
      } catch (error) {
        await turn.abandon();
        throw error;
      }
      await turn.finish();
      return deleted;
    });
  }

  usage(): Promise<StorageUsage> {
    return this.healing(async () => {
      await this.initialized();
      const usage: StorageUsage = { items: 0, bytes: 0 };
      for await (const blob of this.internals._containerClient.listBlobsFlat()) {
        if (blob.name === SWEEP_MARKER) continue;
        usage.items++;
        usage.bytes += Buffer.byteLength(decodeURIComponent(blob.name)) + (blob.properties.contentLength ?? 0);
      }
      return usage;
    });
  }
}
