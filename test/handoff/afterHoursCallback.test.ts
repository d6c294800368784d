/**
 * Outside business hours a customer who asks for a technician can leave a phone number: it is recorded on
 * their case, the desk gets the case's card saying whom to call, and the ticket system gets the number.
 */
import { ManualClock } from '../../src/handoff/clock';
import type { HandoffCase } from '../../src/handoff/cases';
import { HttpConversation, RunningStepwise, texts } from '../support/stepwiseServer';
import type { WebhookServer } from '../support/webhookServer';
import { startWeekdayDesk } from '../support/weekdayDesk';

const hours = 'Monday to Friday, 8:00 to 18:00 (America/Chicago)';
const deskId = '19:callbacks@thread.tacv2';

let stepwise: RunningStepwise;
let tickets: WebhookServer;
const clock = new ManualClock('2026-12-05T17:00:00Z'); // a Saturday

beforeAll(async () => {
  ({ stepwise, tickets } = await startWeekdayDesk({ destinations: 'desk,webhook', deskId, ticket: 'INC-90', clock }));
});
afterAll(async () => {
  await stepwise.stop();
  await tickets.stop();
});
beforeEach(() => {
  tickets.calls.length = 0;
  stepwise.connector.take(deskId);
});

const ticketBodies = () => tickets.calls.map((call) => JSON.parse(call.body) as Record<string, unknown>);
async function caseOf(reference: string): Promise<HandoffCase | undefined> {
  return (await stepwise.app.bot.handoff.cases.all()).find((c) => c.reference === reference);
}
/** The status line of the desk card, as its plain-text line shows it. */
const cardLine = (activity: { text?: string }) => /\(([^)]*)\)$/.exec(activity.text ?? '')?.[1];

test('a number given after hours: confirmed with the hours, on the case, on the desk and in the ticket system', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('done');
  const handoff = await customer.say('technician');
  expect(texts(handoff.replies)).toEqual([
    `Our technicians are available ${hours}, so no one can join you right now. If you'd like one of them to call you back then, tell me your phone number. Or call 1-800-232-4335 or email support@airmail.net and quote reference INC-90: they'll see where you got to. To carry on with the steps meanwhile, say continue.`,
  ]);
  expect(handoff.replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Call me back', 'Continue']);
  const reference = ticketBodies()[0].reference as string;
  expect(stepwise.connector.activities(deskId)).toEqual([]);

  // The button, from a customer whose number nobody knows: asked for it.
  const asked = await customer.say('Call me back');
  expect(texts(asked.replies)).toEqual(["What's the best phone number for a technician to call you on? Please start with the area code."]);

  const given = await customer.say('sure, it is (214) 555-0123');
  expect(texts(given.replies)).toEqual([
    `Thank you. A technician will call you at 214-555-0123 when we're open, ${hours}. Your reference is INC-90. To carry on with the steps meanwhile, say continue.`,
  ]);
  expect((await caseOf(reference))?.callback).toEqual({ number: '+12145550123', requestedAt: '2026-12-05T17:00:00.000Z' });
  expect(ticketBodies().at(-1)).toEqual({
    reference,
    caseId: expect.any(String),
    ticket: 'INC-90',
    status: 'callbackRequested',
    callback: { number: '+12145550123', requestedAt: '2026-12-05T17:00:00.000Z' },
  });
  const cards = stepwise.connector.activities(deskId);
  expect(cards).toHaveLength(1);
  expect(cardLine(cards[0])).toBe('Closed outside business hours: call the customer back at 214-555-0123');
  expect(JSON.stringify(cards[0].attachments)).toContain('stuck at step 2 of 8');

  // Anything else: the callback stands, and a different number replaces it.
  const other = await customer.say('how long will it take?');
  expect(texts(other.replies)).toEqual([
    "A technician will call you back when we're open. To give a different number, just tell me it; to carry on with the steps meanwhile, say continue.",
  ]);
  clock.advance(60_000);
  const better = await customer.say('actually call 972 555 0199 instead');
  expect(texts(better.replies)[0]).toMatch(/^Thank you\. A technician will call you at 972-555-0199 when we're open/);
  expect((await caseOf(reference))?.callback?.number).toBe('+19725550199');
  expect(cardLine(stepwise.connector.updates(deskId).at(-1)!)).toBe('Closed outside business hours: call the customer back at 972-555-0199');
  // Each number its own idempotency key: the ticket system takes the second as a new request.
  expect(tickets.calls.slice(-1)[0].headers['idempotency-key']).toMatch(/:callback:\+19725550199$/);

  // "Continue" keeps the callback and goes back to the step.
  const back = await customer.say('continue');
  expect(texts(back.replies)[0]).toBe("Okay, let's carry on with the steps meanwhile. The technician will still call you.");
  expect(texts(back.replies)[1]).toMatch(/^\*\*Step 2 of 8:\*\*/);

  // Asking again while it is still closed: the same case, brought up to date, and no new ticket.
  await customer.say('done');
  const callsBefore = tickets.calls.length;
  const again = await customer.say('I want a technician');
  expect(texts(again.replies)[0]).toMatch(/^Thank you\. A technician will call you at 972-555-0199 when we're open/);
  expect(texts(again.replies)[0]).toContain('Your reference is INC-90.');
  expect(tickets.calls).toHaveLength(callsBefore);
  expect((await caseOf(reference))?.summary.stepReached).toBe('3 of 8');

  // No longer needed: withdrawn; the ticket closes and the desk card says so.
  const cancelled = await customer.say('never mind');
  expect(texts(cancelled.replies)[0]).toBe("Okay, no technician for now. Let's carry on.");
  expect((await caseOf(reference))?.callback).toBeUndefined();
  expect(ticketBodies().at(-1)).toMatchObject({ reference, ticket: 'INC-90', status: 'closed', outcome: 'cancelled' });
  expect(cardLine(stepwise.connector.updates(deskId).at(-1)!)).toBe('Closed');
});

test('"it\'s working now" after leaving a number withdraws the callback', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('technician');
  const reference = ticketBodies()[0].reference as string;
  await customer.say('214 555 0123');
  expect((await caseOf(reference))?.callback?.number).toBe('+12145550123');
  await customer.say("it's working now");
  expect((await caseOf(reference))?.callback).toBeUndefined();
  // Closing its ticket says it all: no separate word about the callback.
  expect(ticketBodies().map((body) => body.status)).toEqual([undefined, 'callbackRequested', 'closed']);
});

test('in Spanish: offered, a number in words understood, confirmed in Spanish', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('hola, uso outlook express');
  const handoff = await customer.say('quiero un técnico');
  expect(texts(handoff.replies)[0]).toMatch(/^Nuestros técnicos atienden .*Si quiere que uno de ellos le llame entonces, dígame su número de teléfono\./);
  expect(handoff.replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Llámenme', 'Continuar']);
  const given = await customer.say('dos uno cuatro cinco cinco cinco cero uno dos tres');
  expect(texts(given.replies)[0]).toMatch(/^Gracias\. Un técnico le llamará al 214-555-0123 cuando abramos, /);
});

test('open again on Monday: a technician request queues as usual, the weekend callback is not offered', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('technician');
  await customer.say('214 555 0123');
  clock.set('2026-12-07T15:30:00Z'); // Monday 9:30 in Chicago
  try {
    const handoff = await customer.say('technician');
    expect(texts(handoff.replies)[0]).toContain("You're number 1 in the queue.");
  } finally {
    clock.set('2026-12-05T17:00:00Z');
  }
});
