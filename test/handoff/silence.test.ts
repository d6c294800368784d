import { MemoryStorage } from 'botbuilder';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/handoff/clock';
import { createMemoryLogger } from '../../src/logging/logger';
import { MemoryTimerQueue, memoryTimersOf } from '../../src/timers/memoryTimerQueue';
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

const customerKeyOf = (customer: HttpConversation) => `webchat/conversations/${customer.address.conversationId}`;

/** When the customer's queued timers come due, earliest first (in memory, the queue is kept with the store). */
function queuedAt(customer: HttpConversation): string[] {
  return new MemoryTimerQueue(memoryTimersOf(storage), () => clock.now().getTime(), 0).pending(customerKeyOf(customer)).map((timer) => timer.dueAt);
}

/** The due time of the timer the customer's progress relies on. */
async function reliedOn(customer: HttpConversation): Promise<string | undefined> {
  const key = customerKeyOf(customer);
  const state = (await storage.read([key]))[key] as { progress?: { silence?: { timer?: { dueAt: string } } } } | undefined;
  return state?.progress?.silence?.timer?.dueAt;
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

test('a timer the tick moved to a longer step is not trusted: back on the short step, exactly one check-in at its time', async () => {
  const customer = await customerAtStep(2);
  expect(queuedAt(customer)).toEqual(['2026-12-01T15:02:00.000Z']);
  // Back to step 1 (180 s): due 15:04:40; the earlier timer stands.
  clock.set('2026-12-01T15:01:40Z');
  await customer.say('back');
  expect(queuedAt(customer)).toEqual(['2026-12-01T15:02:00.000Z']);
  // The tick finds the customer not due yet: the same timer, at their due time (the progress is not written).
  clock.set('2026-12-01T15:02:05Z');
  expect(await tick()).toBe(0);
  expect(queuedAt(customer)).toEqual(['2026-12-01T15:04:40.000Z']);
  expect(await reliedOn(customer)).toBe('2026-12-01T15:02:00.000Z');
  // Step 2 again (120 s): due 15:04:10; the timer the progress knows of has passed, so the turn schedules one.
  clock.set('2026-12-01T15:02:10Z');
  await customer.say('done');
  expect(await reliedOn(customer)).toBe('2026-12-01T15:04:10.000Z');
  expect(queuedAt(customer)).toEqual(['2026-12-01T15:04:10.000Z', '2026-12-01T15:04:40.000Z']);

  expect(await ticksAt(customer, ['15:04:09', '15:04:10', '15:04:40', '15:06:09', '15:06:10', '15:30:00'])).toEqual([
    `15:04:10 ${checkInStep(2, "Open your account's properties")}`,
    `15:06:10 ${offer}`,
  ]);
  expect(queuedAt(customer)).toEqual([]);
});

test('a customer who kept talking past their timer gets exactly one check-in, 120 s after their last message', async () => {
  const customer = await customerAtStep(2);
  clock.set('2026-12-01T15:01:40Z');
  await customer.say('help');
  clock.set('2026-12-01T15:02:05Z');
  expect(await tick()).toBe(0);
  expect(queuedAt(customer)).toEqual(['2026-12-01T15:03:40.000Z']);
  clock.set('2026-12-01T15:02:15Z');
  await customer.say('repeat');
  // The moved timer (15:03:40) is not the one the progress knows of: the turn relies on a new one.
  expect(await reliedOn(customer)).toBe('2026-12-01T15:04:15.000Z');
  expect(queuedAt(customer)).toEqual(['2026-12-01T15:03:40.000Z', '2026-12-01T15:04:15.000Z']);

  expect(await ticksAt(customer, ['15:03:40', '15:04:14', '15:04:15', '15:05:00', '15:06:15', '15:30:00'])).toEqual([
    `15:04:15 ${checkInStep(2, "Open your account's properties")}`,
    `15:06:15 ${offer}`,
  ]);
  expect(queuedAt(customer)).toEqual([]);
});

test('a long step (180 s) followed by a short one: the check-in comes at the short step\'s time', async () => {
  const customer = await customerAtStep(1);
  clock.set('2026-12-01T15:00:30Z');
  await customer.say('done');
  expect(await ticksAt(customer, ['15:02:29', '15:02:30', '15:03:00'])).toEqual([`15:02:30 ${checkInStep(2, "Open your account's properties")}`]);
});

test('a timer left behind by "start over" (the progress no longer knows it) is dropped by the tick, without a message', async () => {
  const leaving = await customerAtStep(2);
  const returning = await customerAtStep(2);
  clock.set('2026-12-01T15:00:10Z');
  await leaving.say('start over');
  await returning.say('start over');
  expect(queuedAt(leaving)).toEqual(['2026-12-01T15:02:00.000Z']);
  // Choosing again: a new timer, as early as any check-in can be (120 s), though step 1 allows 180 s.
  clock.set('2026-12-01T15:00:20Z');
  await returning.say('Outlook Express');
  expect(queuedAt(returning)).toEqual(['2026-12-01T15:02:00.000Z', '2026-12-01T15:02:20.000Z']);

  expect(await ticksAt(leaving, ['15:02:00'])).toEqual([]);
  expect(queuedAt(leaving)).toEqual([]);
  expect(queuedAt(returning)).toEqual(['2026-12-01T15:02:20.000Z']);
  expect(await ticksAt(returning, ['15:03:19', '15:03:20'])).toEqual([`15:03:20 ${checkInStep(1, 'Open Accounts')}`]);
  expect(await ticksAt(leaving, ['15:30:00'])).toEqual([]);
});

test('the silence index documents of earlier versions (conversation references) are deleted by the first tick', async () => {
  const customer = await customerAtStep(2);
  const key = customerKeyOf(customer);
  const entry = { dueAt: '2026-12-01T15:02:00.000Z', customer: { conversation: { id: customer.address.conversationId } } };
  const legacy = ['stepwise/handoff/silence', 'stepwise/handoff/silence/0', 'stepwise/handoff/silence/15'];
  await storage.write(Object.fromEntries(legacy.map((document) => [document, { entries: { [key]: entry } }])));

  clock.advance(120);
  expect(await tick()).toBe(1);
  expect(texts(proactive(customer))).toEqual([checkInStep(2, "Open your account's properties")]);
  expect(await storage.read(legacy)).toEqual({});
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

test('a customer helped in Spanish is checked on, and offered a technician, in Spanish', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('hola, uso outlook express');
  await customer.say('listo');

  clock.advance(120);
  expect(await tick()).toBe(1);
  const [checkIn] = proactive(customer);
  expect(checkIn.text).toMatch(/^¿Sigue ahí\? .*paso 2 de 8 \(Abrir las propiedades de su cuenta\)/);
  expect(checkIn.suggestedActions?.actions.map((a) => a.title)).toEqual(['Listo', 'Ayuda', 'Hablar con un técnico']);
  expect((checkIn as { locale?: string }).locale).toBe('es-US');

  clock.advance(120);
  expect(await tick()).toBe(1);
  const [offer] = proactive(customer);
  expect(offer.suggestedActions?.actions.map((a) => a.title)).toEqual(['Hablar con un técnico']);
  expect((offer as { locale?: string }).locale).toBe('es-US');
});
