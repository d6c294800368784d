import { ManualClock } from '../../src/handoff/clock';
import { SilenceIndex } from '../../src/handoff/silenceIndex';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { outlookExpressSteps } from '../support/expectedSteps';
import { RecordingStorage, type StorageCall } from '../support/recordingStorage';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * What a customer turn costs the handoff in storage. The silence index is shared by all customers and grows with
 * them; an ordinary turn (no open case, moving through the steps) reads none of it. Cases are records, one per
 * customer at their pointer: no turn reads a document shared by all cases (the cases document of earlier versions
 * is looked for once per process, to convert it).
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

const anonymous = (customer: HttpConversation, calls: StorageCall[]) =>
  calls.map((call) => {
    const id = customer.address.conversationId;
    const key = call.key
      .replace(/^stepwise\/handoff\/queue\/.*$/, 'stepwise/handoff/queue/<their marker>')
      .replace(shardOf(customer), 'stepwise/handoff/silence/<their shard>')
      .replace(id, '<them>');
    return `${call.op} ${call.key === 'stepwise/handoff/queue/' ? call.key : key}`;
  });

test('asking for a technician costs at most 6 storage calls: their state, their pointer read and written (the case), the check-in dropped', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  // Others waiting already change nothing about this turn's cost.
  for (let i = 0; i < 3; i++) {
    const other = new HttpConversation(stepwise);
    await other.say('Outlook Express');
    await other.say('technician');
  }

  storage.take();
  const handoff = await customer.say('technician');
  expect(texts(handoff.replies)[0]).toMatch(/^I'm bringing in a technician\./);
  const calls = storage.take();
  expect(anonymous(customer, calls)).toEqual([
    'read webchat/conversations/<them>',
    // The interceptor finds no open case; the case is then created over that same key (only if still nothing is there).
    'read stepwise/handoff/open/webchat/conversations/<them>',
    'write stepwise/handoff/open/webchat/conversations/<them>',
    // Leaving the steps drops the check-in.
    'read stepwise/handoff/silence/<their shard>',
    'write stepwise/handoff/silence/<their shard>',
    'write webchat/conversations/<them>',
  ]);
  expect(calls.length).toBeLessThanOrEqual(6);
});

test('asking for a technician writes the pointer; the customer\'s turns then read their case there; it closes with the case', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');

  const handoff = await say(customer, 'technician');
  expect(handoff.texts[0]).toMatch(/^I'm bringing in a technician\./);
  expect(await storage.inner.read([pointer(customer)])).toEqual({ [pointer(customer)]: expect.objectContaining({ status: 'queued' }) });
  // Read once, before the conversation: the case the turn opened is the one the after-turn bookkeeping uses.
  expect(handoff.reads.filter((key) => key === pointer(customer))).toHaveLength(1);
  // Leaving the steps dropped the check-in.
  expect(handoff.shared).toContain(`write ${silenceKey}`);

  const waiting = await say(customer, 'hello?');
  expect(waiting.reads).toContain(pointer(customer));
  expect(waiting.reads).not.toContain(casesKey);

  // The contact centre completes it: the customer is back on their step, and their turns are ordinary again.
  await customer.send({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
  expect(await storage.inner.read([pointer(customer)])).toEqual({ [pointer(customer)]: expect.objectContaining({ status: 'closed', outcome: 'completed' }) });
  const back = await say(customer, 'done');
  expect(back.texts).toEqual([outlookExpressSteps[2]]);
  expect(back.shared).toEqual([`read ${silenceKey}`, `read ${silenceKey}`, `write ${silenceKey}`]);
  const next = await say(customer, 'done');
  expect(next.shared).toEqual([]);
  expect(next.reads).toEqual([`webchat/conversations/${customer.address.conversationId}`, pointer(customer)]);
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
