import { randomUUID } from 'node:crypto';
import { LocalConnector } from '../../tools/lib/localConnector';
import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { logRecord } from '../support/logRecords';
import { greeting, outlookExpressIntro, outlookExpressSteps, storageUnavailable, verifyAsk, verifyWorked } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { texts } from '../support/stepwiseServer';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchableProxy';

let azurite: Azurite;
let proxy: SwitchableProxy;
let connector: LocalConnector;
let one: BotProcess;
let two: BotProcess;

// Two real bot processes sharing one Azure Blob container (Azurite), reached through a proxy the
// last test cuts off to play an outage.
beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startSwitchableProxy(azurite.port);
  connector = new LocalConnector();
  await connector.start();
  const env = { STORAGE: 'blob', BLOB_CONNECTION_STRING: azuriteConnectionString(proxy.port, azurite.queuePort), BLOB_CONTAINER: 'scale-out' };
  [one, two] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
}, 60000);
afterAll(async () => {
  await Promise.all([one?.kill('SIGTERM'), two?.kill('SIGTERM')]);
  await connector?.stop();
  await proxy?.close();
  await azurite?.stop();
});

test('two processes answer alternate turns of one conversation, from greeting to the closing', async () => {
  const conversation = new SharedConversation(connector);
  const bots = [one, two];
  let turn = 0;
  const next = () => bots[turn++ % 2].botUrl;

  expect(texts((await conversation.join(next())).replies)).toEqual([greeting]);
  expect(texts((await conversation.say(next(), 'Outlook Express')).replies)).toEqual([outlookExpressIntro, outlookExpressSteps[0]]);
  for (let step = 1; step < outlookExpressSteps.length; step++) {
    expect(texts((await conversation.say(next(), 'done')).replies)).toEqual([outlookExpressSteps[step]]);
  }
  expect(texts((await conversation.say(next(), 'done')).replies)).toEqual([verifyAsk]);
  expect(texts((await conversation.say(next(), 'It worked')).replies)).toEqual([verifyWorked]);
});

test('the same delivery sent to both processes at once is acted on once; two different messages at once both count', async () => {
  const conversation = new SharedConversation(connector);
  await conversation.join(one.botUrl);
  await conversation.say(two.botUrl, 'Outlook Express');

  const id = randomUUID();
  const retried = await conversation.sendTogether([
    { botUrl: one.botUrl, activity: { id, type: 'message', text: 'done' } },
    { botUrl: two.botUrl, activity: { id, type: 'message', text: 'done' } },
  ]);
  expect(texts(retried.replies)).toEqual([outlookExpressSteps[1]]);

  const both = await conversation.sendTogether([
    { botUrl: one.botUrl, activity: { type: 'message', text: 'done' } },
    { botUrl: two.botUrl, activity: { type: 'message', text: 'done' } },
  ]);
  expect(texts(both.replies).sort()).toEqual([outlookExpressSteps[2], outlookExpressSteps[3]]);
  expect(texts((await conversation.say(one.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[3]]);
});

test('a customer who started on one process is welcomed back by the other in a new conversation', async () => {
  const first = new SharedConversation(connector);
  await first.join(one.botUrl);
  await first.say(one.botUrl, 'Outlook Express');
  await first.say(one.botUrl, 'done');

  const second = new SharedConversation(connector, first.userId);
  expect(texts((await second.join(two.botUrl)).replies)).toEqual([
    'Welcome back! You were on step 2 of 8 for Outlook Express: continue or start over?',
  ]);
  expect(texts((await second.say(one.botUrl, 'continue')).replies)).toEqual([outlookExpressSteps[1]]);
});

test('when the store goes away both processes stay up, tell the customer, report 503, and carry on once it is back', async () => {
  const conversation = new SharedConversation(connector);
  await conversation.join(one.botUrl);
  await conversation.say(two.botUrl, 'Outlook Express');

  proxy.cutOff();
  try {
    expect(texts((await conversation.say(one.botUrl, 'done')).replies)).toEqual([storageUnavailable]);
    for (const bot of [one, two]) {
      const health = await fetch(`${bot.baseUrl}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', checks: { storage: 'down' } });
    }
  } finally {
    proxy.restore();
  }

  expect((await fetch(`${two.baseUrl}/healthz`)).status).toBe(200);
  expect(texts((await conversation.say(two.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[1]]);
  expect(logRecord(one.output(), 'storage unavailable; turn not saved')?.level).toBe('error');
});
