import type { StoreItems } from 'botbuilder';
import type { DurableStorage, GuardedWrite } from '../../src/storage/guardedWrite';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';

/**
 * A store for tests that can go down (reads, writes or both fail like an unreachable server),
 * be slow, or make the next few reads of a key wait for each other so that turns running in
 * different bot instances all read the same version.
 */
export class ControlledStorage implements DurableStorage {
  failReads = false;
  failWrites = false;
  private pause?: { key: string; parties: number; until: () => boolean; deadline: number; waiting: (() => void)[] };

  constructor(readonly inner: DurableStorage = new StepwiseMemoryStorage()) {}

  goDown(): void {
    this.failReads = true;
    this.failWrites = true;
  }

  comeBack(): void {
    this.failReads = false;
    this.failWrites = false;
  }

  /**
   * The next reads of `key` read the store, then wait until `parties` of them have read or `until()`
   * holds; then all are released together. Turns running side by side thus read the same version.
   * After `timeoutMs` they go on anyway, so a test whose condition never comes true fails instead of hanging.
   */
  pauseReads(key: string, options: { parties: number; until?: () => boolean; timeoutMs?: number }): void {
    this.pause = { key, parties: options.parties, until: options.until ?? (() => false), deadline: Date.now() + (options.timeoutMs ?? 2000), waiting: [] };
  }

  private unreachable(): Error {
    return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10000'), { code: 'ECONNREFUSED' });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (this.failReads) throw this.unreachable();
    const items = await this.inner.read(keys);
    const pause = this.pause;
    if (pause && keys.includes(pause.key)) {
      await new Promise<void>((resolve) => {
        pause.waiting.push(resolve);
        const check = () => {
          if (this.pause !== pause) return;
          if (pause.waiting.length >= pause.parties || pause.until() || Date.now() > pause.deadline) {
            this.pause = undefined;
            pause.waiting.forEach((release) => release());
          } else {
            setTimeout(check, 1);
          }
        };
        check();
      });
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (this.failWrites) throw this.unreachable();
    return this.inner.write(changes);
  }

  async writeGuarded(writes: GuardedWrite[]): Promise<void> {
    if (this.failWrites) throw this.unreachable();
    return this.inner.writeGuarded(writes);
  }

  async delete(keys: string[]): Promise<void> {
    if (this.failWrites) throw this.unreachable();
    return this.inner.delete(keys);
  }

  async list(prefix: string): Promise<string[]> {
    if (this.failReads) throw this.unreachable();
    return this.inner.list(prefix);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    if (this.failWrites) throw this.unreachable();
    return this.inner.deleteOlderThan(cutoff);
  }
}
