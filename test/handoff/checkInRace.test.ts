import type { StoreItems } from 'botbuilder';
import { ManualClock } from '../../src/handoff/clock';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { outlookExpressSteps } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * Two instances on one store (in memory, with the timer queue kept beside it): the customer's turn on one
 * commits while the other is checking in on them. The check-in is written over the version it read, so it
 * loses to the customer's turn: it is not sent, and the stored step never goes back.
 */
class StoreWithReadHook extends StepwiseMemoryStorage {
  /** Runs once, after the next read of `key` has read the store and before that read returns. */
  afterRead?: { key: string; run: () => Promise<void> };

  async read(keys: string[]): Promise<StoreItems> {
    const items = await super.read(keys);
    const hook = this.afterRead;
    if (hook && keys.includes(hook.key)) {
      this.afterRead = undefined;
      await hook.run();
    }
    return items;
  }
}

const checkInStep = (n: number, title: string) =>
  `Still with me? Take your time with step ${n} of 8 (${title}). Say done when you've finished, or help if you can't find something.`;
const offer = "Would you like a technician to help? Say technician and I'll bring one in, or carry on whenever you're ready.";

let clock: ManualClock;
let store: StoreWithReadHook;
let one: RunningStepwise;
let two: RunningStepwise;

beforeEach(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  store = new StoreWithReadHook(() => clock.now());
  [one, two] = await Promise.all([startStepwise({}, { clock, storage: store }), startStepwise({}, { clock, storage: store })]);
});
afterEach(async () => {
  await one.stop();
  await two.stop();
});

test('"done" committed on one instance while the other checks in: no check-in for the old step, and the step stays 3', async () => {
  const customer = new SharedConversation(one.connector);
  await customer.join(one.botUrl);
  await customer.say(one.botUrl, 'Outlook Express');
  await customer.say(two.botUrl, 'done');

  clock.advance(120);
  let done: string[] = [];
  store.afterRead = {
    key: `webchat/conversations/${customer.conversationId}`,
    // The check-in has read step 2; the customer's "done" reaches the other instance and is committed.
    run: async () => void (done = texts((await customer.say(two.botUrl, 'done')).replies)),
  };
  expect(await one.app.bot.handoff.tick()).toBe(0);
  expect(done).toEqual([outlookExpressSteps[2]]);
  expect(texts(one.connector.take(customer.conversationId))).toEqual([]);
  expect(texts((await customer.say(one.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[2]]);

  // Their check-in follows the step they are on, once, from whichever instance ticks.
  clock.advance(120);
  expect(await two.app.bot.handoff.tick()).toBe(1);
  expect(await one.app.bot.handoff.tick()).toBe(0);
  expect(texts(one.connector.take(customer.conversationId))).toEqual([checkInStep(3, 'General tab')]);
  clock.advance(120);
  expect((await one.app.bot.handoff.tick()) + (await two.app.bot.handoff.tick())).toBe(1);
  expect(texts(one.connector.take(customer.conversationId))).toEqual([offer]);
});

test('both instances ticking at the same moment: each of 20 silent customers gets one check-in and one offer', async () => {
  const customers: SharedConversation[] = [];
  for (let i = 0; i < 20; i++) {
    const customer = new SharedConversation(one.connector);
    await customer.join(one.botUrl);
    await customer.say(i % 2 ? one.botUrl : two.botUrl, 'Outlook Express');
    await customer.say(i % 2 ? two.botUrl : one.botUrl, 'done');
    one.connector.take(customer.conversationId);
    customers.push(customer);
  }
  clock.advance(120);
  const checkIns = await Promise.all([one.app.bot.handoff.tick(), two.app.bot.handoff.tick()]);
  expect(checkIns[0] + checkIns[1]).toBe(20);
  clock.advance(120);
  const offers = await Promise.all([one.app.bot.handoff.tick(), two.app.bot.handoff.tick()]);
  expect(offers[0] + offers[1]).toBe(20);
  clock.advance(3600);
  expect((await one.app.bot.handoff.tick()) + (await two.app.bot.handoff.tick())).toBe(0);
  for (const customer of customers) {
    expect(texts(one.connector.take(customer.conversationId))).toEqual([checkInStep(2, "Open your account's properties"), offer]);
  }
});
