import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnector } from '../../tools/lib/localConnector';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { greeting, outlookExpressIntro, outlookExpressSteps } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { texts } from '../support/stepwiseServer';

let dir: string;
let connector: LocalConnector;
let bot: BotProcess | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-restart-'));
  connector = new LocalConnector();
  await connector.start();
});
afterAll(async () => {
  await bot?.kill('SIGTERM');
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a customer at step 5 is still at step 5 after the bot process is killed (kill -9) and started again', async () => {
  const env = { STORAGE: 'sqlite', SQLITE_PATH: join(dir, 'data', 'stepwise.sqlite') };
  bot = await startBotProcess(env);
  const conversation = new SharedConversation(connector);

  expect(texts((await conversation.join(bot.botUrl)).replies)).toEqual([greeting]);
  expect(texts((await conversation.say(bot.botUrl, 'Outlook Express')).replies)).toEqual([outlookExpressIntro, outlookExpressSteps[0]]);
  for (let step = 1; step < 5; step++) {
    expect(texts((await conversation.say(bot.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[step]]);
  }

  await bot.kill('SIGKILL');
  expect(bot.output()).not.toContain('shutting down');
  bot = await startBotProcess(env);

  expect(texts((await conversation.say(bot.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[4]]);
  expect(texts((await conversation.say(bot.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[5]]);
  const health = await fetch(`${bot.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', checks: { storage: 'up' } });
});
