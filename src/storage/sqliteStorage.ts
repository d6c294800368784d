import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DurableStorage, GuardedWrite, StorageUsage } from './guardedWrite';
import { eTagConflictError } from './storageErrors';

export interface SqliteStorageOptions {
  /** Clock for updated_at; injectable so retention can be tested without waiting. */
  now?: () => Date;
}

interface ItemRow {
  document: string;
  etag: string;
}

interface WriteParams {
  key: string;
  document: string;
  etag: string;
  updatedAt: number;
}

const schema = `
  CREATE TABLE IF NOT EXISTS storage_items (
    key        TEXT    PRIMARY KEY NOT NULL,
    document   TEXT    NOT NULL,
    etag       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS storage_items_updated_at ON storage_items (updated_at);
`;

/**
 * A botbuilder Storage backed by one SQLite file, with MemoryStorage's eTag semantics:
 * no eTag or '*' overwrites, a matching eTag replaces, a stale eTag is rejected, and a
 * missing item is created whatever eTag the write carries.
 */
export class SqliteStorage implements Storage, DurableStorage {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly selectItem: Database.Statement<[string], ItemRow>;
  private readonly upsertItem: Database.Statement<[WriteParams]>;
  private readonly updateItemIfMatch: Database.Statement<[WriteParams & { expectedEtag: string }]>;
  private readonly insertItemIfMissing: Database.Statement<[WriteParams]>;
  private readonly deleteItem: Database.Statement<[string]>;
  private readonly deleteItemsBefore: Database.Statement<[number]>;
  private readonly probe: Database.Statement<[]>;
  private readonly measure: Database.Statement<[], StorageUsage>;
  private readonly readBatch: (keys: string[]) => StoreItems;
  private readonly writeBatch: Database.Transaction<(changes: StoreItems, updatedAt: number) => void>;
  private readonly deleteBatch: Database.Transaction<(keys: string[]) => void>;
  private readonly guardedBatch: Database.Transaction<(writes: GuardedWrite[], updatedAt: number) => void>;

  constructor(filePath: string, options: SqliteStorageOptions = {}) {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    this.now = options.now ?? (() => new Date());
    this.db = new Database(filePath, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Deleted rows (and the old versions of rewritten ones) are overwritten with zeros, not left in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.exec(schema);

    this.selectItem = this.db.prepare('SELECT document, etag FROM storage_items WHERE key = ?');
    this.upsertItem = this.db.prepare(`
      INSERT INTO storage_items (key, document, etag, updated_at)
      VALUES (@key, @document, @etag, @updatedAt)
      ON CONFLICT (key) DO UPDATE SET
        document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at`);
    this.updateItemIfMatch = this.db.prepare(`
      UPDATE storage_items SET document = @document, etag = @etag, updated_at = @updatedAt
      WHERE key = @key AND etag = @expectedEtag`);
    this.insertItemIfMissing = this.db.prepare(`
      INSERT INTO storage_items (key, document, etag, updated_at)
      VALUES (@key, @document, @etag, @updatedAt)
      ON CONFLICT (key) DO NOTHING`);
    this.deleteItem = this.db.prepare('DELETE FROM storage_items WHERE key = ?');
    this.deleteItemsBefore = this.db.prepare('DELETE FROM storage_items WHERE updated_at < ?');
    this.probe = this.db.prepare('SELECT 1 FROM storage_items LIMIT 1');
    this.measure = this.db.prepare(
      'SELECT COUNT(*) AS items, COALESCE(SUM(LENGTH(CAST(key AS BLOB)) + LENGTH(CAST(document AS BLOB))), 0) AS bytes FROM storage_items',
    );

    // One transaction per call so a multi-key read sees a single snapshot.
    this.readBatch = this.db.transaction((keys: string[]) => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.selectItem.get(key);
        if (row) items[key] = { ...JSON.parse(row.document), eTag: row.etag };
      }
      return items;
    });

    this.writeBatch = this.db.transaction((changes: StoreItems, updatedAt: number) => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = item ?? {};
        const params: WriteParams = { key, document: JSON.stringify(data), etag: randomUUID(), updatedAt };
        if (!eTag || eTag === '*') {
          this.upsertItem.run(params);
        } else if (
          this.updateItemIfMatch.run({ ...params, expectedEtag: String(eTag) }).changes === 0 &&
          this.insertItemIfMissing.run(params).changes === 0
        ) {
          throw eTagConflictError(key);
        }
      }
    });

    // Unlike write(), an eTag condition on a missing item is a conflict: it was deleted since it was read.
    this.guardedBatch = this.db.transaction((writes: GuardedWrite[], updatedAt: number) => {
      for (const { key, item, condition } of writes) {
        const { eTag: _ignored, ...data } = item;
        const params: WriteParams = { key, document: JSON.stringify(data), etag: randomUUID(), updatedAt };
        const written =
          condition.kind === 'any'
            ? this.upsertItem.run(params).changes
            : condition.kind === 'absent'
              ? this.insertItemIfMissing.run(params).changes
              : this.updateItemIfMatch.run({ ...params, expectedEtag: condition.eTag }).changes;
        if (written === 0) throw eTagConflictError(key);
      }
    });

    this.deleteBatch = this.db.transaction((keys: string[]) => {
      for (const key of keys) this.deleteItem.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    this.assertOpen();
    return this.readBatch(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.assertOpen();
    // IMMEDIATE takes the write lock before the eTag check, so two processes sharing the
    // file cannot both pass it. A conflict rolls back the whole batch.
    this.writeBatch.immediate(changes, this.now().getTime());
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.assertOpen();
    this.deleteBatch.immediate(keys);
  }

  /** All of `writes` in one transaction, or none of them when a condition fails. */
  async writeGuarded(writes: GuardedWrite[]): Promise<void> {
    this.assertOpen();
    this.guardedBatch.immediate(writes, this.now().getTime());
  }

  async usage(): Promise<StorageUsage> {
    this.assertOpen();
    return this.measure.get()!;
  }

  /** Deletes items last written strictly before `cutoff`; returns how many were removed. */
  deleteOlderThan(cutoff: Date): number {
    const cutoffMs = cutoff.getTime();
    if (Number.isNaN(cutoffMs)) throw new RangeError('deleteOlderThan needs a valid Date.');
    this.assertOpen();
    return this.deleteItemsBefore.run(cutoffMs).changes;
  }

  /**
   * Copies the write-ahead log into the database file and truncates it to zero bytes, so the page
   * images it held from before a delete are gone (secure_delete already zeroed the pages themselves).
   * Resolves false when another connection kept it from completing (it is then done at a later one).
   */
  async purgeDeleted(): Promise<boolean> {
    this.assertOpen();
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    // log is -1 for a database without a write-ahead log (':memory:'): nothing to empty.
    return result.busy === 0 && result.log <= 0;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.probe.get();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('SqliteStorage is closed.');
  }
}
