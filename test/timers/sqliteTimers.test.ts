import { join } from 'node:path';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/handoff/clock';
import { createMemoryLogger } from '../../src/logging/logger';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';
import { tempDirForTest } from '../support/tempDirs';

/** With SQLite the timers are a table in the state's file: they survive a restart with it. */
const checkIn =
  "Still with me? Take your time with step 2 of 8 (Open your account's properties). Say done when you've finished, or help if you can't find something.";
const offer = "Would you like a technician to help? Say technician and I'll bring one in, or carry on whenever you're ready.";

let stepwise: RunningStepwise;
let clock: ManualClock;
let env: Record<string, string>;

beforeEach(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  env = { STORAGE: 'sqlite', SQLITE_PATH: join(tempDirForTest('stepwise-sqlite-timers-'), 'stepwise.sqlite') };
  stepwise = await startStepwise(env, { clock });
});
afterEach(() => stepwise.stop());

async function customerAtStep2(): Promise<HttpConversation> {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('done');
  stepwise.connector.take(customer.address.conversationId);
  return customer;
}

test('check-in and offer once each, from the table in the SQLite file', async () => {
  const customer = await customerAtStep2();
  const tick = () => stepwise.app.bot.handoff.tick();
  clock.advance(119);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  clock.advance(120);
  expect(await tick()).toBe(1);
  clock.advance(3600);
  expect(await tick()).toBe(0);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([checkIn, offer]);
});

test('a timer due while the bot was stopped is sent by the new process on the same file, once', async () => {
  const customer = await customerAtStep2();
  await stepwise.app.close();

  clock.advance(130);
  const restarted = createApp(loadConfig({ PORT: '0', ...env }), { logger: createMemoryLogger(), clock, silenceTickSeconds: 0 });
  try {
    expect(await restarted.bot.handoff.tick()).toBe(1);
    expect(await restarted.bot.handoff.tick()).toBe(0);
    expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([checkIn]);
    clock.advance(120);
    expect(await restarted.bot.handoff.tick()).toBe(1);
    expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([offer]);
  } finally {
    await restarted.close();
  }
});
