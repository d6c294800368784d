import type { StoreItems } from 'botbuilder';
import type { DurableStorage, GuardedWrite, StorageUsage } from './guardedWrite';
import { eTagConflictError } from './storageErrors';

interface Entry {
  document: string;
  eTag: string;
  writtenAt: number;
}

/**
 * Storage in this process's memory, for tests and `STORAGE=memory`: botbuilder MemoryStorage's
 * semantics (eTags, '*'), plus what the bot needs from every store: atomic guarded writes, a
 * retention sweep (it remembers when each key was written) and its size. Documents are kept as
 * JSON, so nothing a caller holds can change what is stored.
 */
export class StepwiseMemoryStorage implements DurableStorage {
  private readonly entries = new Map<string, Entry>();
  private nextETag = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) items[key] = { ...JSON.parse(entry.document), eTag: entry.eTag };
    }
    return items;
  }

  /** Like MemoryStorage: no eTag or '*' overwrites, a missing item is created, otherwise the eTag must match. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.apply(
      Object.entries(changes).map(([key, { eTag, ...item }]) => ({
        key,
        item,
        condition: eTag && eTag !== '*' && this.entries.has(key) ? { kind: 'eTag', eTag: String(eTag) } : { kind: 'any' },
      })),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    for (const key of keys) this.entries.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  async writeGuarded(writes: GuardedWrite[]): Promise<void> {
    this.apply(writes);
  }

  // Checks every condition before writing anything, in one synchronous stretch: nothing can interleave.
  private apply(writes: GuardedWrite[]): void {
    for (const { key, condition } of writes) {
      const stored = this.entries.get(key);
      if (condition.kind === 'absent' && stored) throw eTagConflictError(key);
      if (condition.kind === 'eTag' && stored?.eTag !== condition.eTag) throw eTagConflictError(key);
    }
    const writtenAt = this.now().getTime();
    for (const { key, item } of writes) {
      const { eTag: _ignored, ...document } = item;
      this.entries.set(key, { document: JSON.stringify(document), eTag: String(this.nextETag++), writtenAt });
    }
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const expired = [...this.entries].filter(([, entry]) => entry.writtenAt < cutoff.getTime()).map(([key]) => key);
    await this.delete(expired);
    return expired.length;
  }

  async usage(): Promise<StorageUsage> {
    let bytes = 0;
    for (const [key, entry] of this.entries) bytes += Buffer.byteLength(key) + Buffer.byteLength(entry.document);
    return { items: this.entries.size, bytes };
  }
}
