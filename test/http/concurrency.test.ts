import { randomUUID } from 'node:crypto';
import { ControlledStorage } from '../support/controlledStorage';
import { outlookExpressSteps, greeting, outlookExpressIntro } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

const rerunLine = /INFO state changed by another turn; running the turn again/;
const duplicateLine = /INFO duplicate activity ignored/;
const keyOf = (conversation: SharedConversation) => `webchat/conversations/${conversation.conversationId}`;
const count = (lines: string[], pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;

async function toStep(conversation: SharedConversation, botUrl: string, step: number): Promise<void> {
  await conversation.join(botUrl);
  await conversation.say(botUrl, 'Outlook Express');
  for (let i = 1; i < step; i++) await conversation.say(botUrl, 'done');
}

describe('one bot process', () => {
  let storage: ControlledStorage;
  let stepwise: RunningStepwise;
  beforeEach(async () => {
    storage = new ControlledStorage();
    stepwise = await startStepwise({}, { storage });
  });
  afterEach(() => stepwise.stop());

  test('a channel retry (same activity id) is acted on once, even while the first delivery is still running', async () => {
    const conversation = new SharedConversation(stepwise.connector);
    await toStep(conversation, stepwise.botUrl, 2);
    // The first delivery's read waits until the retry has arrived too (at the gate, or, without one, at the store).
    storage.pauseReads(keyOf(conversation), { parties: 2, until: () => stepwise.app.bot.gate.queuedFor(keyOf(conversation)) === 2 });

    const id = randomUUID();
    const { statuses, replies } = await conversation.sendTogether([
      { botUrl: stepwise.botUrl, activity: { id, type: 'message', text: 'done' } },
      { botUrl: stepwise.botUrl, activity: { id, type: 'message', text: 'done' } },
    ]);

    expect(statuses).toEqual([200, 200]);
    expect(texts(replies)).toEqual([outlookExpressSteps[2]]);
    const late = await conversation.say(stepwise.botUrl, 'done', { id });
    expect(late.replies).toEqual([]);
    expect(count(stepwise.logLines, duplicateLine)).toBe(2);
    expect(count(stepwise.logLines, rerunLine)).toBe(0);
    expect(texts((await conversation.say(stepwise.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[2]]);
  });

  test('two messages for one conversation at once run one after the other: no step skipped, no conflict', async () => {
    const conversation = new SharedConversation(stepwise.connector);
    await toStep(conversation, stepwise.botUrl, 2);
    storage.pauseReads(keyOf(conversation), { parties: 2, until: () => stepwise.app.bot.gate.queuedFor(keyOf(conversation)) === 2 });

    const { replies } = await conversation.sendTogether([
      { botUrl: stepwise.botUrl, activity: { type: 'message', text: 'done' } },
      { botUrl: stepwise.botUrl, activity: { type: 'message', text: 'done' } },
    ]);

    expect(texts(replies)).toEqual([outlookExpressSteps[2], outlookExpressSteps[3]]);
    expect(count(stepwise.logLines, rerunLine)).toBe(0);
    expect(stepwise.app.bot.gate.busyCustomers).toBe(0);
  });

  test('different conversations are not held up by each other', async () => {
    const first = new SharedConversation(stepwise.connector);
    const second = new SharedConversation(stepwise.connector);
    await toStep(first, stepwise.botUrl, 1);
    await toStep(second, stepwise.botUrl, 3);

    const [a, b] = await Promise.all([first.say(stepwise.botUrl, 'done'), second.say(stepwise.botUrl, 'done')]);

    expect(texts(a.replies)).toEqual([outlookExpressSteps[1]]);
    expect(texts(b.replies)).toEqual([outlookExpressSteps[3]]);
  });
});

describe('two bot instances sharing one store', () => {
  let storage: ControlledStorage;
  let one: RunningStepwise;
  let two: RunningStepwise;
  beforeEach(async () => {
    storage = new ControlledStorage();
    one = await startStepwise({}, { storage });
    two = await startStepwise({}, { storage });
  });
  afterEach(async () => {
    await one.stop();
    await two.stop();
  });
  const logs = () => [...one.logLines, ...two.logLines];

  test('two messages read the same version: the second commit conflicts, its turn re-runs on the new state, and no reply is sent twice', async () => {
    const conversation = new SharedConversation(one.connector);
    await toStep(conversation, one.botUrl, 2);
    storage.pauseReads(keyOf(conversation), { parties: 2 });

    const { replies } = await conversation.sendTogether([
      { botUrl: one.botUrl, activity: { type: 'message', text: 'done' } },
      { botUrl: two.botUrl, activity: { type: 'message', text: 'done' } },
    ]);

    expect(texts(replies).sort()).toEqual([outlookExpressSteps[2], outlookExpressSteps[3]]);
    expect(count(logs(), rerunLine)).toBe(1);
    expect(texts((await conversation.say(two.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[3]]);
  });

  test('a retry delivered to the other instance at the same time is dropped after the conflict', async () => {
    const conversation = new SharedConversation(one.connector);
    await toStep(conversation, one.botUrl, 4);
    storage.pauseReads(keyOf(conversation), { parties: 2 });

    const id = randomUUID();
    const { replies } = await conversation.sendTogether([
      { botUrl: one.botUrl, activity: { id, type: 'message', text: 'done' } },
      { botUrl: two.botUrl, activity: { id, type: 'message', text: 'done' } },
    ]);

    expect(texts(replies)).toEqual([outlookExpressSteps[4]]);
    expect(count(logs(), rerunLine)).toBe(1);
    expect(count(logs(), duplicateLine)).toBe(1);
  });

  test("a new conversation's first activity delivered to both at once creates its state once and greets once", async () => {
    const conversation = new SharedConversation(one.connector);
    storage.pauseReads(keyOf(conversation), { parties: 2 });
    const join = { id: randomUUID(), type: 'conversationUpdate', membersAdded: [{ id: conversation.userId, name: 'Customer' }] };

    const { replies } = await conversation.sendTogether([
      { botUrl: one.botUrl, activity: join },
      { botUrl: two.botUrl, activity: join },
    ]);

    expect(texts(replies)).toEqual([greeting]);
    expect(count(logs(), rerunLine)).toBe(1);
    expect(texts((await conversation.say(two.botUrl, 'Outlook Express')).replies)).toEqual([outlookExpressIntro, outlookExpressSteps[0]]);
  });
});
