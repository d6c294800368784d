import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type StorageHandle } from '../../src/storage/createStorage';
import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { startSwitchableProxy } from '../support/switchableProxy';

const day = 24 * 60 * 60 * 1000;
const start = new Date('2026-01-01T00:00:00Z');

function clock() {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe.each(['memory', 'sqlite'] as const)('%s storage retention and usage', (kind) => {
  let dir: string;
  let handle: StorageHandle;
  let time: ReturnType<typeof clock>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stepwise-retention-'));
    time = clock();
    handle = createStorage({ kind, sqlitePath: join(dir, 'stepwise.sqlite'), now: time.now });
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deleteOlderThan removes exactly the items last written before the cutoff', async () => {
    await handle.storage.write({ 'webchat/conversations/old': { step: 1 }, 'webchat/users/old': { step: 1 } });
    time.advance(2 * day);
    await handle.storage.writeGuarded([{ key: 'webchat/conversations/new', item: { step: 2 }, condition: { kind: 'absent' } }]);

    expect(await handle.storage.deleteOlderThan(new Date(start.getTime() + day))).toBe(2);

    expect(Object.keys(await handle.storage.read(['webchat/conversations/old', 'webchat/users/old', 'webchat/conversations/new']))).toEqual([
      'webchat/conversations/new',
    ]);
    expect(await handle.storage.deleteOlderThan(new Date(start.getTime() + day))).toBe(0);
  });

  it('usage counts the items and the bytes of their keys and documents', async () => {
    expect(await handle.usage()).toEqual({ items: 0, bytes: 0 });
    await handle.storage.write({ 'webchat/conversations/a': { text: 'café' } });
    await handle.storage.delete(['nothing-here']);

    const usage = await handle.usage();
    expect(usage.items).toBe(1);
    expect(usage.bytes).toBe(Buffer.byteLength('webchat/conversations/a{"text":"café"}'));
  });
});

describe('blob storage retention, usage and recovery (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  it('deleteOlderThan removes blobs last modified before the cutoff, and usage measures them', async () => {
    const handle = createStorage({ kind: 'blob', blobConnectionString: azurite.connectionString, blobContainer: 'retention' });
    await handle.storage.write({ 'webchat/conversations/a': { step: 1 }, 'webchat/users/a': { text: 'café' } });

    expect(await handle.usage()).toEqual({
      items: 2,
      bytes: Buffer.byteLength('webchat/conversations/a{"step":1}webchat/users/a{"text":"café"}'),
    });
    expect(await handle.storage.deleteOlderThan(new Date(Date.now() - 60_000))).toBe(0);
    expect(await handle.storage.deleteOlderThan(new Date(Date.now() + 60_000))).toBe(2);
    expect(await handle.usage()).toEqual({ items: 0, bytes: 0 });
  });

  it('several instances sweeping at once: one sweeps (a lease), the others skip, and each blob is deleted once', async () => {
    const instances = [1, 2, 3].map(() => createStorage({ kind: 'blob', blobConnectionString: azurite.connectionString, blobContainer: 'one-sweeper' }));
    const old: Record<string, object> = {};
    for (let i = 0; i < 40; i++) old[`webchat/conversations/old-${i}`] = { step: i };
    await instances[0].storage.write(old);

    const deleted = await Promise.all(instances.map((instance) => instance.storage.deleteOlderThan(new Date(Date.now() + 60_000))));

    expect(deleted.slice().sort((a, b) => a - b)).toEqual([0, 0, 40]);
    expect(await instances[1].usage()).toEqual({ items: 0, bytes: 0 });
    // The lease was given back: the next sweep runs.
    await instances[2].storage.write({ 'webchat/conversations/later': { step: 1 } });
    expect(await instances[2].storage.deleteOlderThan(new Date(Date.now() + 60_000))).toBe(1);
  });

  it('with sweepSkipWithinMs, an instance does not sweep again right after another one did', async () => {
    const options = { account: { connectionString: azurite.connectionString }, container: 'swept-recently', clientOptions: { sweepSkipWithinMs: 60 * 60_000 } };
    const { createBlobStorage } = await import('../../src/storage/blobStorage');
    const [one, two] = [createBlobStorage(options).storage, createBlobStorage(options).storage];
    await one.write({ 'webchat/conversations/a': { step: 1 } });
    expect(await one.deleteOlderThan(new Date(Date.now() + 60_000))).toBe(1);

    await two.write({ 'webchat/conversations/b': { step: 1 } });
    expect(await two.deleteOlderThan(new Date(Date.now() + 60_000))).toBe(0);
    expect(Object.keys(await two.read(['webchat/conversations/b']))).toEqual(['webchat/conversations/b']);
  });

  it('works again once the account is back, even when it was down at the first use', async () => {
    const proxy = await startSwitchableProxy(azurite.port);
    try {
      proxy.cutOff();
      const handle = createStorage({ kind: 'blob', blobConnectionString: azuriteConnectionString(proxy.port), blobContainer: 'comes-back' });
      await expect(handle.ping()).rejects.toThrow();
      await expect(handle.storage.read(['webchat/conversations/a'])).rejects.toThrow();

      proxy.restore();
      await expect(handle.ping()).resolves.toBeUndefined();
      await handle.storage.write({ 'webchat/conversations/a': { step: 3 } });
      expect((await handle.storage.read(['webchat/conversations/a']))['webchat/conversations/a'].step).toBe(3);
    } finally {
      await proxy.close();
    }
  });
});

describe('the SQLite retention sweep', () => {
  it('deletes in batches and lets other work run between them (better-sqlite3 blocks while it deletes)', async () => {
    const { SqliteStorage } = await import('../../src/storage/sqliteStorage');
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-retention-'));
    const time = clock();
    const storage = new SqliteStorage(join(dir, 'stepwise.sqlite'), { now: time.now, sweepBatchSize: 100 });
    try {
      const old: Record<string, object> = {};
      for (let i = 0; i < 1000; i++) old[`webchat/conversations/old-${i}`] = { step: i };
      await storage.write(old);
      time.advance(2 * day);
      await storage.write({ 'webchat/conversations/new': { step: 1 } });

      let done = false;
      let turnsBetween = 0;
      const otherWork = () => {
        if (done) return;
        turnsBetween++;
        setImmediate(otherWork);
      };
      setImmediate(otherWork);
      const deleted = await storage.deleteOlderThan(new Date(start.getTime() + day));
      done = true;

      expect(deleted).toBe(1000);
      // Ten batches of 100, with the event loop free after each.
      expect(turnsBetween).toBeGreaterThanOrEqual(9);
      expect(Object.keys(await storage.read(['webchat/conversations/old-0', 'webchat/conversations/old-999', 'webchat/conversations/new']))).toEqual([
        'webchat/conversations/new',
      ]);
    } finally {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
