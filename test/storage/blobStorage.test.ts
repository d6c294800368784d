import { createServer, type Server, type Socket } from 'node:net';
import { createBlobStorage } from '../../src/storage/blobStorage';
import { startAzurite, type Azurite } from '../support/azurite';

const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const connectionStringFor = (port: number) =>
  `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${accountKey};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
const singleTry = { storagePipelineOptions: { retryOptions: { maxTries: 1 } } };

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('createBlobStorage against Azurite', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  it('pings successfully on a fresh account, before anything was written', async () => {
    const { ping } = createBlobStorage({ account: { connectionString: azurite.connectionString }, container: 'fresh-ping' });

    await expect(ping()).resolves.toBeUndefined();
    await expect(ping()).resolves.toBeUndefined();
  });

  it("passes the blob's own ETag through as the item eTag", async () => {
    const { storage } = createBlobStorage({ account: { connectionString: azurite.connectionString }, container: 'etags' });
    await storage.write({ 'webchat/conversations/a': { step: 1 } });

    const { eTag } = (await storage.read(['webchat/conversations/a']))['webchat/conversations/a'];

    expect(eTag).toMatch(/^"0x[0-9A-F]+"$/);
  });

  it("builds one blob client per key for its reads and writes, and keeps the 512 most recently used", async () => {
    // 513 reads: a generous deadline, so a busy machine's Azurite is not what is tested.
    const { storage } = createBlobStorage({ account: { connectionString: azurite.connectionString }, container: 'client-reuse', clientOptions: { requestTimeoutMs: 30_000 } });
    const container = (storage as unknown as { _containerClient: { getBlockBlobClient(name: string): unknown } })._containerClient;
    const built = jest.spyOn(container, 'getBlockBlobClient');
    const key = 'webchat/conversations/reuse';

    await storage.write({ [key]: { step: 1 } });
    const { eTag } = (await storage.read([key]))[key];
    await storage.write({ [key]: { step: 2, eTag } });
    expect(built.mock.calls.map(([name]) => name)).toEqual([encodeURIComponent(key)]);

    const others = Array.from({ length: 512 }, (_, i) => `webchat/conversations/other-${i}`);
    for (let i = 0; i < others.length; i += 16) await storage.read(others.slice(i, i + 16));
    expect((await storage.read([key]))[key]).toMatchObject({ step: 2 });
    expect(built.mock.calls.filter(([name]) => name === encodeURIComponent(key))).toHaveLength(2);
  });
});

describe('createBlobStorage ping failures', () => {
  it('rejects when nothing listens at the endpoint', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const { ping } = createBlobStorage({ account: { connectionString: connectionStringFor(port) }, container: 'c', clientOptions: singleTry });

    await expect(ping()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects after pingTimeoutMs when the endpoint never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    try {
      const { ping } = createBlobStorage({
        account: { connectionString: connectionStringFor(port) },
        container: 'c',
        pingTimeoutMs: 200,
        clientOptions: singleTry,
      });

      await expect(ping()).rejects.toThrow('Blob storage ping timed out after 200 ms.');
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
