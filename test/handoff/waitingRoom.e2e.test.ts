/**
 * The waiting room through the real HTTP endpoint: a customer on Web Chat (or a caller) waiting for a technician
 * cancels, fixes it on their own, or talks to a technician who joined; and what every destination is told
 * (the contact centre's handoff.status event, the desk card, the ticket system).
 */
import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { fill } from '../../src/content/placeholders';
import type { HandoffMessageName } from '../../src/content/schema';
import { HttpConversation, RunningStepwise, startStepwise, texts as replyTexts } from '../support/stepwiseServer';
import { WebhookServer } from '../support/webhookServer';
import { parseXml, textOf } from '../support/xml';

const content = loadContent(loadConfig({}).isp);
const say = (name: HandoffMessageName, values: Record<string, string | number> = {}) => fill(content.messages.handoff[name], values);
const texts = (replies: ReceivedActivity[]): string[] => replyTexts(replies).map((text) => text.replace(/^<at>[^<]+<\/at> /, ''));

const step6 = '**Step 6 of 8:** In the **Account name** box, make sure your full email address is entered. Make sure to include the domain (i.e. **@airmail.net**).';
const step7 = '**Step 7 of 8:** Place a check mark in the **My server requires authentication** option.';
const cancelled = "Okay, I've cancelled your request for a technician. Let's carry on.";
const fixedCancelled =
  "That's great news, well done for getting it working! I've cancelled your request for a technician. If anything else comes up, come back any time: just send a message here.";

let stepwise: RunningStepwise;
afterEach(() => stepwise.stop());

async function waitingAtStep6(): Promise<{ customer: HttpConversation; reference: string; notice: string }> {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  for (let i = 1; i < 6; i++) await customer.say('done');
  const handoff = await customer.say('I need a technician');
  const notice = texts(handoff.replies)[0];
  // Every setup here has the protocol destination: its event carries the reference (the notice may give a ticket number instead).
  const reference = (handoff.replies.find((a) => a.name === 'handoff.initiate')?.value as { reference?: string } | undefined)?.reference;
  if (!reference) throw new Error(`no handoff.initiate event with a reference: ${notice}`);
  return { customer, reference, notice };
}

function statusEvents(replies: ReceivedActivity[]): ReceivedActivity[] {
  return replies.filter((a) => a.type === 'event' && a.name === 'handoff.status');
}

function status(customer: HttpConversation, state: string) {
  return customer.send({ type: 'event', name: 'handoff.status', value: { state } });
}

