import type { MemoryTimerQueue } from '../../src/timers/memoryTimerQueue';
import { greeting, outlookExpressSteps } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

const day = 24 * 60 * 60 * 1000;
const forgotten =
  "Done: I've deleted everything I had stored about you and this conversation, including where you were in the steps. If you need help again, just send a message.";

let now: number;
let stepwise: RunningStepwise;
beforeEach(async () => {
  now = Date.parse('2026-03-02T09:00:00Z');
  stepwise = await startStepwise({}, { clock: { now: () => new Date(now) } });
});
afterEach(() => stepwise.stop());

async function atStep3(userId?: string): Promise<SharedConversation> {
  const conversation = new SharedConversation(stepwise.connector, userId);
  await conversation.join(stepwise.botUrl);
  await conversation.say(stepwise.botUrl, 'Outlook Express');
  await conversation.say(stepwise.botUrl, 'done');
  await conversation.say(stepwise.botUrl, 'done');
  return conversation;
}


const transcript = async (conversation: SharedConversation) =>
  (await stepwise.app.bot.transcripts.getTranscriptActivities('webchat', conversation.conversationId)).items;

test('"forget me" deletes the conversation state, the returning-customer record and the transcript', async () => {
  const conversation = await atStep3();
  const other = await atStep3();
  // Each customer's state and returning-customer record (place, list of conversations); their silence timers are on the timer queue.
  const customers = [conversation, other].map((c) => `webchat/conversations/${c.conversationId}`);
  expect(await stepwise.app.storage.usage!()).toEqual({ items: 6, bytes: expect.any(Number) });
  const checkIns = async () => [...new Set((stepwise.app.timers as MemoryTimerQueue).pending().map((timer) => timer.customerKey))].sort();
  expect(await checkIns()).toEqual([...customers].sort());
  expect((await transcript(conversation)).length).toBeGreaterThan(0);

  const turn = await conversation.say(stepwise.botUrl, 'Please forget me');

  expect(texts(turn.replies)).toEqual([forgotten]);
  expect(await transcript(conversation)).toEqual([]);
  const left = await stepwise.app.storage.storage.read([
    `webchat/conversations/${conversation.conversationId}`,
    `webchat/users/${conversation.userId}`,
    `webchat/user-conversations/${conversation.userId}`,
    `webchat/conversations/${other.conversationId}`,
    `webchat/users/${other.userId}`,
    `webchat/user-conversations/${other.userId}`,
  ]);
  expect(Object.keys(left)).toEqual([
    `webchat/conversations/${other.conversationId}`,
    `webchat/users/${other.userId}`,
    `webchat/user-conversations/${other.userId}`,
  ]);
  expect(await checkIns()).toEqual([`webchat/conversations/${other.conversationId}`]);
  expect(stepwise.logLines.some((line) => line.includes('INFO customer data deleted on request'))).toBe(true);

  // Nothing is left to resume: the same or a new conversation starts from the greeting.
  expect(texts((await new SharedConversation(stepwise.connector, conversation.userId).join(stepwise.botUrl)).replies)).toEqual([greeting]);
  expect(texts((await conversation.say(stepwise.botUrl, 'hello')).replies)).toEqual([greeting]);
});

test.each(['delete my data', 'Forget about me', 'erase my information please'])('"%s" is a forget-me request too', async (request) => {
  const conversation = await atStep3();
  expect(texts((await conversation.say(stepwise.botUrl, request)).replies)).toEqual([forgotten]);
});

test('the retention sweep deletes state (with its transcript) not touched for RETENTION_DAYS (30), and nothing newer', async () => {
  const idle = await atStep3();
  now += 20 * day;
  const active = await atStep3();

  now += 10 * day;
  expect(await stepwise.app.retention.sweep()).toEqual({ state: 0 });
  now += 1;
  // The idle customer's state and returning-customer record (place, list of conversations).
  const state = 3;
  expect(await stepwise.app.retention.sweep()).toEqual({ state });

  expect(await transcript(idle)).toEqual([]);
  expect((await transcript(active)).length).toBeGreaterThan(0);
  expect(texts((await active.say(stepwise.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[2]]);
  expect(texts((await idle.say(stepwise.botUrl, 'hello')).replies)).toEqual([greeting]);
  expect(stepwise.logLines.some((line) => new RegExp(`INFO retention sweep cutoff="2026-03-02T09:00:00.001Z" state=${state}$`).test(line))).toBe(true);
});
