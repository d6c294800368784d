import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { SqliteStorage } from '../../src/storage/sqliteStorage';

const run = promisify(execFile);
const conflict = (key: string) => `Storage: error writing "${key}" due to eTag conflict.`;

describe('SqliteStorage', () => {
  let dir: string;
  let filePath: string;
  const opened: SqliteStorage[] = [];
  const open = (options?: ConstructorParameters<typeof SqliteStorage>[1]) => {
    const storage = new SqliteStorage(filePath, options);
    opened.push(storage);
    return storage;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stepwise-sqlite-'));
    filePath = join(dir, 'data', 'nested', 'stepwise.sqlite');
  });
  afterEach(() => {
    opened.splice(0).forEach((storage) => storage.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent directory and uses WAL mode', async () => {
    expect(existsSync(join(dir, 'data'))).toBe(false);
    const storage = open();
    await storage.write({ a: { value: 1 } });

    expect(existsSync(filePath)).toBe(true);
    const inspector = new Database(filePath, { readonly: true });
    try {
      expect(inspector.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(inspector.prepare('SELECT key, document FROM storage_items').all()).toEqual([
        { key: 'a', document: '{"value":1}' },
      ]);
    } finally {
      inspector.close();
    }
  });

  it('keeps data and eTags across closing and reopening the file', async () => {
    const first = open();
    await first.write({ 'msteams/users/42': { step: 5, client: 'outlook' } });
    const before = await first.read(['msteams/users/42']);
    first.close();

    const reopened = open();
    expect(await reopened.read(['msteams/users/42'])).toEqual(before);
    expect(before['msteams/users/42']).toEqual({ step: 5, client: 'outlook', eTag: expect.any(String) });
  });

  it('lets only one of two instances on the same file win with the same eTag', async () => {
    const a = open({ exclusive: false });
    const b = open({ exclusive: false });
    await a.write({ key: { owner: 'nobody' } });
    const seenByA = (await a.read(['key'])).key.eTag;
    const seenByB = (await b.read(['key'])).key.eTag;
    expect(seenByB).toBe(seenByA);

    await a.write({ key: { owner: 'a', eTag: seenByA } });
    await expect(b.write({ key: { owner: 'b', eTag: seenByB } })).rejects.toThrow(conflict('key'));

    expect((await b.read(['key'])).key.owner).toBe('a');
  });

  it('loses no update when several processes increment one item at the same time', async () => {
    const seed = open({ exclusive: false });
    await seed.write({ counter: { count: 0 } });
    const workers = 4;
    const incrementsEach = 200;
    const worker = join(__dirname, '..', 'support', 'sqliteCounterWorker.ts');
    const goFile = join(dir, 'go');
    const readyFiles = Array.from({ length: workers }, (_, i) => join(dir, `ready-${i}`));

    const results = Promise.all(
      readyFiles.map((readyFile) =>
        run(process.execPath, ['--import', 'tsx', worker, filePath, 'counter', String(incrementsEach), readyFile, goFile]),
      ),
    );
    while (!readyFiles.every((file) => existsSync(file))) await sleep(10);
    writeFileSync(goFile, '');

    const conflicts = (await results).map(({ stdout }) => (JSON.parse(stdout) as { conflicts: number }).conflicts);
    expect((await seed.read(['counter'])).counter.count).toBe(workers * incrementsEach);
    // Proves the processes really raced: some stale writes had to be rejected.
    expect(conflicts.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
  }, 60000);

  it('creates a missing item even when the write carries an eTag, like MemoryStorage', async () => {
    const storage = open();
    await storage.write({ fresh: { value: 1, eTag: 'from-somewhere-else' } });

    expect((await storage.read(['fresh'])).fresh.value).toBe(1);
  });

  it('applies a batch with a conflicting item all or nothing', async () => {
    const storage = open();
    await storage.write({ a: { value: 1 }, b: { value: 1 } });
    const staleB = (await storage.read(['b'])).b.eTag;
    await storage.write({ b: { value: 2 } });

    await expect(storage.write({ a: { value: 'new' }, b: { value: 'new', eTag: staleB } })).rejects.toThrow(conflict('b'));

    const items = await storage.read(['a', 'b']);
    expect([items.a.value, items.b.value]).toEqual([1, 2]);
  });

  it('deleteOlderThan removes only items last written before the cutoff', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const storage = open({ now: () => now });
    await storage.write({ old: { v: 1 }, refreshed: { v: 1 }, atCutoff: { v: 1 } });
    now = new Date('2025-01-01T00:10:00Z');
    await storage.write({ refreshed: { v: 2 }, atCutoff: { v: 2 } });
    now = new Date('2025-01-01T00:20:00Z');
    await storage.write({ recent: { v: 1 } });

    expect(await storage.deleteOlderThan(new Date('2025-01-01T00:10:00Z'))).toBe(1);

    const remaining = await storage.read(['old', 'refreshed', 'atCutoff', 'recent']);
    expect(Object.keys(remaining).sort()).toEqual(['atCutoff', 'recent', 'refreshed']);
    expect(await storage.deleteOlderThan(new Date('2025-01-01T00:10:00Z'))).toBe(0);
    await expect(storage.deleteOlderThan(new Date('not a date'))).rejects.toThrow(RangeError);
  });

  it('ping succeeds while open and fails after close, which is idempotent', async () => {
    const storage = open();
    await expect(storage.ping()).resolves.toBeUndefined();

    storage.close();
    storage.close();

    await expect(storage.ping()).rejects.toThrow('SqliteStorage is closed.');
    await expect(storage.read(['a'])).rejects.toThrow('SqliteStorage is closed.');
    await expect(storage.write({ a: {} })).rejects.toThrow('SqliteStorage is closed.');
  });
});
