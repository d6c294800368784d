import { greeting, outlookExpressIntro, outlookExpressSteps, verifyAsk, verifyWorked } from '../support/outlookExpress';
import { SharedConversation, type Turn } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

const day = 24 * 60 * 60 * 1000;
const welcomeBackAtStep4 = 'Welcome back! You were on step 4 of 8 for Outlook Express: continue or start over?';

let now: number;
let stepwise: RunningStepwise;
beforeEach(async () => {
  now = Date.parse('2026-03-02T09:00:00Z');
  stepwise = await startStepwise({}, { clock: { now: () => new Date(now) } });
});
afterEach(() => stepwise.stop());

const buttons = (turn: Turn) => turn.replies.map((reply) => reply.suggestedActions?.actions.map((action) => action.title));

async function reachStep(conversation: SharedConversation, step: number): Promise<void> {
  await conversation.join(stepwise.botUrl);
  await conversation.say(stepwise.botUrl, 'Outlook Express');
  for (let i = 1; i < step; i++) await conversation.say(stepwise.botUrl, 'done');
}

test('a customer who comes back in a new conversation is offered their step, and continue puts them back on it', async () => {
  const first = new SharedConversation(stepwise.connector);
  await reachStep(first, 4);

  now += 2 * day;
  const second = new SharedConversation(stepwise.connector, first.userId);
  const welcome = await second.join(stepwise.botUrl);
  expect(texts(welcome.replies)).toEqual([welcomeBackAtStep4]);
  expect(buttons(welcome)).toEqual([['Continue', 'Start over']]);

  expect(texts((await second.say(stepwise.botUrl, 'Continue')).replies)).toEqual([outlookExpressSteps[3]]);
  expect(texts((await second.say(stepwise.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[4]]);

  // The record now follows the newer conversation: a third one is offered step 5.
  const third = new SharedConversation(stepwise.connector, first.userId);
  expect(texts((await third.say(stepwise.botUrl, 'hi')).replies)).toEqual([
    'Welcome back! You were on step 5 of 8 for Outlook Express: continue or start over?',
  ]);
});

test('start over instead begins again, and the old place is no longer offered', async () => {
  const first = new SharedConversation(stepwise.connector);
  await reachStep(first, 4);
  const second = new SharedConversation(stepwise.connector, first.userId);
  await second.join(stepwise.botUrl);

  expect(texts((await second.say(stepwise.botUrl, 'Start over')).replies)).toEqual(["Okay, let's start over. Which mail program do you use?"]);
  expect(texts((await new SharedConversation(stepwise.connector, first.userId).join(stepwise.botUrl)).replies)).toEqual([greeting]);
});

test('an unclear answer gets a short reminder; the third one brings in a technician', async () => {
  const first = new SharedConversation(stepwise.connector);
  await reachStep(first, 4);
  const second = new SharedConversation(stepwise.connector, first.userId);
  await second.join(stepwise.botUrl);

  const reminder = await second.say(stepwise.botUrl, 'qwerty');
  expect(texts(reminder.replies)).toEqual(['Say continue to pick up where you left off, or start over to begin again.']);
  expect(buttons(reminder)).toEqual([['Continue', 'Start over']]);
  await second.say(stepwise.botUrl, 'hmm');
  const handoff = await second.say(stepwise.botUrl, 'zxcvb');
  expect(handoff.replies.map((reply) => reply.name ?? reply.type)).toEqual(['handoff.initiate', 'stepwise.handoff', 'message']);
  expect(handoff.replies[0].name).toBe('handoff.initiate');
  expect(texts(handoff.replies)).toEqual([
    expect.stringMatching(
      // Their earlier place is only offered, not taken up: the technician sees no step, and the message claims none.
      /^I'm bringing in a technician\. They'll see our conversation so far, so you won't have to repeat yourself\. Your reference number is SW-[A-Z0-9]{6}\. If you'd rather not wait, call 1-800-232-4335 \(toll-free\) or email support@airmail\.net\.$/,
    ),
  ]);
});

test('progress older than RETURNING_CUSTOMER_DAYS (7) is not offered', async () => {
  const first = new SharedConversation(stepwise.connector);
  await reachStep(first, 4);

  now += 7 * day;
  expect(texts((await new SharedConversation(stepwise.connector, first.userId).join(stepwise.botUrl)).replies)).toEqual([welcomeBackAtStep4]);
  now += 1;
  expect(texts((await new SharedConversation(stepwise.connector, first.userId).join(stepwise.botUrl)).replies)).toEqual([greeting]);
});

test('the same conversation just carries on, another person is not offered anything, and a finished procedure is not offered', async () => {
  const first = new SharedConversation(stepwise.connector);
  await reachStep(first, 4);
  expect(texts((await first.say(stepwise.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[3]]);
  expect(texts((await new SharedConversation(stepwise.connector).join(stepwise.botUrl)).replies)).toEqual([greeting]);

  for (let i = 4; i < 8; i++) await first.say(stepwise.botUrl, 'done');
  expect(texts((await first.say(stepwise.botUrl, 'done')).replies)).toEqual([verifyAsk]);
  const verifying = new SharedConversation(stepwise.connector, first.userId);
  expect(texts((await verifying.join(stepwise.botUrl)).replies)).toEqual([
    'Welcome back! You had done all 8 steps for Outlook Express and were about to send a test email: continue or start over?',
  ]);
  expect(texts((await verifying.say(stepwise.botUrl, 'continue')).replies)).toEqual([verifyAsk]);
  expect(texts((await verifying.say(stepwise.botUrl, 'it worked')).replies)).toEqual([verifyWorked]);

  expect(texts((await new SharedConversation(stepwise.connector, first.userId).join(stepwise.botUrl)).replies)).toEqual([greeting]);
});

test('RETURNING_CUSTOMER_DAYS=0 turns the offer off', async () => {
  const off = await startStepwise({ RETURNING_CUSTOMER_DAYS: '0' });
  try {
    const first = new SharedConversation(off.connector);
    await first.join(off.botUrl);
    expect(texts((await first.say(off.botUrl, 'Outlook Express')).replies)).toEqual([outlookExpressIntro, outlookExpressSteps[0]]);
    expect(texts((await new SharedConversation(off.connector, first.userId).join(off.botUrl)).replies)).toEqual([greeting]);
  } finally {
    await off.stop();
  }
});

test('a customer helped in Spanish is welcomed back in Spanish, on their step', async () => {
  const first = new SharedConversation(stepwise.connector);
  await first.join(stepwise.botUrl);
  await first.say(stepwise.botUrl, 'hola, uso outlook express');
  for (let i = 1; i < 4; i++) await first.say(stepwise.botUrl, 'listo');

  now += 2 * day;
  const second = new SharedConversation(stepwise.connector, first.userId);
  const welcome = await second.join(stepwise.botUrl);
  expect(texts(welcome.replies)).toEqual(['¡Hola de nuevo! Estaba en el paso 4 de 8 para Outlook Express: ¿continuar o empezar de nuevo?']);
  expect(buttons(welcome)).toEqual([['Continuar', 'Empezar de nuevo']]);
  expect(texts((await second.say(stepwise.botUrl, 'continuar')).replies)).toEqual(['**Paso 4 de 8:** Haga clic en la pestaña **Servers** (Servidores).']);
});
