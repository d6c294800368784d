import { MemoryStorage } from 'botbuilder';
import { MemoryTimerQueue, memoryTimersOf } from '../../src/timers/memoryTimerQueue';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';
import { WebhookServer } from '../support/webhookServer';

/**
 * A password typed anywhere in a handoff never leaves the bot: not in the protocol event and its
 * transcript, the desk card and its updates, relayed messages, the webhook body, the logs, the
 * transcripts or what is stored.
 */
const secret = 'Hunter2SecretXyz';
const deskId = '19:desk@thread.tacv2';
/** The warning, then (on a step) where the customer still is. */
const warning = expect.stringMatching(
  /^Please don't type your password here: I've hidden it, and Internet America will never ask for it in chat\. The steps only need your email address\./,
) as unknown as string;

let stepwise: RunningStepwise;
let tickets: WebhookServer;
const storage = new MemoryStorage();

beforeAll(async () => {
  tickets = new WebhookServer([{ status: 503 }, { status: 201, body: { ticket: 'TCK-9' } }]);
  const webhookUrl = await tickets.start();
  stepwise = await startStepwise(
    (connectorUrl) => ({
      LOG_LEVEL: 'debug',
      HANDOFF_DESTINATIONS: 'protocol,desk,webhook',
      DESK_CONVERSATION_ID: deskId,
      DESK_SERVICE_URL: connectorUrl,
      DESK_TECHNICIANS: '29:sam',
      WEBHOOK_URL: webhookUrl,
    }),
    { storage, sleep: async () => undefined },
  );
});
afterAll(async () => {
  await stepwise.stop();
  await tickets.stop();
});

test('the password string appears nowhere the bot sends, stores or logs during a handoff', async () => {
  const customer = new HttpConversation(stepwise);
  const sam = new HttpConversation(stepwise, 'msteams', '29:sam', { conversationId: deskId, userName: 'Sam Support' });
  await customer.say('Outlook Express');
  for (let i = 0; i < 4; i++) await customer.say('done');

  // Before the handoff: masked, warned, and not a step forward.
  expect(texts((await customer.say(`my password is ${secret}`)).replies)).toEqual([warning]);
  expect(texts((await customer.say(secret)).replies)).toEqual([warning]);

  const handoff = await customer.say('technician');
  const event = handoff.replies.find((a) => a.type === 'event')!;
  expect((event.value as { recentCustomerMessages: string[] }).recentCustomerMessages).toEqual([
    'done',
    'done',
    'my password is [password hidden]',
    '[password hidden]',
    'technician',
  ]);
  const [card] = stepwise.connector.activities(deskId);
  // The card shows customer text literally: its brackets are escaped for markdown.
  expect(JSON.stringify(card.attachments)).toContain(JSON.stringify('my password is \\[password hidden\\]').slice(1, -1));
  expect(JSON.parse(tickets.calls[1].body).summary.recentCustomerMessages).toContain('my password is [password hidden]');

  // While queued (working on the steps) and while connected: warned, never relayed.
  await customer.say('continue');
  expect(texts((await customer.say(`pw: ${secret}`)).replies)).toEqual([warning]);
  await sam.say('take next');
  stepwise.connector.take(customer.address.conversationId);
  stepwise.connector.take(deskId);
  expect(texts((await customer.say(`the password is ${secret}`)).replies)).toEqual([warning]);
  expect(stepwise.connector.take(deskId)).toEqual([]);

  // A technician who types it gets it masked on the way to the customer.
  await sam.say(`Is your password ${secret}?`);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual(['**Sam:** Is your password [password hidden]?']);
  await sam.say('end');

  const stored = await storage.read(['stepwise/handoff/cases', `webchat/conversations/${customer.address.conversationId}`]);
  const timers = new MemoryTimerQueue(memoryTimersOf(storage), () => Date.now(), 0).pending();
  const everything = JSON.stringify([
    stepwise.connector.activities(customer.address.conversationId),
    stepwise.connector.activities(deskId),
    stepwise.connector.updates(deskId),
    handoff.replies,
    tickets.calls,
    stepwise.logLines,
    await stepwise.app.bot.transcripts.getTranscriptActivities('webchat', customer.address.conversationId),
    await stepwise.app.bot.transcripts.getTranscriptActivities('msteams', deskId),
    stored,
    timers,
  ]);
  expect(everything).toContain('[password hidden]');
  expect(everything).not.toContain(secret);
});
