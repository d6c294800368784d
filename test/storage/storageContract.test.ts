import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { createStorage, type StorageHandle } from '../../src/storage/createStorage';
import { asDurableStorage, type DurableStorage } from '../../src/storage/guardedWrite';
import { startAzurite, type Azurite } from '../support/azurite';
import { describeGuardedWriteContract } from '../support/durableStorageContract';
import { describeStorageContract } from '../support/storageContract';

describe('memory', () => {
  let handle: StorageHandle;
  beforeEach(() => {
    handle = createStorage({ kind: 'memory' });
  });

  describeStorageContract('memory', () => handle.storage);
  describeGuardedWriteContract('memory', () => handle.storage);
});

describe('any botbuilder Storage, given guarded writes by asDurableStorage', () => {
  let storage: DurableStorage;
  beforeEach(() => {
    storage = asDurableStorage(new MemoryStorage());
  });

  describeGuardedWriteContract('plain', () => storage);
});

describe('sqlite', () => {
  let dir: string;
  let handle: StorageHandle;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stepwise-sqlite-'));
    handle = createStorage({ kind: 'sqlite', sqlitePath: join(dir, 'data', 'stepwise.sqlite') });
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describeStorageContract('sqlite', () => handle.storage);
  describeGuardedWriteContract('sqlite', () => handle.storage);
});

describe('blob (Azurite)', () => {
  let azurite: Azurite;
  let handle: StorageHandle;
  beforeAll(async () => {
    azurite = await startAzurite();
    handle = createStorage({ kind: 'blob', blobConnectionString: azurite.connectionString, blobContainer: 'contract' });
  });
  afterAll(async () => {
    await handle?.close();
    await azurite?.stop();
  });

  describeStorageContract('blob', () => handle.storage);
  describeGuardedWriteContract('blob', () => handle.storage);
});
