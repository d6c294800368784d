import { MemoryStorage, StoreItems } from 'botbuilder';
import { DurableStorage, GuardedWrite, StorageUsage } from './guardedWrite';
import { eTagConflictError } from './storageErrors';

/**
 * botbuilder's MemoryStorage plus what the bot needs from every store: atomic guarded writes,
 * a retention sweep (it remembers when each key was written) and its size. For tests and `STORAGE=memory`.
 */
export class StepwiseMemoryStorage extends MemoryStorage implements DurableStorage {
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  async write(changes: StoreItems): Promise<void> {
    const at = this.now().getTime();
    for (const key of Object.keys(changes ?? {})) this.writtenAt.set(key, at);
    return super.write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    await super.delete(keys);
    for (const key of keys) {
      delete this.memory[key];
      this.writtenAt.delete(key);
    }
  }

  // Checks every condition before writing anything, all in one synchronous stretch: nothing can interleave.
  async writeGuarded(writes: GuardedWrite[]): Promise<void> {
    for (const { key, condition } of writes) {
      const stored = this.memory[key];
      if (condition.kind === 'absent' && stored) throw eTagConflictError(key);
      if (condition.kind === 'eTag' && (!stored || JSON.parse(stored).eTag !== condition.eTag)) throw eTagConflictError(key);
    }
    await this.write(Object.fromEntries(writes.map(({ key, item }) => [key, { ...item, eTag: '*' }])));
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const expired = [...this.writtenAt].filter(([, at]) => at < cutoff.getTime()).map(([key]) => key);
    await this.delete(expired);
    return expired.length;
  }

  async usage(): Promise<StorageUsage> {
    const stored = Object.entries(this.memory).filter(([, document]) => typeof document === 'string');
    return {
      items: stored.length,
      bytes: stored.reduce((sum, [key, document]) => sum + Buffer.byteLength(key) + Buffer.byteLength(document), 0),
    };
  }
}
