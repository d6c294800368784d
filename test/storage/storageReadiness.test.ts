import { createMemoryLogger } from '../../src/logging/logger';
import { createStorage, readyStorage, type CreateStorageOptions } from '../../src/storage/createStorage';
import { startAzurite, type Azurite } from '../support/azurite';

// Same key format as Azurite's account, for an account Azurite does not have.
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const singleTry = { storagePipelineOptions: { retryOptions: { maxTries: 1 } } };

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

test('blob storage: "storage ready" is logged only after a write succeeded, and never with the connection string', async () => {
  const logger = createMemoryLogger();
  const options: CreateStorageOptions = { kind: 'blob', blobConnectionString: azurite.connectionString, blobContainer: 'readiness', logger };
  const handle = createStorage(options);
  expect(logger.lines).toEqual([]);

  await readyStorage(handle, options);

  expect(logger.lines).toHaveLength(1);
  expect(logger.lines[0]).toMatch(/INFO storage ready kind="blob" blobContainer="readiness"$/);
  expect(logger.lines[0]).not.toContain('AccountKey');
  // The probe leaves nothing behind.
  expect(await handle.usage()).toEqual({ items: 0, bytes: 0 });
});

test('blob storage: an account that does not exist is not "ready": a one-line error, nothing logged', async () => {
  const logger = createMemoryLogger();
  const options: CreateStorageOptions = {
    kind: 'blob',
    blobConnectionString: `DefaultEndpointsProtocol=http;AccountName=nosuchaccount;AccountKey=${accountKey};BlobEndpoint=http://127.0.0.1:${azurite.port}/nosuchaccount;`,
    blobContainer: 'stepwise',
    logger,
  };
  const handle = createStorage(options);

  const failure = readyStorage(handle, options);

  await expect(failure).rejects.toThrow(/^The state store \(blob container "stepwise"\) cannot be written: .+/);
  await expect(failure).rejects.not.toThrow(/\n|AccountKey/);
  expect(logger.lines).toEqual([]);
  await expect(handle.ping()).rejects.toThrow();
});

test('blob storage: the health check fails when the store can be read but not written', async () => {
  const handle = createStorage({ kind: 'blob', blobConnectionString: azurite.connectionString, blobContainer: 'read-only', logger: createMemoryLogger() });
  await handle.ping();
  const storage = handle.storage as unknown as { writeGuarded: (...args: unknown[]) => Promise<void> };
  storage.writeGuarded = () => Promise.reject(Object.assign(new Error('This request is not authorized to perform this operation.'), { statusCode: 403 }));

  await expect(handle.storage.read(['anything'])).resolves.toEqual({});
  await expect(handle.ping()).rejects.toThrow('not authorized');
});
