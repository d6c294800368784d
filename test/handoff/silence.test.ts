import { MemoryStorage } from 'botbuilder';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/handoff/clock';
import { createMemoryLogger } from '../../src/logging/logger';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/** Silence on a step, with an injected clock: tests move time and tick the scheduler; nothing sleeps. */
let stepwise: RunningStepwise;
let clock: ManualClock;
let storage: MemoryStorage;

beforeEach(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  storage = new MemoryStorage();
  stepwise = await startStepwise({}, { clock, storage });
});
afterEach(() => stepwise.stop());

const tick = () => stepwise.app.bot.handoff.tick();
const outlookExpressStep2 =
  "**Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.";

async function customerAtStep(step: number): Promise<HttpConversation> {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  for (let i = 1; i < step; i++) await customer.say('done');
  return customer;
}

/** What the bot said to the customer on its own since the last look. */
function proactive(customer: HttpConversation) {
  return stepwise.connector.take(customer.address.conversationId);
}

test('quiet on a step: a check-in after 120 s, then after 120 s more an offer of a technician, then nothing', async () => {
  const customer = await customerAtStep(2);

  clock.advance(119);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  const [checkIn] = proactive(customer);
  expect(checkIn.text).toBe(
    "Still with me? Take your time with step 2 of 8 (Open your account's properties). Say done when you've finished, or help if you can't find something.",
  );
  expect(checkIn.suggestedActions?.actions.map((a) => a.title)).toEqual(['Done', 'Help', 'Talk to a technician']);
  expect(checkIn.inputHint).toBe('expectingInput');

  clock.advance(119);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  const [offer] = proactive(customer);
  expect(offer.text).toBe("Would you like a technician to help? Say technician and I'll bring one in, or carry on whenever you're ready.");
  expect(offer.suggestedActions?.actions.map((a) => a.title)).toEqual(['Talk to a technician']);

  clock.advance(3600);
  expect(await tick()).toBe(0);
  expect(proactive(customer)).toEqual([]);

  // Taking the offer: the technician's summary says why.
  const handoff = await customer.say('Talk to a technician');
  const event = handoff.replies.find((a) => a.type === 'event')!;
  expect(event.value).toMatchObject({
    reason: 'silence',
    reasonText: 'The customer went quiet on this step and took the offer of a technician.',
    stepReached: '2 of 8',
  });
});

test('the delay is step-aware: a step whose content expects 180 s gets its check-in at 180 s, not 120 s', async () => {
  const customer = await customerAtStep(1);
  clock.advance(120);
  expect(await tick()).toBe(0);
  clock.advance(60);
  expect(await tick()).toBe(1);
  expect(texts(proactive(customer))).toEqual([
    "Still with me? Take your time with step 1 of 8 (Open Accounts). Say done when you've finished, or help if you can't find something.",
  ]);
});

test('anything the customer says restarts the wait, and the check-in follows them to the next step', async () => {
  const customer = await customerAtStep(2);
  clock.advance(100);
  await customer.say('help');
  clock.advance(100);
  expect(await tick()).toBe(0);
  await customer.say('done');
  clock.advance(119);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  expect(texts(proactive(customer))[0]).toMatch(/^Still with me\? Take your time with step 3 of 8 \(General tab\)\./);

  // Replying after the check-in cancels the offer.
  await customer.say('done');
  clock.advance(121);
  expect(await tick()).toBe(1);
  expect(texts(proactive(customer))[0]).toMatch(/step 4 of 8 \(Servers tab\)/);
});

test('waiting for the test email allows 300 s and the check-in asks for the result', async () => {
  const customer = await customerAtStep(8);
  const verify = await customer.say('done');
  expect(texts(verify.replies)).toEqual(["That's every step. Now send a short test email to yourself. Did it send without the error?"]);
  clock.advance(299);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  const [checkIn] = proactive(customer);
  expect(checkIn.text).toBe('Still with me? When your test email has gone through (or failed), tell me: it worked, or still failing.');
  expect(checkIn.suggestedActions?.actions.map((a) => a.title)).toEqual(['It worked', 'Still failing']);
});

test('no check-ins before a program is chosen, while handed off, or after the fix worked', async () => {
  const greeted = new HttpConversation(stepwise);
  await greeted.join();
  const handedOff = await customerAtStep(3);
  await handedOff.say('agent');
  const finished = await customerAtStep(8);
  await finished.say('done');
  await finished.say('it worked');

  clock.advance(24 * 3600);
  expect(await tick()).toBe(0);
  for (const customer of [greeted, handedOff, finished]) expect(proactive(customer)).toEqual([]);
});

test('a check-in overdue by more than an hour (the bot was down) is dropped, not sent late', async () => {
  const customer = await customerAtStep(2);
  clock.advance(120 + 3601);
  expect(await tick()).toBe(0);
  clock.advance(600);
  expect(await tick()).toBe(0);
  expect(proactive(customer)).toEqual([]);
});

test('the timer survives a restart: it is kept in storage, and the new process sends the check-in', async () => {
  const customer = await customerAtStep(2);
  await stepwise.app.close();

  // A new process on the same storage, ticking after the due time.
  const logger = createMemoryLogger();
  const restarted = createApp(loadConfig({ PORT: '0' }), { logger, storage, clock, silenceTickSeconds: 0 });
  clock.advance(130);
  expect(await restarted.bot.handoff.tick()).toBe(1);
  expect(texts(proactive(customer))).toEqual([
    "Still with me? Take your time with step 2 of 8 (Open your account's properties). Say done when you've finished, or help if you can't find something.",
  ]);
  await restarted.close();
});

test('the composition root ticks the scheduler on a timer', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    const logger = createMemoryLogger();
    const app = createApp(loadConfig({ PORT: '0' }), { logger, storage, clock, silenceTickSeconds: 15 });
    const ticks = jest.spyOn(app.bot.handoff, 'tick');
    jest.advanceTimersByTime(45_000);
    expect(ticks).toHaveBeenCalledTimes(3);
    await app.close();
    jest.advanceTimersByTime(45_000);
    expect(ticks).toHaveBeenCalledTimes(3);
  } finally {
    jest.useRealTimers();
  }
});

test('the step shown after the check-in is still the live one: done moves on', async () => {
  const customer = await customerAtStep(2);
  clock.advance(120);
  await tick();
  proactive(customer);
  expect(texts((await customer.say('repeat')).replies)).toEqual([outlookExpressStep2]);
  expect(texts((await customer.say('done')).replies)).toEqual(['**Step 3 of 8:** Click on the **General** tab.']);
});
