import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DurableStorage, GuardedWrite, StorageUsage } from './guardedWrite';
import { eTagConflictError } from './storageErrors';

export interface SqliteStorageOptions {
  /** Clock for updated_at; injectable so retention can be tested without waiting. */
  now?: () => Date;
  /**
   * Hold the file's process lock (default true): while this store is open, no other SqliteStorage on
   * the same file (in this or any process) can open it with the lock. Only tests of SQLite's own
   * concurrency turn it off.
   */
  exclusive?: boolean;
  /** How long a read or write keeps retrying while another connection holds the database lock (default 5000 ms). */
  busyDeadlineMs?: number;
  /** Rows the retention sweep deletes at a time before letting other work run (default 200). */
  sweepBatchSize?: number;
}

/** Thrown at start-up when another process already holds the file's lock. */
export class SqliteInUseError extends Error {
  constructor(filePath: string) {
    super(
      `The SQLite file ${filePath} is already in use by another Stepwise process. ` +
        'Run one instance per SQLite file; several instances need STORAGE=blob.',
    );
    this.name = 'SqliteInUseError';
  }
}

/** Thrown at start-up when the file cannot be opened or written. */
export class SqliteUnwritableError extends Error {
  constructor(filePath: string, cause: unknown) {
    const reason = messageOf(cause).split('\n')[0];
    super(`The SQLite file ${filePath} cannot be written (${reason}): check its permissions and the free disk space.`, { cause });
    this.name = 'SqliteUnwritableError';
  }
}

