import { ManualClock } from '../../src/handoff/clock';
import { SilenceIndex } from '../../src/handoff/silenceIndex';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { outlookExpressSteps } from '../support/expectedSteps';
import { RecordingStorage } from '../support/recordingStorage';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * What a customer turn costs the handoff in storage. The cases document and the silence index are shared
 * by all customers and grow with them; an ordinary turn (no open case, moving through the steps) reads neither.
 */
const casesKey = 'stepwise/handoff/cases';
// The customer's own shard of the silence index appears as this in the records below; any other shard as its key.
const silenceKey = 'their silence shard';
const shardOf = (customer: HttpConversation) => SilenceIndex.keyFor(`webchat/conversations/${customer.address.conversationId}`);

let stepwise: RunningStepwise;
let clock: ManualClock;
let storage: RecordingStorage;

beforeEach(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  storage = new RecordingStorage(new StepwiseMemoryStorage(() => clock.now()));
  stepwise = await startStepwise({ HANDOFF_STATUS_CHANNELS: 'webchat' }, { clock, storage });
});
afterEach(() => stepwise.stop());

const tick = () => stepwise.app.bot.handoff.tick();
const pointer = (customer: HttpConversation) => `stepwise/handoff/open/webchat/conversations/${customer.address.conversationId}`;

/** Says `text`; resolves with the reply texts and what the turn did to the shared documents. */
async function say(customer: HttpConversation, text: string) {
  storage.take();
  const turn = await customer.say(text);
  const calls = storage.take();
  return {
    texts: texts(turn.replies),
    shared: calls
      .filter((call) => call.key === casesKey || call.key.startsWith('stepwise/handoff/silence'))
      .map((call) => `${call.op} ${call.key === shardOf(customer) ? silenceKey : call.key}`),
    reads: calls.filter((call) => call.op === 'read').map((call) => call.key),
  };
}

test('after the first turns on the steps, an ordinary turn reads neither the cases document nor the silence index', async () => {
  const customer = new HttpConversation(stepwise);
  const state = `webchat/conversations/${customer.address.conversationId}`;
  await customer.join();

  // The process's first look-up: pointers for open cases from before pointers existed (once). Then the customer is
  // indexed, as early as any check-in of theirs can be (120 s), though step 1 expects 180 s.
  expect((await say(customer, 'Outlook Express')).shared).toEqual([`read ${casesKey}`, `read ${silenceKey}`, `read ${silenceKey}`, `write ${silenceKey}`]);
  const index = async () => ((await storage.inner.read([shardOf(customer)]))[shardOf(customer)] as { entries: Record<string, { dueAt: string }> }).entries;
  expect(Object.values(await index()).map((entry) => entry.dueAt)).toEqual(['2026-12-01T15:02:00.000Z']);
  // So step 2, which allows only 120 s, does not need to move it.
  expect((await say(customer, 'done')).shared).toEqual([]);

  for (const step of [3, 4, 5, 6]) {
    clock.advance(20);
    const turn = await say(customer, 'done');
    expect(turn.texts).toEqual([outlookExpressSteps[step - 1]]);
    expect(turn.shared).toEqual([]);
    // The customer's state and their pointer, once: with no case open, nothing else.
    expect(turn.reads).toEqual([state, pointer(customer)]);
  }
  const help = await say(customer, 'help');
  expect(help.shared).toEqual([]);

  // The check-in still comes 120 s after the last message (the tick reads the index; the turns did not).
  clock.advance(119);
  expect(await tick()).toBe(0);
  clock.advance(1);
  expect(await tick()).toBe(1);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([
    "Still with me? Take your time with step 6 of 8 (Account name). Say done when you've finished, or help if you can't find something.",
  ]);

  // The check-in moved the entry to the offer's time and recorded it: answering costs no read either.
  clock.advance(10);
  expect((await say(customer, 'done')).shared).toEqual([]);
  expect((await say(customer, 'done')).shared).toEqual([]);
  const verifying = await say(customer, 'done');
  expect(verifying.texts).toEqual(["That's every step. Now send a short test email to yourself. Did it send without the error?"]);
  expect(verifying.shared).toEqual([]);

  // Leaving the steps drops the customer's entry: one change of the index.
  expect((await say(customer, 'it worked')).shared).toEqual([`read ${silenceKey}`, `write ${silenceKey}`]);
  clock.advance(3600);
  expect(await tick()).toBe(0);
  expect(stepwise.connector.take(customer.address.conversationId)).toEqual([]);
});

test('asking for a technician writes the pointer; the customer\'s turns then read the cases document; it closes with the case', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');

  const handoff = await say(customer, 'technician');
  expect(handoff.texts[0]).toMatch(/^I'm bringing in a technician\./);
  expect(Object.keys(await storage.inner.read([pointer(customer)]))).toEqual([pointer(customer)]);
  // Read before the conversation, by the handoff as it opens the case, and again after the turn: a pointer was
  // written during it, so the after-turn bookkeeping does not assume the "no case" it saw first.
  expect(handoff.reads.filter((key) => key === pointer(customer))).toHaveLength(3);
  // Leaving the steps dropped the check-in.
  expect(handoff.shared).toContain(`write ${silenceKey}`);

  const waiting = await say(customer, 'hello?');
  expect(waiting.reads).toContain(casesKey);

  // The contact centre completes it: the customer is back on their step, and their turns are ordinary again.
  await customer.send({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
  expect(await storage.inner.read([pointer(customer)])).toEqual({});
  const back = await say(customer, 'done');
  expect(back.texts).toEqual([outlookExpressSteps[2]]);
  expect(back.shared).toEqual([`read ${silenceKey}`, `read ${silenceKey}`, `write ${silenceKey}`]);
  expect((await say(customer, 'done')).shared).toEqual([]);
});

test('"start over" on the steps costs no index read: the entry it leaves behind is the tick\'s to drop', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  const restart = await say(customer, 'start over');
  expect(restart.shared).toEqual([]);
  clock.advance(120);
  expect(await tick()).toBe(0);
  const index = (await storage.inner.read([shardOf(customer)]))[shardOf(customer)] as { entries: object };
  expect(index.entries).toEqual({});
});
