import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type StorageHandle } from '../../src/storage/createStorage';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { holdSqliteWriteLock, longestStall } from '../support/sqliteLock';

let dir: string;
let filePath: string;
const opened: { close(): unknown }[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-sqlite-lock-'));
  filePath = join(dir, 'stepwise.sqlite');
});
// The folders are removed at the end only: tmpfs hands a deleted file's inode to the next new file,
// and SQLite keys its in-process lock table by inode.
const dirs: string[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  dirs.push(dir);
});
afterAll(() => {
  for (const folder of dirs) rmSync(folder, { recursive: true, force: true });
});
const open = (options?: ConstructorParameters<typeof SqliteStorage>[1]) => {
  const storage = new SqliteStorage(filePath, options);
  opened.push(storage);
  return storage;
};

describe('one store per SQLite file', () => {
  it('refuses a second store on the same file with a one-line message, and opens again once the first is closed', async () => {
    const first = open();
    await first.write({ a: { value: 1 } });

    expect(() => open()).toThrow(
      `The SQLite file ${filePath} is already in use by another Stepwise process. Run one instance per SQLite file; several instances need STORAGE=blob.`,
    );

    first.close();
    const second = open();
    expect((await second.read(['a'])).a.value).toBe(1);
  });
});

describe('another program holding the write lock', () => {
  it('never blocks the event loop for more than 50 ms: writes wait asynchronously and complete once the lock is released', async () => {
    const storage = open();
    await storage.write({ step: { value: 1 } });
    const lock = await holdSqliteWriteLock(filePath, 1500);

    const started = Date.now();
    const { stallMs } = await longestStall(async () => {
      const reading = await storage.read(['step']);
      expect(reading.step.value).toBe(1);
      await storage.write({ step: { value: 2 } });
    });

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(stallMs).toBeLessThan(50);
    await lock.released;
    expect((await storage.read(['step'])).step.value).toBe(2);
  });

  it('gives up after busyDeadlineMs with an error (the turn then reports the store unavailable)', async () => {
    const storage = open({ busyDeadlineMs: 300 });
    const lock = await holdSqliteWriteLock(filePath, 2000);

    const { stallMs } = await longestStall(() =>
      expect(storage.write({ step: { value: 2 } })).rejects.toThrow('The SQLite database stayed locked by another connection for 300 ms.'),
    );

    expect(stallMs).toBeLessThan(50);
    await lock.released;
  });

  it('health check answers at once while the lock is held: up, until no write has succeeded for busyDeadlineMs', async () => {
    const handle: StorageHandle = createStorage({ kind: 'sqlite', sqlitePath: filePath });
    opened.push(handle);
    const lock = await holdSqliteWriteLock(filePath, 1500);

    const started = performance.now();
    await expect(handle.ping()).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(100);
    await lock.released;
    await expect(handle.ping()).resolves.toBeUndefined();
  });

  it('health check fails, still at once, once the lock has kept every write out for longer than busyDeadlineMs', async () => {
    const storage = open({ busyDeadlineMs: 200 });
    const lock = await holdSqliteWriteLock(filePath, 1500);

    await expect(storage.probeWrite()).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    await expect(storage.probeWrite()).rejects.toThrow('The SQLite database has been locked by another connection for over 200 ms.');
    expect(performance.now() - started).toBeLessThan(100);

    await lock.released;
    await expect(storage.probeWrite()).resolves.toBeUndefined();
  });
});

function refuseWrites(path: string): void {
  const admin = new Database(path);
  for (const [name, event] of [['refuse_inserts', 'INSERT'], ['refuse_updates', 'UPDATE'], ['refuse_deletes', 'DELETE']]) {
    admin.exec(`CREATE TRIGGER ${name} BEFORE ${event} ON storage_items BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
  }
  admin.close();
}

describe('the health check writes', () => {
  it('fails when the file can be read but not written', async () => {
    const handle = createStorage({ kind: 'sqlite', sqlitePath: filePath });
    opened.push(handle);
    await handle.storage.write({ a: { value: 1 } });
    await expect(handle.ping()).resolves.toBeUndefined();

    // The store's own connection becomes read-only, as on a full disk or a read-only file.
    (handle.storage as unknown as { db: Database.Database }).db.pragma('query_only = ON');

    expect((await handle.storage.read(['a'])).a.value).toBe(1);
    // A moment's lock by another connection counts as up; give the probe a few tries to reach the write.
    let failure: unknown;
    for (let attempt = 0; attempt < 20 && !failure; attempt++) {
      failure = await handle.ping().then(
        () => undefined,
        (error: unknown) => error,
      );
      if (!failure) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(failure).toEqual(expect.objectContaining({ message: expect.stringContaining('attempt to write a readonly database') }));
  });

  it('refuses to open a file that cannot be written, with a one-line message', () => {
    const seed = new SqliteStorage(filePath);
    seed.close();
    refuseWrites(filePath);

    expect(() => open()).toThrow(
      `The SQLite file ${filePath} cannot be written (database or disk is full): check its permissions and the free disk space.`,
    );
    // Refused without keeping the lock: once the file is fixed it opens.
    const fix = new Database(filePath);
    fix.exec('DROP TRIGGER refuse_inserts; DROP TRIGGER refuse_updates; DROP TRIGGER refuse_deletes;');
    fix.close();
    expect(() => open()).not.toThrow();
  });
});
