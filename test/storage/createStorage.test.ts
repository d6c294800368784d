import { BlobsStorage } from 'botbuilder-azure-blobs';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '../../src/logging/logger';
import { createStorage, readyStorage, type CreateStorageOptions } from '../../src/storage/createStorage';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { SqliteStorage } from '../../src/storage/sqliteStorage';

describe('createStorage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stepwise-create-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds memory storage whose ping and close always succeed', async () => {
    const handle = createStorage({ kind: 'memory' });

    expect(handle.kind).toBe('memory');
    expect(handle.storage).toBeInstanceOf(StepwiseMemoryStorage);
    await expect(handle.ping()).resolves.toBeUndefined();
    await expect(handle.close()).resolves.toBeUndefined();
  });

  it('builds SqliteStorage at sqlitePath; close makes ping fail', async () => {
    const sqlitePath = join(dir, 'data', 'stepwise.sqlite');
    const handle = createStorage({ kind: 'sqlite', sqlitePath });

    expect(handle.kind).toBe('sqlite');
    expect(handle.storage).toBeInstanceOf(SqliteStorage);
    expect(existsSync(sqlitePath)).toBe(true);
    await expect(handle.ping()).resolves.toBeUndefined();
    await handle.close();
    await expect(handle.ping()).rejects.toThrow('SqliteStorage is closed.');
  });

  it('builds BlobsStorage without contacting the service', async () => {
    const handle = createStorage({
      kind: 'blob',
      blobConnectionString: 'UseDevelopmentStorage=true;',
      blobContainer: 'stepwise',
    });

    expect(handle.kind).toBe('blob');
    expect(handle.storage).toBeInstanceOf(BlobsStorage);
    await expect(handle.close()).resolves.toBeUndefined();
  });

  it.each<[CreateStorageOptions, string]>([
    [{ kind: 'sqlite' }, 'sqlitePath is required when storage kind is "sqlite".'],
    [{ kind: 'blob', blobContainer: 'c' }, 'blobConnectionString or blobEndpoint is required when storage kind is "blob".'],
    [{ kind: 'blob', blobConnectionString: 'UseDevelopmentStorage=true;' }, 'blobContainer is required when storage kind is "blob".'],
    [{ kind: 'redis' } as unknown as CreateStorageOptions, 'Unknown storage kind "redis": use memory, sqlite or blob.'],
  ])('rejects incomplete options %j', (options, message) => {
    expect(() => createStorage(options)).toThrow(message);
  });

  it('logs nothing while building: "storage ready" waits for the write probe (see storageReadiness.test.ts)', async () => {
    const logger = createMemoryLogger();
    createStorage({ kind: 'blob', blobConnectionString: 'UseDevelopmentStorage=true;AccountKey=c2VjcmV0', blobContainer: 'stepwise', logger });

    expect(logger.lines).toEqual([]);
  });

  it('readyStorage logs the SQLite path once the file was written', async () => {
    const logger = createMemoryLogger();
    const options: CreateStorageOptions = { kind: 'sqlite', sqlitePath: join(dir, 'stepwise.sqlite'), logger };
    const handle = createStorage(options);
    await readyStorage(handle, options);
    await handle.close();

    expect(logger.lines).toEqual([expect.stringMatching(/INFO storage ready kind="sqlite" sqlitePath=".*stepwise\.sqlite"$/)]);
  });
});