describe('the protocol destination (a contact centre)', () => {
  beforeEach(async () => {
    // The contact centre's handoff.status events arrive on the customers' channel here.
    stepwise = await startStepwise({ HANDOFF_STATUS_CHANNELS: 'webchat' });
  });

  test('"forget it" cancels: the customer is told, the contact centre gets handoff.status completed, and the step is live again', async () => {
    const { customer, reference } = await waitingAtStep6();
    const turn = await customer.say('forget it');
    expect(turn.replies.map((a) => a.name ?? a.type)).toEqual(['stepwise.handoff', 'handoff.status', 'message', 'message']);
    expect(turn.replies[0].value).toEqual({ state: 'closed' });
    expect(statusEvents(turn.replies).map((a) => a.value)).toEqual([{ state: 'completed', message: 'Cancelled by the customer', reference, outcome: 'cancelled' }]);
    expect(texts(turn.replies)).toEqual([cancelled, step6]);
    expect(texts((await customer.say('done')).replies)).toEqual([step7]);
  });

  test('"I figured it out": congratulated, the request cancelled, the contact centre told the customer fixed it', async () => {
    const { customer, reference } = await waitingAtStep6();
    const turn = await customer.say('I figured it out');
    expect(statusEvents(turn.replies).map((a) => a.value)).toEqual([
      { state: 'completed', message: 'The customer fixed it on their own', reference, outcome: 'resolved' },
    ]);
    expect(texts(turn.replies)).toEqual([fixedCancelled]);
    expect(texts((await customer.say('thanks')).replies)).toEqual([content.messages.completedAlready]);
  });

  test('"forget me" while waiting deletes the customer\'s data; the contact centre gets no cancellation for it', async () => {
    const { customer } = await waitingAtStep6();
    const turn = await customer.say('forget me');
    expect(texts(turn.replies)).toEqual([content.messages.forgotten]);
    expect(statusEvents(turn.replies)).toEqual([]);
    // A new start: the greeting, not the step.
    expect(texts((await customer.say('hi')).replies)[0]).toMatch(/^Hi, I'm Stepwise/);
  });

  test('the waiting reminder: once in full, then short; both say how to carry on alone and how to cancel', async () => {
    const { customer } = await waitingAtStep6();
    expect(texts((await customer.say('how long will it be?')).replies)).toEqual([
      'A technician has your details and will reply here. To carry on with the steps on your own instead, say continue; if you no longer need a technician, say cancel.',
    ]);
    expect(texts((await customer.say('done')).replies)).toEqual([
      'Still waiting for a technician. Say continue to carry on with the steps on your own, or cancel if you no longer need one.',
    ]);
  });

  test('after "accepted" the bot answers nothing for the technician; "end chat" hands the customer back and tells the contact centre', async () => {
    const { customer, reference } = await waitingAtStep6();
    expect(texts((await status(customer, 'accepted')).replies)).toEqual(['A technician has joined the conversation.']);

    for (const said of ['done', 'hello?', 'technician', "it's working now"]) {
      const turn = await customer.say(said);
      expect(turn.status).toBe(200);
      expect(turn.replies).toEqual([]);
    }

    const ended = await customer.say('end chat');
    expect(statusEvents(ended.replies).map((a) => a.value)).toEqual([
      { state: 'completed', message: `The customer ended the chat for ${reference}. They're back with Stepwise.`, reference, outcome: 'customerEnded' },
    ]);
    expect(texts(ended.replies)).toEqual(["Okay, I've ended the chat with the technician. Let's carry on.", step6]);
  });

  test('after "failed" nothing says a technician will reply: phone, email and the reference, and "continue" goes back to the steps', async () => {
    const { customer, reference } = await waitingAtStep6();
    await status(customer, 'failed');
    const noTechnician = `No technician can join you here right now. Please call 1-800-232-4335 or email support@airmail.net and quote reference ${reference}. To carry on with the steps on your own, say continue.`;
    for (const said of ['done', 'technician']) {
      const turn = await customer.say(said);
      expect(texts(turn.replies)).toEqual([noTechnician]);
      expect(turn.replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Continue']);
    }
    expect(texts((await customer.say('continue')).replies)).toEqual(["Okay, no technician for now. Let's carry on.", step6]);
    expect(texts((await customer.say('done')).replies)).toEqual([step7]);
  });

  test('a technician asked for before a program was chosen: the message claims no step, written or spoken', async () => {
    const customer = new HttpConversation(stepwise);
    await customer.say('hi');
    const handoff = await customer.say('technician');
    expect(texts(handoff.replies)).toEqual([
      expect.stringMatching(
        /^I'm bringing in a technician\. They'll see our conversation so far, so you won't have to repeat yourself\. Your reference number is SW-[2-9A-HJ-NP-Z]{6}\. If you'd rather not wait, call 1-800-232-4335 \(toll-free\) or email support@airmail\.net\.$/,
      ),
    ]);

    const caller = new HttpConversation(stepwise, 'telephony', '+12145550199');
    await caller.join();
    const spoken = (await caller.send({ type: 'message', text: '0', entities: [{ type: 'DTMF', tone: '0' }] })).replies.find((a) => a.type === 'message')!;
    expect(textOf(parseXml(spoken.speak!))).toBe(
      "I'm connecting you to a technician now, so please stay on the line. They'll see our conversation so far. If the call drops, call us at 1-800-232-4335.",
    );
  });
});

describe('the desk', () => {
  const deskId = '19:desk@thread.tacv2';
  beforeEach(async () => {
    stepwise = await startStepwise((connectorUrl) => ({
      HANDOFF_DESTINATIONS: 'protocol,desk',
      DESK_CHANNEL_ID: 'msteams',
      DESK_CONVERSATION_ID: deskId,
      DESK_SERVICE_URL: connectorUrl,
      DESK_TECHNICIANS: '29:sam-teams-id',
      HANDOFF_STATUS_CHANNELS: 'webchat',
    }));
  });

  const sam = () =>
    new HttpConversation(stepwise, 'msteams', '29:sam-teams-id', {
      conversationId: deskId,
      userName: 'Sam Support',
      conversationExtra: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
    });

  function cardStatus(): string {
    const updates = stepwise.connector.updates(deskId);
    const card = updates[updates.length - 1].attachments![0].content as { body: { type: string; facts?: { title: string; value: string }[] }[] };
    return card.body.find((b) => b.type === 'FactSet')!.facts!.find((f) => f.title === 'Status')!.value;
  }

  test('"it\'s working now" while queued: the card says the customer fixed it on their own, and nobody is waiting', async () => {
    const { customer } = await waitingAtStep6();
    expect(texts((await customer.say("it's working now")).replies)).toEqual([fixedCancelled]);
    expect(cardStatus()).toBe('The customer fixed it on their own');
    stepwise.connector.take(deskId);
    expect(texts((await sam().say('take next')).replies)).toEqual(['No customers are waiting.']);
  });

  test('"forget it" while queued, also after going back to the steps: the card says cancelled', async () => {
    const { customer } = await waitingAtStep6();
    await customer.say('continue');
    expect(texts((await customer.say('forget it')).replies)).toEqual([cancelled, step6]);
    expect(cardStatus()).toBe('Cancelled by the customer');
  });

  test('with a desk technician everything goes to the technician only; "cancel" as the whole message ends the chat', async () => {
    const { customer, reference } = await waitingAtStep6();
    await sam().say('take next');
    stepwise.connector.take(customer.address.conversationId);
    stepwise.connector.take(deskId);

    for (const said of ["it's working now", 'how do I cancel this box?', 'technician']) {
      const turn = await customer.say(said);
      expect(turn.replies).toEqual([]);
      expect(texts(stepwise.connector.take(deskId))).toEqual([`**Customer (${reference}):** ${said}`]);
    }

    const ended = await customer.say('cancel');
    expect(texts(ended.replies)).toEqual(["Okay, I've ended the chat with the technician. Let's carry on.", step6]);
    expect(texts(stepwise.connector.take(deskId))).toEqual([`The customer ended the chat for ${reference}. They're back with Stepwise.`]);
    expect(cardStatus()).toBe('Closed');
  });
});

describe('the ticket webhook', () => {
  let tickets: WebhookServer;
  beforeEach(async () => {
    tickets = new WebhookServer([{ status: 201, body: { ticket: 'TCK-7' } }]);
    const url = await tickets.start();
    stepwise = await startStepwise({ HANDOFF_DESTINATIONS: 'protocol,webhook', WEBHOOK_URL: url, HANDOFF_STATUS_CHANNELS: 'webchat' }, { sleep: async () => undefined });
  });
  afterEach(() => tickets.stop());

  test.each([
    ['never mind', 'cancelled', 'Cancelled by the customer'],
    ['I fixed it', 'resolved', 'The customer fixed it on their own'],
  ])('"%s" tells the ticket system the case is closed (%s), under its own idempotency key', async (said, outcome, message) => {
    const { customer, reference } = await waitingAtStep6();
    expect(tickets.calls).toHaveLength(1);
    const caseId = JSON.parse(tickets.calls[0].body).caseId as string;

    await customer.say(said);
    expect(tickets.calls).toHaveLength(2);
    const close = tickets.calls[1];
    expect(close.headers['idempotency-key']).toBe(`${caseId}:closed`);
    expect(JSON.parse(close.body)).toEqual({ reference, caseId, ticket: 'TCK-7', status: 'closed', outcome, message, closedAt: expect.any(String) });

    // Told once: nothing more goes to the ticket system.
    await customer.say('hello');
    expect(tickets.calls).toHaveLength(2);
  });

  test('after "failed" (the ticket still open) "I fixed it" closes the ticket too', async () => {
    const { customer } = await waitingAtStep6();
    await status(customer, 'failed');
    expect(texts((await customer.say('I fixed it')).replies)).toEqual([say('fixed')]);
    expect(JSON.parse(tickets.calls[1].body)).toMatchObject({ status: 'closed', outcome: 'resolved' });
  });
});
