import type { GuardedWrite } from '../../src/storage/guardedWrite';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';

/**
 * A store where another instance can act just before this one's next guarded write (of `key`, when one is given):
 * the way to make that write meet an eTag conflict, or fail.
 */
export class StorageWithRival extends StepwiseMemoryStorage {
  private rival?: { act: () => Promise<unknown>; key?: string };

  /** `act` runs once, before the next guarded write (of `key`, if given). */
  beforeNextWrite(act: () => Promise<unknown>, key?: string): void {
    this.rival = { act, key };
  }

  async writeGuarded(writes: GuardedWrite[]): Promise<void> {
    const rival = this.rival;
    if (rival && (rival.key === undefined || writes.some((write) => write.key === rival.key))) {
      this.rival = undefined;
      await rival.act();
    }
    return super.writeGuarded(writes);
  }
}