// Each attempt waits at most this long inside SQLite (synchronously, on the event loop) for another
// connection's lock; between attempts the wait is asynchronous, so other requests run.
const attemptBusyTimeoutMs = 20;
const startupBusyTimeoutMs = 5000;
const defaultBusyDeadlineMs = 5000;
const maxBackoffMs = 100;
const healthProbeKey = 'stepwise/health-probe';

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
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
  private readonly lock?: Database.Database;
  private readonly now: () => Date;
  private readonly busyDeadlineMs: number;
  private readonly sweepBatchSize: number;
  /** When an operation first found the database locked by another connection, since the last write that succeeded. */
  private busySince?: number;
  private readonly selectItem: Database.Statement<[string], ItemRow>;
  private readonly upsertItem: Database.Statement<[WriteParams]>;
  private readonly updateItemIfMatch: Database.Statement<[WriteParams & { expectedEtag: string }]>;
  private readonly insertItemIfMissing: Database.Statement<[WriteParams]>;
  private readonly deleteItem: Database.Statement<[string]>;
  private readonly deleteItemsBefore: Database.Statement<[number, number]>;
  private readonly selectKeysBetween: Database.Statement<[string, string], { key: string }>;
  private readonly probe: Database.Statement<[]>;
  private readonly measure: Database.Statement<[], StorageUsage>;
  private readonly readBatch: (keys: string[]) => StoreItems;
  private readonly writeBatch: Database.Transaction<(changes: StoreItems, updatedAt: number) => void>;
  private readonly deleteBatch: Database.Transaction<(keys: string[]) => void>;
  private readonly guardedBatch: Database.Transaction<(writes: GuardedWrite[], updatedAt: number) => void>;
  private readonly writeProbe: Database.Transaction<() => void>;

  constructor(readonly filePath: string, options: SqliteStorageOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.busyDeadlineMs = options.busyDeadlineMs ?? defaultBusyDeadlineMs;
    this.sweepBatchSize = options.sweepBatchSize ?? 200;
    try {
      if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
      if (filePath !== ':memory:' && options.exclusive !== false) this.lock = SqliteStorage.takeLock(filePath);
      this.db = new Database(filePath, { timeout: startupBusyTimeoutMs });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // Deleted rows (and the old versions of rewritten ones) are overwritten with zeros, not left in free pages.
      this.db.pragma('secure_delete = ON');
      this.db.exec(schema);
    } catch (error) {
      this.lock?.close();
      if (error instanceof SqliteInUseError) throw error;
      throw new SqliteUnwritableError(filePath, error);
    }

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
    this.deleteItemsBefore = this.db.prepare(
      'DELETE FROM storage_items WHERE key IN (SELECT key FROM storage_items WHERE updated_at < ? ORDER BY updated_at LIMIT ?)',
    );
    // A range over the primary key (BINARY collation: byte order), so only the listed keys are visited.
    this.selectKeysBetween = this.db.prepare('SELECT key FROM storage_items WHERE key >= ? AND key < ? ORDER BY key');
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

    // Written and deleted in one committed transaction: the commit writes the page, so a read-only
    // file or a full disk fails here, not only in a customer's turn.
    this.writeProbe = this.db.transaction(() => {
      this.upsertItem.run({ key: healthProbeKey, document: '{}', etag: 'probe', updatedAt: 0 });
      this.deleteItem.run(healthProbeKey);
    });

    // Refuse to start on a file that cannot be written, rather than failing every turn.
    try {
      this.writeProbe.immediate();
    } catch (error) {
      this.close();
      throw new SqliteUnwritableError(filePath, error);
    }
    this.db.pragma(`busy_timeout = ${attemptBusyTimeoutMs}`);
  }

  /**
   * The process lock: an exclusive transaction on a small SQLite file next to the database, held
   * while the store is open. It is an operating-system file lock, so the kernel releases it when the
   * process ends in any way (kill -9 included): a stale lock file never blocks a restart.
   */
  private static takeLock(filePath: string): Database.Database {
    const lock = new Database(`${filePath}.lock`, { timeout: 0 });
    try {
      lock.exec('BEGIN EXCLUSIVE');
      return lock;
    } catch (error) {
      lock.close();
      if (isBusy(error)) throw new SqliteInUseError(filePath);
      throw error;
    }
  }

  /**
   * Runs one synchronous database operation. While another connection holds the lock, each attempt
   * blocks for at most 20 ms; the retries wait asynchronously (backing off to
   * 100 ms) until busyDeadlineMs, then fail like an unreachable store.
   */
  private async attempt<T>(work: () => T, writes: boolean): Promise<T> {
    const deadline = Date.now() + this.busyDeadlineMs;
    for (let retry = 0; ; retry++) {
      this.assertOpen();
      try {
        const result = work();
        if (writes) this.busySince = undefined;
        return result;
      } catch (error) {
        if (!isBusy(error)) throw error;
        this.busySince ??= Date.now();
        if (Date.now() >= deadline) {
          throw new Error(`The SQLite database stayed locked by another connection for ${this.busyDeadlineMs} ms.`, { cause: error });
        }
        await sleep(Math.min(5 * 2 ** retry, maxBackoffMs));
      }
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.attempt(() => this.readBatch(keys), false);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // IMMEDIATE takes the write lock before the eTag check, so two connections sharing the
    // file cannot both pass it. A conflict rolls back the whole batch.
    const updatedAt = this.now().getTime();
    await this.attempt(() => this.writeBatch.immediate(changes, updatedAt), true);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.attempt(() => this.deleteBatch.immediate(keys), true);
  }

  /** All of `writes` in one transaction, or none of them when a condition fails. */
  async writeGuarded(writes: GuardedWrite[]): Promise<void> {
    const updatedAt = this.now().getTime();
    await this.attempt(() => this.guardedBatch.immediate(writes, updatedAt), true);
  }

  /**
   * Runs `work` in one IMMEDIATE transaction on this store's connection, with the same busy retries as
   * its own reads and writes: for other tables kept in the same file (the timers, src/timers).
   */
  async transaction<T>(work: (db: Database.Database) => T): Promise<T> {
    const run = this.db.transaction(() => work(this.db));
    return this.attempt(() => run.immediate(), true);
  }

  async list(prefix: string): Promise<string[]> {
    if (!prefix) throw new RangeError('list needs a non-empty prefix.');
    // Every key that starts with the prefix sorts at or after it and before the prefix with its last character incremented.
    const after = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = await this.attempt(() => this.selectKeysBetween.all(prefix, after), false);
    return rows.map((row) => row.key).filter((key) => key.startsWith(prefix));
  }

  async usage(): Promise<StorageUsage> {
    return this.attempt(() => this.measure.get()!, false);
  }

  /**
   * Deletes what was not written since `cutoff`, a batch at a time with the event loop free in between:
   * better-sqlite3 is synchronous, and with secure_delete a large delete would hold every request up.
   */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const cutoffMs = cutoff.getTime();
    if (Number.isNaN(cutoffMs)) throw new RangeError('deleteOlderThan needs a valid Date.');
    let deleted = 0;
    for (;;) {
      const batch = await this.attempt(() => this.deleteItemsBefore.run(cutoffMs, this.sweepBatchSize).changes, true);
      deleted += batch;
      if (batch < this.sweepBatchSize) return deleted;
      await new Promise((resolve) => setImmediate(resolve));
    }
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

  /** Reads one row: the file is open and readable. */
  async ping(): Promise<void> {
    await this.attempt(() => this.probe.get(), false);
  }

  /**
   * The health check: a small write committed and undone. It never waits long: while another
   * connection holds the write lock it tries twice within about 50 ms (each try blocks at most
   * 20 ms) and then counts as up, unless no write has succeeded for longer than busyDeadlineMs,
   * when turns fail too.
   */
  async probeWrite(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      this.assertOpen();
      try {
        this.writeProbe.immediate();
        this.busySince = undefined;
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        this.busySince ??= Date.now();
        if (Date.now() - this.busySince > this.busyDeadlineMs) {
          throw new Error(`The SQLite database has been locked by another connection for over ${this.busyDeadlineMs} ms.`, { cause: error });
        }
        if (attempt >= 1) return;
        await sleep(5);
      }
    }
  }

  close(): void {
    if (this.db?.open) this.db.close();
    if (this.lock?.open) {
      this.lock.exec('ROLLBACK');
      this.lock.close();
    }
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('SqliteStorage is closed.');
  }
}

// Not `instanceof Error`: errors from native modules may come from another realm (e.g. under jest).
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
