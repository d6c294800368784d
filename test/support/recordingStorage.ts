import type { StoreItems } from 'botbuilder';
import type { DurableStorage, GuardedWrite } from '../../src/storage/guardedWrite';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';

export interface StorageCall {
  op: 'read' | 'write' | 'delete' | 'list';
  key: string;
}

/** A store that remembers which keys were read, written and deleted, one call per key, in order. */
export class RecordingStorage implements DurableStorage {
  calls: StorageCall[] = [];
  /** One entry per call to the store (a read of two keys is one), as `op key,key`. */
  operations: string[] = [];
  /** Milliseconds each delete waits before it happens (to widen races in tests). */
  deleteDelayMs = 0;

  constructor(readonly inner: DurableStorage = new StepwiseMemoryStorage()) {}

  /** The calls since the last look, and forgets them. */
  take(): StorageCall[] {
    const calls = this.calls;
    this.calls = [];
    return calls;
  }

  private record(op: StorageCall['op'], keys: string[]): void {
    for (const key of keys) this.calls.push({ op, key });
    this.operations.push(`${op} ${keys.join(',')}`);
  }

  /** The operations since the last look, and forgets them. */
  takeOperations(): string[] {
    return this.operations.splice(0);
  }

  read(keys: string[]): Promise<StoreItems> {
    this.record('read', keys);
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    this.record('write', Object.keys(changes));
    return this.inner.write(changes);
  }

  writeGuarded(writes: GuardedWrite[]): Promise<void> {
    this.record('write', writes.map((write) => write.key));
    return this.inner.writeGuarded(writes);
  }

  async delete(keys: string[]): Promise<void> {
    if (this.deleteDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.deleteDelayMs));
    this.record('delete', keys);
    return this.inner.delete(keys);
  }

  /** Recorded as one call whose key is the prefix. */
  list(prefix: string): Promise<string[]> {
    this.record('list', [prefix]);
    return this.inner.list(prefix);
  }

  deleteOlderThan(cutoff: Date): number | Promise<number> {
    return this.inner.deleteOlderThan(cutoff);
  }
}
