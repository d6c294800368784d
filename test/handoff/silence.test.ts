import { MemoryStorage } from 'botbuilder';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/handoff/clock';
import { SilenceIndex } from '../../src/handoff/silenceIndex';
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

test('"brb" pauses: the check-in waits the paused time (600 s), not 120 s; the next message ends the pause', async () => {
  const customer = await customerAtStep(2);
  await customer.say('brb, phone is ringing');
  clock.advance(120);
  expect(await tick()).toBe(0);
  clock.advance(479);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  expect(texts(proactive(customer))[0]).toMatch(/^Still with me\? Take your time with step 2 of 8/);

  await customer.say('ok im back');
  proactive(customer);
  clock.advance(120);
  expect(await tick()).toBe(1);
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

/** When the shared index next looks at this customer. */
async function indexedAt(customer: HttpConversation): Promise<string | undefined> {
  const key = `webchat/conversations/${customer.address.conversationId}`;
  const shard = SilenceIndex.keyFor(key);
  const index = (await storage.read([shard]))[shard] as { entries: Record<string, { dueAt: string }> } | undefined;
  return index?.entries[key]?.dueAt;
}

/** Ticks at each time (hh:mm:ss on the test's day); what the customer got, with when. */
async function ticksAt(customer: HttpConversation, times: string[]): Promise<string[]> {
  const sent: string[] = [];
  for (const time of times) {
    clock.set(`2026-12-01T${time}Z`);
    await tick();
    sent.push(...texts(proactive(customer)).map((text) => `${time} ${text}`));
  }
  return sent;
}

const checkInStep = (n: number, title: string) =>
  `Still with me? Take your time with step ${n} of 8 (${title}). Say done when you've finished, or help if you can't find something.`;
const offer = "Would you like a technician to help? Say technician and I'll bring one in, or carry on whenever you're ready.";

test('an index entry the tick moved to a longer step is not trusted: back on the short step, exactly one check-in at its time', async () => {
  const customer = await customerAtStep(2);
  expect(await indexedAt(customer)).toBe('2026-12-01T15:02:00.000Z');
  // Back to step 1 (180 s): due 15:04:40; the earlier entry stands.
  clock.set('2026-12-01T15:01:40Z');
  await customer.say('back');
  expect(await indexedAt(customer)).toBe('2026-12-01T15:02:00.000Z');
  // The tick finds the customer not due yet and looks again at their due time.
  clock.set('2026-12-01T15:02:05Z');
  expect(await tick()).toBe(0);
  expect(await indexedAt(customer)).toBe('2026-12-01T15:04:40.000Z');
  // Step 2 again (120 s): due 15:04:10, before the moved entry.
  clock.set('2026-12-01T15:02:10Z');
  await customer.say('done');
  expect(await indexedAt(customer)).toBe('2026-12-01T15:04:10.000Z');

  expect(await ticksAt(customer, ['15:04:09', '15:04:10', '15:04:40', '15:06:09', '15:06:10', '15:30:00'])).toEqual([
    `15:04:10 ${checkInStep(2, "Open your account's properties")}`,
    `15:06:10 ${offer}`,
  ]);
});

test('a customer who kept talking past their entry gets exactly one check-in, 120 s after their last message', async () => {
  const customer = await customerAtStep(2);
  clock.set('2026-12-01T15:01:40Z');
  await customer.say('help');
  clock.set('2026-12-01T15:02:05Z');
  expect(await tick()).toBe(0);
  clock.set('2026-12-01T15:02:15Z');
  await customer.say('repeat');
  // Found and kept: the moved entry (15:03:40) is before the new due time.
  expect(await indexedAt(customer)).toBe('2026-12-01T15:03:40.000Z');

  expect(await ticksAt(customer, ['15:03:40', '15:04:14', '15:04:15', '15:05:00', '15:06:15', '15:30:00'])).toEqual([
    `15:04:15 ${checkInStep(2, "Open your account's properties")}`,
    `15:06:15 ${offer}`,
  ]);
});

test('a long step (180 s) followed by a short one: the check-in comes at the short step\'s time', async () => {
  const customer = await customerAtStep(1);
  clock.set('2026-12-01T15:00:30Z');
  await customer.say('done');
  expect(await ticksAt(customer, ['15:02:29', '15:02:30', '15:03:00'])).toEqual([`15:02:30 ${checkInStep(2, "Open your account's properties")}`]);
});

test('an entry left behind by "start over" (the progress no longer knows it) is dropped by the tick, without a message', async () => {
  const leaving = await customerAtStep(2);
  const returning = await customerAtStep(2);
  clock.set('2026-12-01T15:00:10Z');
  await leaving.say('start over');
  await returning.say('start over');
  expect(await indexedAt(leaving)).toBe('2026-12-01T15:02:00.000Z');
  // Choosing again before the old entry is due: it is earlier than the new due time, so it stands.
  clock.set('2026-12-01T15:00:20Z');
  await returning.say('Outlook Express');

  expect(await ticksAt(leaving, ['15:02:00'])).toEqual([]);
  expect(await indexedAt(leaving)).toBeUndefined();
  expect(await indexedAt(returning)).toBe('2026-12-01T15:03:20.000Z');
  expect(await ticksAt(returning, ['15:03:19', '15:03:20'])).toEqual([`15:03:20 ${checkInStep(1, 'Open Accounts')}`]);
  expect(await ticksAt(leaving, ['15:30:00'])).toEqual([]);
});

test('an entry in the single index document of earlier versions is moved into its shard by the first tick, and still checks in', async () => {
  const customer = await customerAtStep(2);
  const key = `webchat/conversations/${customer.address.conversationId}`;
  const shard = SilenceIndex.keyFor(key);
  // As an earlier version stored it: one document for every customer.
  const stored = (await storage.read([shard]))[shard] as { entries: Record<string, unknown> };
  await storage.write({ 'stepwise/handoff/silence': { entries: { [key]: stored.entries[key] } } });
  await storage.delete([shard]);

  clock.advance(120);
  expect(await tick()).toBe(1);
  expect(proactive(customer).map((activity) => activity.text)).toEqual([
    "Still with me? Take your time with step 2 of 8 (Open your account's properties). Say done when you've finished, or help if you can't find something.",
  ]);
  expect(await storage.read(['stepwise/handoff/silence'])).toEqual({});
  expect(await indexedAt(customer)).toBe('2026-12-01T15:04:00.000Z');
});

test('a check-in that cannot be delivered (the chat is gone) is dropped after the first failure, with one warning', async () => {
  const customer = await customerAtStep(2);
  await stepwise.connector.stop();
  const before = stepwise.logLines.length;

  clock.advance(120);
  expect(await tick()).toBe(0);
  for (let i = 0; i < 5; i++) {
    clock.advance(15);
    expect(await tick()).toBe(0);
  }
  clock.advance(120);
  expect(await tick()).toBe(0);

  const lines = stepwise.logLines.slice(before);
  expect(lines.filter((line) => line.includes('"level":"error"') || line.startsWith('ERROR'))).toEqual([]);
  expect(lines.filter((line) => line.includes('silence check-in failed'))).toHaveLength(1);
  expect(lines.find((line) => line.includes('silence check-in failed'))).toContain(customer.address.conversationId);
});
