import type { StoreItems } from 'botbuilder';
import { BlobsStorage, type BlobsStorageOptions } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import type { DurableStorage, GuardedWrite, StorageUsage, WriteCondition } from './guardedWrite';
import { eTagConflictError } from './storageErrors';

/** The part of @azure/storage-blob's ContainerClient used here (it is BlobsStorage's own client). */
interface BlobContainer {
  getBlockBlobClient(name: string): {
    upload(body: string, length: number, options: Record<string, unknown>): Promise<unknown>;
  };
  listBlobsFlat(): AsyncIterable<{ name: string; properties: { lastModified?: Date; contentLength?: number } }>;
  deleteBlob(name: string): Promise<unknown>;
}

interface BlobsStorageInternals {
  _containerClient: BlobContainer;
  _initialize(): Promise<unknown>;
  _initializePromise?: Promise<unknown>;
}

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
  constructor(connectionString: string, container: string, options?: BlobsStorageOptions) {
    super(connectionString, container, options);
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

  read(keys: string[]): Promise<StoreItems> {
    return this.healing(() => super.read(keys));
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
    return this.healing(() => super.delete(keys));
  }

  // One after the other, in order: blobs have no multi-item transaction, so the caller puts the write
  // that decides the turn first; a conflict there stops the rest.
  writeGuarded(writes: GuardedWrite[]): Promise<void> {
    return this.healing(async () => {
      await this.internals._initialize();
      for (const { key, item, condition } of writes) {
        const { eTag: _ignored, ...data } = item;
        const body = JSON.stringify(data);
        try {
          await this.internals._containerClient.getBlockBlobClient(sanitizeBlobKey(key)).upload(body, Buffer.byteLength(body), {
            conditions: conditionsFor(condition),
            blobHTTPHeaders: { blobContentType: 'application/json' },
          });
        } catch (error) {
          // 412: If-Match failed (changed or deleted since read); 409: If-None-Match: * found a blob.
          if (statusOf(error) === 412 || statusOf(error) === 409) throw eTagConflictError(key);
          throw error;
        }
      }
    });
  }

  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.healing(async () => {
      await this.internals._initialize();
      const container = this.internals._containerClient;
      let deleted = 0;
      for await (const blob of container.listBlobsFlat()) {
        if (!blob.properties.lastModified || blob.properties.lastModified >= cutoff) continue;
        try {
          await container.deleteBlob(blob.name);
          deleted++;
        } catch (error) {
          if (statusOf(error) !== 404) throw error; // another instance swept it first
        }
      }
      return deleted;
    });
  }

  usage(): Promise<StorageUsage> {
    return this.healing(async () => {
      await this.internals._initialize();
      const usage: StorageUsage = { items: 0, bytes: 0 };
      for await (const blob of this.internals._containerClient.listBlobsFlat()) {
        usage.items++;
        usage.bytes += Buffer.byteLength(decodeURIComponent(blob.name)) + (blob.properties.contentLength ?? 0);
      }
      return usage;
    });
  }
}
