import { ManualClock } from '../../src/handoff/clock';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { MemoryTimerQueue, memoryTimersOf } from '../../src/timers/memoryTimerQueue';
import type { ReceivedTimer, Timer } from '../../src/timers/timerQueue';
import { outlookExpressSteps } from '../support/expectedSteps';
import { RecordingStorage, type StorageCall } from '../support/recordingStorage';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * What a customer turn costs the handoff in storage and in the timer queue. Cases are records, one per customer
 * at their pointer: no turn reads a document shared by all cases (the cases document of earlier versions is
 * looked for once per process, to convert it). An ordinary turn (no open case, moving through the steps) reads
 * its state and its pointer, and schedules a silence timer only when the one it relies on has come due.
 */
const casesKey = 'stepwise/handoff/cases';

/** The in-memory timer queue, remembering what the turns and ticks asked of it. */
class RecordingTimers extends MemoryTimerQueue {
  calls: string[] = [];

  async schedule(timer: Timer): Promise<void> {
    this.calls.push(`schedule ${timer.dueAt.slice(11, 19)}`);
    return super.schedule(timer);
  }

  async receiveDue(max: number): Promise<ReceivedTimer[]> {
    this.calls.push('receive');
    return super.receiveDue(max);
  }

  take(): string[] {
    return this.calls.splice(0);
  }
}

/** Calls as `op key`, with the customer's conversation id and queue marker named generically. */
function anonymous(customer: HttpConversation, calls: (StorageCall | string)[]): string[] {
  return calls.map((call) =>
    (typeof call === 'string' ? call : `${call.op} ${call.key}`)
      .replace(/stepwise\/handoff\/queue\/[^,]+/, 'stepwise/handoff/queue/<their marker>')
      .replaceAll(customer.address.conversationId, '<them>'),
  );
}

let stepwise: RunningStepwise;
let clock: ManualClock;
let storage: RecordingStorage;
let timers: RecordingTimers;

beforeEach(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  storage = new RecordingStorage(new StepwiseMemoryStorage(() => clock.now()));
  timers = new RecordingTimers(memoryTimersOf(storage), () => clock.now().getTime(), 30_000);
  stepwise = await startStepwise({ HANDOFF_STATUS_CHANNELS: 'webchat' }, { clock, storage, timers });
});
afterEach(() => stepwise.stop());

const tick = () => stepwise.app.bot.handoff.tick();

test('a turn on the steps is one read and one write of their state (with the turn in its transcript): it says they have no open case', async () => {
  const customer = new HttpConversation(stepwise);
  // Their first message looks at their pointer once (besides their returning-customer record); their state then
  // says there is no case.
  expect((await say(customer, 'Outlook Express')).operations).toContain('read stepwise/handoff/open/webchat/conversations/<them>');
  const ordinary = ['read webchat/conversations/<them>', 'write webchat/conversations/<them>'];
  // "done" moves the place, "help" and a question keep it, a miss counts: none of them writes anything else.
  for (const text of ['done', 'done', 'help', 'what is smtp?', 'qwerty', 'done']) {
    const turn = await say(customer, text);
    expect(turn.operations).toEqual(ordinary);
  }
  // Both the customer's words and the replies are in the state that one write saved.
  const lines = await stepwise.app.bot.transcripts.lines('webchat', customer.address.conversationId);
  expect(lines.slice(-2).map((line) => line.from)).toEqual(['customer', 'bot']);
  expect(lines.at(-2)!.text).toBe('done');
  expect(lines.at(-1)!.text).toBe(outlookExpressSteps[3]);
});
const pointer = (customer: HttpConversation) => `stepwise/handoff/open/webchat/conversations/${customer.address.conversationId}`;

/** Says `text`; resolves with the reply texts, what the turn did to the cases document, and what it asked of the timer queue. */
async function say(customer: HttpConversation, text: string) {
  storage.take();
  storage.takeOperations();
  timers.take();
  const turn = await customer.say(text);
  const calls = storage.take();
  return {
    operations: anonymous(customer, storage.takeOperations()),
    texts: texts(turn.replies),
    shared: calls.filter((call) => call.key === casesKey).map((call) => `${call.op} ${call.key}`),
    queue: timers.take(),
    reads: calls.filter((call) => call.op === 'read').map((call) => call.key),
  };
}

