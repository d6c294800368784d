import { startAzurite, type Azurite } from '../support/azurite';
import { startBotProcess } from '../support/botProcess';
import { logRecord } from '../support/logRecords';
import { startExpectingRefusal } from '../support/refusedStart';

// Azurite's key format, for an account Azurite does not have.
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

test('with blob storage, an account that does not exist stops start-up with one line and never logs "storage ready"', async () => {
  const ending = await startExpectingRefusal({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=nosuchaccount;AccountKey=${accountKey};BlobEndpoint=http://127.0.0.1:${azurite.port}/nosuchaccount;`,
    BLOB_CONTAINER: 'stepwise',
  });

  expect(ending.code).toBe(1);
  const lines = ending.output.split('\n').filter((line) => line.trim());
  expect(lines.at(-1)).toMatch(/^Stepwise could not start: The state store \(blob container "stepwise"\) cannot be written: .+$/);
  expect(ending.output).not.toContain('storage ready');
  expect(ending.output).not.toContain(accountKey);
}, 60000);

test('with blob storage, a timer queue that cannot be reached stops start-up with one line naming the queue', async () => {
  const ending = await startExpectingRefusal({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: 'queue-down',
    // Nothing listens on port 1.
    QUEUE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${accountKey};QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;`,
    TIMER_QUEUE: 'timers-here',
  });

  expect(ending.code).toBe(1);
  const lines = ending.output.split('\n').filter((line) => line.trim());
  expect(lines.at(-1)).toMatch(/^Stepwise could not start: The timer queue \(Azure queue "timers-here"\) cannot be used: .+$/);
  expect(ending.output).toContain('storage ready');
  expect(ending.output).not.toContain(accountKey);
}, 60000);

test('with blob storage that can be written, "storage ready" is logged before the bot listens', async () => {
  const bot = await startBotProcess({ STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'ready' });
  try {
    const output = bot.output();
    expect(logRecord(output, 'storage ready')).toMatchObject({ level: 'info', kind: 'blob', blobContainer: 'ready' });
    expect(output.indexOf('storage ready')).toBeLessThan(output.indexOf('Stepwise is listening'));
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
  } finally {
    await bot.kill('SIGTERM');
  }
}, 60000);
