import type { Storage, StoreItem } from 'botbuilder';
import { eTagConflictError } from './storageErrors';

/**
 * When a write may happen: only over the version it was read with (`eTag`), only if nothing is
 * stored under the key yet (`absent`: the first write of a new conversation), or always (`any`).
 * BotState writes everything with '*' (last writer wins); these conditions are what lets two bot
 * processes share one store without losing a turn.
 */
export type WriteCondition = { kind: 'eTag'; eTag: string } | { kind: 'absent' } | { kind: 'any' };

export interface GuardedWrite {
  key: string;
  /** The document, without an eTag. */
  item: StoreItem;
  condition: WriteCondition;
}

/** What Stepwise needs from a store beyond botbuilder's Storage contract. */
export interface DurableStorage extends Storage {
  /** Writes all or (where the backend allows) none; throws an eTag conflict error when a condition fails. */
  writeGuarded(writes: GuardedWrite[]): Promise<void>;
  /**
   * The keys stored under `prefix` (keys that start with it), in ascending order. Reads no documents: this is what
   * lets small per-record keys (the handoff's queue markers) be found without a shared index document.
   */
  list(prefix: string): Promise<string[]>;
  /** Deletes items last written before `cutoff` (the retention sweep); returns how many. */
  deleteOlderThan(cutoff: Date): number | Promise<number>;
  /**
   * After deletes that must leave nothing readable ("forget me"): removes the old copies a backend
   * keeps of deleted items (SQLite: its write-ahead log). Resolves false when that could not be
   * completed now. Absent where the backend keeps no such copies.
   */
  purgeDeleted?(): Promise<boolean>;
}

export interface StorageUsage {
  items: number;
  /** Keys plus documents, in bytes. */
  bytes: number;
}

export function conditionFor(eTag: string | undefined): WriteCondition {
  return eTag ? { kind: 'eTag', eTag } : { kind: 'absent' };
}

export function isDurableStorage(storage: Storage): storage is DurableStorage {
  const candidate = storage as Partial<DurableStorage>;
  return typeof candidate.writeGuarded === 'function' && typeof candidate.deleteOlderThan === 'function' && typeof candidate.list === 'function';
}

/**
 * Gives any botbuilder Storage the guarded write, checking conditions with a read first. That check
 * is not atomic, so it is only safe inside one process where turns for a customer are serialized;
 * the stores Stepwise creates itself check atomically. `list` knows only the keys written through
 * this wrapper (botbuilder's Storage cannot enumerate), which is all one process needs of it.
 */
export function asDurableStorage(storage: Storage): DurableStorage {
  if (isDurableStorage(storage)) return storage;
  const written = new Set<string>();
  return {
    read: (keys) => storage.read(keys),
    async write(changes) {
      await storage.write(changes);
      for (const key of Object.keys(changes)) written.add(key);
    },
    async delete(keys) {
      await storage.delete(keys);
      for (const key of keys) written.delete(key);
    },
    deleteOlderThan: () => 0,
    async list(prefix) {
      const candidates = [...written].filter((key) => key.startsWith(prefix));
      const present = await storage.read(candidates);
      return candidates.filter((key) => present[key]).sort();
    },
    async writeGuarded(writes) {
      const current = await storage.read(writes.map((write) => write.key));
      for (const { key, condition } of writes) {
        if (condition.kind === 'absent' && current[key]) throw eTagConflictError(key);
        if (condition.kind === 'eTag' && current[key]?.eTag !== condition.eTag) throw eTagConflictError(key);
      }
      await storage.write(Object.fromEntries(writes.map(({ key, item }) => [key, { ...item, eTag: '*' }])));
      for (const { key } of writes) written.add(key);
    },
  };
}
