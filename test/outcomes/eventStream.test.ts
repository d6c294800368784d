import { ManualClock } from '../../src/handoff/clock';
import type { OutcomeEvent } from '../../src/outcomes/events';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * A scripted conversation produces exactly the expected outcome events, in order, and none of them carries
 * what the customer typed or an id of theirs.
 */
let stepwise: RunningStepwise;
let clock: ManualClock;
let recorded: OutcomeEvent[];

beforeEach(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  recorded = [];
  stepwise = await startStepwise({}, { clock, outcomeSinks: [{ accept: (events) => recorded.push(...events) }] });
});
afterEach(() => stepwise.stop());

/** Each event as `type stage step` plus what it says besides, for exact comparison. */
function described(events: OutcomeEvent[]): string[] {
  return events.map((event) => {
    const { at: _at, conversation: _conversation, channel: _channel, language: _language, program: _program, type, stage, step, ...rest } = event as OutcomeEvent & Record<string, unknown>;
    const extra = Object.entries(rest)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${String(value)}`);
    return [type, stage, step, ...extra].filter((part) => part !== undefined).join(' ');
  });
}

async function say(customer: HttpConversation, text: string, seconds = 30): Promise<void> {
  clock.advance(seconds);
  await customer.say(text);
}

test('a conversation from the greeting to a test email that went through', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.join();
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  await say(customer, 'help');
  await say(customer, 'what is my password?');
  await say(customer, 'qwerty zxcv');
  await say(customer, 'brb');
  for (let i = 0; i < 7; i++) await say(customer, 'done');
  await say(customer, 'it worked');

  expect(described(recorded)).toEqual([
    'started choosing entry=greeting',
    'programChosen steps 1',
    'stepShown steps 1',
    'stepCompleted steps 1',
    'stepShown steps 2',
    'helpAsked steps 2 help=hint',
    'questionAnswered steps 2 answer=ask.password',
    'missed steps 2',
    'paused steps 2',
    ...[2, 3, 4, 5, 6, 7].flatMap((n) => [`stepCompleted steps ${n}`, `stepShown steps ${n + 1}`]),
    'stepCompleted steps 8',
    'verification verifying result=worked',
    'finished done',
  ]);
  const ids = new Set(recorded.map((event) => event.conversation));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toMatch(/^[A-Za-z0-9_-]{16}$/);
  expect(new Set(recorded.map((event) => event.channel))).toEqual(new Set(['webchat']));
  expect(new Set(recorded.map((event) => event.language))).toEqual(new Set(['en']));
  expect(recorded.filter((event) => event.type !== 'started').every((event) => event.program === 'outlook-express')).toBe(true);
  const stored = JSON.stringify(recorded);
  for (const said of ['qwerty', 'password?', 'brb', customer.address.conversationId, customer.address.userId]) expect(stored).not.toContain(said);
});

test('a pasted error, a failed test email with another error, then "forget me"', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, "I can't send email, it says 550 relay not permitted");
  await say(customer, 'Outlook Express');
  for (let i = 0; i < 8; i++) await say(customer, 'done');
  await say(customer, 'no, still failing');
  await say(customer, 'a different error');
  await say(customer, 'now it says 0x800CCC0E');
  await say(customer, 'forget me');

  expect(described(recorded)).toEqual([
    'started choosing entry=pastedError',
    'programChosen steps 1',
    'stepShown steps 1',
    ...[1, 2, 3, 4, 5, 6, 7].flatMap((n) => [`stepCompleted steps ${n}`, `stepShown steps ${n + 1}`]),
    'stepCompleted steps 8',
    'verification verifying result=failed error=0x800ccc0e',
    'handoff verifying reason=verificationFailedDifferent',
    'forgotten handoff',
  ]);
  expect(JSON.stringify(recorded)).not.toMatch(/now it says|still failing/);
});

test('stuck on a step: the help, then a technician at that step', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.join();
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  await say(customer, "I'm stuck");
  await say(customer, "I'm stuck");

  expect(described(recorded).slice(-3)).toEqual(['stepShown steps 2', 'helpAsked steps 2 help=cant', 'handoff steps 2 reason=stuckOnStep']);
});

test('each event says the language the customer was answered in, from the turn it happened in', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'hola, uso outlook express');
  await say(customer, 'listo');
  await say(customer, 'in English please');
  await say(customer, 'done');
  expect(recorded.map((event) => `${event.type} ${event.language}`)).toEqual([
    'started es',
    'programChosen es',
    'stepShown es',
    'stepCompleted es',
    'stepShown es',
    'stepCompleted en',
    'stepShown en',
  ]);
});
