import { randomUUID } from 'node:crypto';
import { sayText } from '../../tools/lib/botClient';
import { HeldConnector } from '../support/heldConnector';
import { logRecord, logRecords } from '../support/logRecords';
import { SpawnedStepwise, spawnStepwise } from '../support/spawnedStepwise';

let bot: SpawnedStepwise | undefined;
let connector: HeldConnector | undefined;

afterEach(async () => {
  connector?.release();
  await connector?.stop();
  if (bot?.alive()) bot.process.kill('SIGKILL');
  bot = connector = undefined;
});

const exitCode = (bot: SpawnedStepwise) => new Promise<number | null>((resolve) => bot.process.once('exit', (code) => resolve(code)));
jest.setTimeout(60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts Stepwise and a turn whose replies the connector holds; resolves once that turn is running. */
async function turnInFlight(env: Record<string, string>): Promise<{ answered: Promise<number | string> }> {
  connector = new HeldConnector();
  const serviceUrl = await connector.start();
  bot = await spawnStepwise(env);
  const address = { botUrl: bot.botUrl, serviceUrl, channelId: 'webchat', conversationId: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` };
  const answered = sayText(address, 'hi').then(
    (response) => response.status,
    (error: Error) => String(error),
  );
  await connector.replying;
  return { answered };
}

test('the start-up line names the version, the mode and what is enabled', async () => {
  bot = await spawnStepwise({ HANDOFF_DESTINATIONS: 'protocol' });
  expect(logRecord(bot.output(), /^Stepwise is listening on /)).toEqual({
    level: 'info',
    time: expect.any(String),
    msg: expect.stringMatching(/^Stepwise is listening on http:\/\/127\.0\.0\.1:\d+$/),
    version: '0.1.0',
    mode: 'local',
    features: 'storage=memory handoff=protocol webchat=local voice=telephony,directlinespeech business-hours=off returning-customers=7d metrics=loopback traces=off',
  });
  const exited = exitCode(bot);
  bot.process.kill('SIGTERM');
  expect(await exited).toBe(0);
});

test('SIGTERM with a turn in flight: the turn finishes and is answered, then the process exits 0', async () => {
  const { answered } = await turnInFlight({ SHUTDOWN_DRAIN_SECONDS: '20' });
  const exited = exitCode(bot!);
  bot!.process.kill('SIGTERM');
  await pause(500);
  // Still draining: alive, and no longer accepting connections.
  expect(bot!.alive()).toBe(true);
  expect(logRecord(bot!.output(), 'shutting down')).toMatchObject({ level: 'info', signal: 'SIGTERM', turnsInFlight: 1, drainLimitSeconds: 20 });
  await expect(fetch(`${bot!.baseUrl}/readyz`)).rejects.toThrow('fetch failed');

  connector!.release();
  expect(await answered).toBe(200);
  expect(await exited).toBe(0);
  expect(logRecords(bot!.output()).slice(-2)).toEqual([
    { level: 'info', time: expect.any(String), ms: expect.any(Number), msg: 'drained' },
    { level: 'info', time: expect.any(String), msg: 'stopped' },
  ]);
});

test('SIGTERM with a turn that does not finish: the process exits 1 at SHUTDOWN_DRAIN_SECONDS and says why', async () => {
  const { answered } = await turnInFlight({ SHUTDOWN_DRAIN_SECONDS: '1' });
  const exited = exitCode(bot!);
  const started = Date.now();
  bot!.process.kill('SIGTERM');

  expect(await exited).toBe(1);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(logRecord(bot!.output(), 'shutting down with 1 turn(s) still running after 1 s (SHUTDOWN_DRAIN_SECONDS)')).toMatchObject({ level: 'warn', turnsLeft: 1 });
  expect(await answered).toBe('TypeError: fetch failed');
});
