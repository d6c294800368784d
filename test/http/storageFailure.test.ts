import { ControlledStorage } from '../support/controlledStorage';
import { outlookExpressIntro, outlookExpressSteps, storageUnavailable } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

let storage: ControlledStorage;
let stepwise: RunningStepwise;
beforeEach(async () => {
  storage = new ControlledStorage();
  stepwise = await startStepwise({}, { storage });
});
afterEach(() => stepwise.stop());

async function atStep3(): Promise<SharedConversation> {
  const conversation = new SharedConversation(stepwise.connector);
  await conversation.join(stepwise.botUrl);
  await conversation.say(stepwise.botUrl, 'Outlook Express');
  await conversation.say(stepwise.botUrl, 'done');
  expect(texts((await conversation.say(stepwise.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[2]]);
  return conversation;
}

async function health(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${stepwise.baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
}

test('store unreachable: the customer is told, with the phone number; /healthz says 503; nothing was saved; it recovers', async () => {
  const conversation = await atStep3();
  storage.goDown();

  const turn = await conversation.say(stepwise.botUrl, 'done');
  expect(turn.status).toBe(200);
  expect(texts(turn.replies)).toEqual([storageUnavailable]);
  expect(await health()).toEqual({ status: 503, body: expect.objectContaining({ status: 'degraded', checks: { storage: 'down' } }) });
  expect(stepwise.logLines.some((line) => /ERROR storage unavailable; turn not saved .*ECONNREFUSED/.test(line))).toBe(true);

  storage.comeBack();
  expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up' } }) });
  expect(texts((await conversation.say(stepwise.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[2]]);
  expect(texts((await conversation.say(stepwise.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[3]]);
});

test('a failed save sends nothing of the turn: the step it would have shown is not sent, and the customer stays on their step', async () => {
  const conversation = await atStep3();
  storage.failWrites = true;

  const turn = await conversation.say(stepwise.botUrl, 'done');

  expect(texts(turn.replies)).toEqual([storageUnavailable]);
  storage.failWrites = false;
  expect(texts((await conversation.say(stepwise.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[2]]);
});

test('a new customer who arrives while the store is down is told too, and greeted once it is back', async () => {
  storage.goDown();
  const conversation = new SharedConversation(stepwise.connector);

  expect(texts((await conversation.join(stepwise.botUrl)).replies)).toEqual([storageUnavailable]);
  storage.comeBack();
  expect(texts((await conversation.say(stepwise.botUrl, 'Outlook Express')).replies)).toEqual([
    "Hi, I'm Stepwise, the Internet America mail helper.",
    outlookExpressIntro,
    outlookExpressSteps[0],
  ]);
});