test('after the first turns on the steps, an ordinary turn reads no cases document and leaves the timer queue alone', async () => {
  const customer = new HttpConversation(stepwise);
  const state = `webchat/conversations/${customer.address.conversationId}`;
  await customer.join();

  // The process's first look-up: pointers for open cases from before pointers existed (once). Then a timer is
  // scheduled, as early as any check-in of theirs can be (120 s), though step 1 expects 180 s.
  const first = await say(customer, 'Outlook Express');
  expect(first.shared).toEqual([`read ${casesKey}`]);
  expect(first.queue).toEqual(['schedule 15:02:00']);
  // So step 2, which allows only 120 s, needs no other.
  expect(await say(customer, 'done')).toMatchObject({ shared: [], queue: [] });

  for (const step of [3, 4, 5, 6]) {
    clock.advance(20);
    const turn = await say(customer, 'done');
    expect(turn.texts).toEqual([outlookExpressSteps[step - 1]]);
    expect(turn).toMatchObject({ shared: [], queue: [] });
    // The customer's state, once: with no case open, nothing else.
    expect(turn.reads).toEqual([state]);
  }
  expect(await say(customer, 'help')).toMatchObject({ shared: [], queue: [] });

  // The check-in still comes 120 s after the last message: the timer, coming early, moved itself on.
  clock.advance(119);
  expect(await tick()).toBe(0);
  expect(timers.take()).toEqual(['receive', 'schedule 15:03:20', 'receive']);
  clock.advance(1);
  expect(await tick()).toBe(1);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([
    "Still with me? Take your time with step 6 of 8 (Account name). Say done when you've finished, or help if you can't find something.",
  ]);

  // The check-in scheduled the offer's timer and recorded it: answering costs no call to the queue either.
  clock.advance(10);
  expect(await say(customer, 'done')).toMatchObject({ shared: [], queue: [] });
  expect(await say(customer, 'done')).toMatchObject({ shared: [], queue: [] });
  const verifying = await say(customer, 'done');
  expect(verifying.texts).toEqual(["That's every step. Now send a short test email to yourself. Did it send without the error?"]);
  expect(verifying).toMatchObject({ shared: [], queue: [] });

  // Leaving the steps costs nothing: the pending timer finds nothing to do when it comes.
  expect(await say(customer, 'it worked')).toMatchObject({ shared: [], queue: [] });
  clock.advance(3600);
  expect(await tick()).toBe(0);
  expect(stepwise.connector.take(customer.address.conversationId)).toEqual([]);
  expect(timers.pending()).toEqual([]);
});


test('asking for a technician costs 3 storage calls: their state read, the case written at the pointer, their state written', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  // Others waiting already change nothing about this turn's cost.
  for (let i = 0; i < 3; i++) {
    const other = new HttpConversation(stepwise);
    await other.say('Outlook Express');
    await other.say('technician');
  }

  storage.takeOperations();
  timers.take();
  const handoff = await customer.say('technician');
  expect(texts(handoff.replies)[0]).toMatch(/^I'm bringing in a technician\./);
  expect(anonymous(customer, storage.takeOperations())).toEqual([
    // Their state says they have no open case. The case is created at their pointer (only if nothing is there), and
    // the state written.
    'read webchat/conversations/<them>',
    'write stepwise/handoff/open/webchat/conversations/<them>',
    'write webchat/conversations/<them>',
  ]);
  // Leaving the steps costs the timer queue nothing.
  expect(timers.take()).toEqual([]);
});

test('asking for a technician writes the case at the pointer; the customer\'s turns then read it there; it closes with the case', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');

  const handoff = await say(customer, 'technician');
  expect(handoff.texts[0]).toMatch(/^I'm bringing in a technician\./);
  expect(await storage.inner.read([pointer(customer)])).toEqual({ [pointer(customer)]: expect.objectContaining({ status: 'queued' }) });
  // Not read: their state said they had no case, and the case the turn opened is the one the after-turn bookkeeping uses.
  expect(handoff.reads.filter((key) => key === pointer(customer))).toHaveLength(0);
  expect(handoff.queue).toEqual([]);

  const waiting = await say(customer, 'hello?');
  expect(waiting.reads).toContain(pointer(customer));
  expect(waiting.reads).not.toContain(casesKey);

  // The contact centre completes it: the customer is back on their step, and their turns are ordinary again.
  await customer.send({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
  expect(await storage.inner.read([pointer(customer)])).toEqual({ [pointer(customer)]: expect.objectContaining({ status: 'closed', outcome: 'completed' }) });
  const back = await say(customer, 'done');
  expect(back.texts).toEqual([outlookExpressSteps[2]]);
  // The case closed outside their turns: this turn reads the pointer, finds it closed, and notes that in their state.
  expect(back.reads).toContain(pointer(customer));
  expect(back.shared).toEqual([]);
  expect(back.queue).toEqual(['schedule 15:02:00']);
  const next = await say(customer, 'done');
  expect(next).toMatchObject({ shared: [], queue: [] });
  // The turn after the case closed read the pointer and found it closed: ordinary again.
  expect(next.reads).toEqual([`webchat/conversations/${customer.address.conversationId}`]);
});

test('"start over" on the steps costs no call to the timer queue: the timer it leaves behind finds nothing and goes', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  const restart = await say(customer, 'start over');
  expect(restart.queue).toEqual([]);
  expect(timers.pending(`webchat/conversations/${customer.address.conversationId}`)).toHaveLength(1);
  clock.advance(120);
  expect(await tick()).toBe(0);
  expect(stepwise.connector.take(customer.address.conversationId)).toEqual([]);
  expect(timers.pending()).toEqual([]);
});
