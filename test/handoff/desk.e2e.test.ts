import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { HttpConversation, RunningStepwise, startStepwise, texts as replyTexts } from '../support/stepwiseServer';

/**
 * Two parties through the real HTTP endpoint: a customer on Web Chat and technicians in a Teams
 * channel configured as the desk. One local connector receives both sides' replies, including the
 * bot's proactive messages (relay, cards, card updates).
 */
const deskId = '19:desk@thread.tacv2';

/** Reply texts without the @mention that opens every reply in a Teams channel thread (checked once below). */
const mentionPrefix = /^<at>[^<]+<\/at> /;
const texts = (replies: ReceivedActivity[]): string[] => replyTexts(replies).map((text) => text.replace(mentionPrefix, ''));
const alexAad = '6f1c2a3b-0000-4000-8000-00000000a1e7';

let stepwise: RunningStepwise;
beforeEach(async () => {
  stepwise = await startStepwise((connectorUrl) => ({
    HANDOFF_DESTINATIONS: 'protocol,desk',
    DESK_CHANNEL_ID: 'msteams',
    DESK_CONVERSATION_ID: deskId,
    DESK_SERVICE_URL: connectorUrl,
    // Alex is listed by AAD object id, Sam by Teams user id.
    DESK_TECHNICIANS: `${alexAad},29:sam-teams-id`,
  }));
});
afterEach(() => stepwise.stop());

function technician(id: string, name: string, aadObjectId?: string): HttpConversation {
  return new HttpConversation(stepwise, 'msteams', id, {
    conversationId: deskId,
    userName: name,
    userExtra: aadObjectId ? { aadObjectId } : {},
    conversationExtra: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
  });
}

const alex = () => technician('29:alex-teams-id', 'Alex Tech', alexAad);
const sam = () => technician('29:sam-teams-id', 'Sam Support');

async function customerAtStep(step: number, program = 'Outlook Express'): Promise<HttpConversation> {
  const customer = new HttpConversation(stepwise);
  await customer.say(program);
  for (let i = 1; i < step; i++) await customer.say('done');
  return customer;
}

function referenceIn(text: string): string {
  const match = /SW-[2-9A-HJ-NP-Z]{6}/.exec(text);
  if (!match) throw new Error(`no reference in: ${text}`);
  return match[0];
}

/** The desk activities (cards and answers) since the last look. */
function deskInbox(): ReceivedActivity[] {
  return stepwise.connector.take(deskId);
}

function facts(card: ReceivedActivity): Record<string, string> {
  const content = card.attachments![0].content as { body: { type: string; facts?: { title: string; value: string }[] }[] };
  return Object.fromEntries(content.body.find((b) => b.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
}

function lastCardUpdate(): ReceivedActivity {
  const updates = stepwise.connector.updates(deskId);
  return updates[updates.length - 1];
}

const step6 = '**Step 6 of 8:** In the **Account name** box, make sure your full email address is entered. Make sure to include the domain (i.e. **@airmail.net**).';
const step7 = '**Step 7 of 8:** Place a check mark in the **My server requires authentication** option.';

test('a technician takes the case from the card, messages relay both ways, and "resume at step 6" hands the customer back there', async () => {
  const customer = await customerAtStep(6);
  const handoff = await customer.say('please get me a technician');
  expect(handoff.replies.map((a) => a.name ?? a.type)).toEqual(['handoff.initiate', 'stepwise.handoff', 'message']);
  expect(handoff.replies[1].value).toEqual({ state: 'waiting' });
  const reference = referenceIn(texts(handoff.replies)[0]);
  expect(texts(handoff.replies)).toEqual([
    `I'm bringing in a technician. They'll see which step you reached, so you won't have to start again. You're number 1 in the queue. Your reference number is ${reference}. If you'd rather not wait, call 1-800-232-4335 (toll-free) or email support@airmail.net.`,
  ]);

  // The desk gets a card with the procedure-aware summary and a "Take it" button.
  const [card] = deskInbox();
  expect(card.text).toBe(
    `Customer needs help: ${reference}: Outlook Express: stuck at step 6 of 8: Account name. The customer asked for a technician. (Waiting: number 1 in the queue)`,
  );
  expect(facts(card)).toEqual({
    Program: 'Outlook Express',
    Where: 'stuck at step 6 of 8: Account name',
    'Steps done': "5: Open Accounts, Open your account's properties, General tab, Servers tab, Outgoing mail server",
    'Attempts on this step': '0',
    Why: 'The customer asked for a technician.',
    Channel: 'webchat',
    Language: 'English',
    Status: 'Waiting: number 1 in the queue',
  });
  expect((card.attachments![0].content as { actions: unknown[] }).actions).toEqual([
    { type: 'Action.Submit', title: 'Take it', data: { command: `take ${reference}` } },
  ]);

  // Pressing "Take it" in Teams sends the card's data as the activity value.
  const taken = await alex().send({ type: 'message', value: { command: `take ${reference}` } });
  expect(taken.status).toBe(200);
  expect(replyTexts(taken.replies)[0]).toMatch(/^<at>Alex Tech<\/at> You're connected/);
  const connected = texts(taken.replies)[0].split('\n\n');
  expect(connected[0]).toBe(
    `You're connected to the customer for ${reference}. Everything you type here goes to them. Say end when you're done, or resume at step N to hand them back to Stepwise at that step.`,
  );
  expect(connected[1]).toBe('Conversation so far:');
  expect(connected.slice(-3)).toEqual([`Stepwise: ${step6}`, 'Customer: please get me a technician', `Stepwise: ${texts(handoff.replies)[0]}`]);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([
    "Alex from support has joined the chat and can see the steps you've done. They'll never ask for your password.",
  ]);
  expect(facts(lastCardUpdate()).Status).toBe('Taken by Alex Tech');
  expect((lastCardUpdate().attachments![0].content as { actions: unknown[] }).actions).toEqual([]);

  // Technician -> customer.
  const fromAlex = await alex().say('Hi! Which version of Windows do you have?');
  expect(texts(fromAlex.replies)).toEqual([]);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual(['**Alex:** Hi! Which version of Windows do you have?']);

  // Customer -> technician; "done" is for the technician now, it does not move the steps.
  for (const said of ['Windows XP', 'done']) {
    const fromCustomer = await customer.say(said);
    expect(texts(fromCustomer.replies)).toEqual([]);
    expect(texts(deskInbox())).toEqual([`**Customer (${reference}):** ${said}`]);
  }

  const resumed = await alex().say('resume at step 6');
  expect(texts(resumed.replies)).toEqual([`${reference} is back with Stepwise at step 6 of 8: Account name.`]);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual(["Alex has sent you back to step 6. Let's carry on.", step6]);
  expect(facts(lastCardUpdate()).Status).toBe('Closed');

  // Back with the bot: the steps go on from there, and nothing reaches the desk any more.
  const next = await customer.say('done');
  expect(texts(next.replies)).toEqual([step7]);
  expect(deskInbox()).toEqual([]);
  const afterwards = await alex().say('are you there?');
  expect(texts(afterwards.replies)).toEqual([
    "You're not connected to a customer. Desk commands: queue, take next, take SW-XXXXXX, end, resume at step N.",
  ]);
});

test('while queued the customer keeps working through the steps and the technician\'s card follows; "never mind" cancels', async () => {
  const customer = await customerAtStep(6);
  const reference = referenceIn(texts((await customer.say('technician')).replies)[0]);
  deskInbox();

  const waiting = await customer.say('how long will it be?');
  expect(texts(waiting.replies)).toEqual([
    "A technician will join you right here; you're number 1 in the queue. To work on the steps meanwhile, say continue; if you no longer need a technician, say cancel.",
  ]);
  const again = await customer.say('still there?');
  expect(texts(again.replies)).toEqual([
    "Still waiting: you're number 1 in the queue. Say continue to work on the steps meanwhile, or cancel if you no longer need a technician.",
  ]);

  const back = await customer.say('continue');
  expect(texts(back.replies)).toEqual([
    'Okay, carry on with the steps. You keep your place in the queue, and the technician will join you right here. Say cancel if you no longer need one.',
    step6,
  ]);
  const moved = await customer.say('done');
  expect(texts(moved.replies)).toEqual([step7]);
  expect(facts(lastCardUpdate())).toMatchObject({
    Where: 'stuck at step 7 of 8: Require authentication',
    'Steps done': "6: Open Accounts, Open your account's properties, General tab, Servers tab, Outgoing mail server, Account name",
    Status: 'Waiting: number 1 in the queue',
  });

  const queue = await sam().say('queue');
  expect(texts(queue.replies)).toEqual([
    `Waiting customers: 1\n\n1. ${reference}: Outlook Express: stuck at step 7 of 8: Require authentication. The customer asked for a technician.`,
  ]);

  const cancelled = await customer.say('never mind');
  expect(texts(cancelled.replies)).toEqual(["Okay, I've cancelled your request for a technician. Let's carry on.", step7]);
  expect(facts(lastCardUpdate()).Status).toBe('Cancelled by the customer');
  expect(texts((await sam().say('take next')).replies)).toEqual(['No customers are waiting.']);
});

test('"take next" takes the oldest case; "end" sends the customer back to their step; a taken case cannot be taken twice', async () => {
  const first = await customerAtStep(2);
  const firstRef = referenceIn(texts((await first.say('agent')).replies)[0]);
  const second = await customerAtStep(4, 'Outlook 2003');
  const secondNotice = texts((await second.say('agent')).replies)[0];
  expect(secondNotice).toContain("You're number 2 in the queue.");
  const secondRef = referenceIn(secondNotice);
  expect(deskInbox().map((card) => facts(card).Status)).toEqual(['Waiting: number 1 in the queue', 'Waiting: number 2 in the queue']);

  const queue = await sam().say('queue');
  expect(texts(queue.replies)).toEqual([
    `Waiting customers: 2\n\n1. ${firstRef}: Outlook Express: stuck at step 2 of 8: Open your account's properties. The customer asked for a technician.\n\n` +
      `2. ${secondRef}: Microsoft Outlook: stuck at step 4 of 9: Outgoing mail server. The customer asked for a technician.`,
  ]);

  const taken = await sam().say('take next');
  expect(texts(taken.replies)[0]).toMatch(new RegExp(`^You're connected to the customer for ${firstRef}\\.`));
  expect(texts(stepwise.connector.take(first.address.conversationId))).toEqual([
    "Sam from support has joined the chat and can see the steps you've done. They'll never ask for your password.",
  ]);
  // The second customer moved up: their card says so.
  expect(
    stepwise.connector
      .updates(deskId)
      .map((u) => facts(u).Status)
      .slice(-2),
  ).toEqual(['Taken by Sam Support', 'Waiting: number 1 in the queue']);

  expect(texts((await alex().say(`take ${firstRef}`)).replies)).toEqual([`${firstRef} was already taken by Sam Support.`]);
  expect(texts((await sam().say('take next')).replies)).toEqual([`You're already connected to ${firstRef}. Say end first.`]);

  const ended = await sam().say('end');
  expect(texts(ended.replies)).toEqual([`Ended ${firstRef}. The customer is back with Stepwise.`]);
  expect(texts(stepwise.connector.take(first.address.conversationId))).toEqual([
    "Sam has left the chat. Let's carry on from where you left off.",
    "**Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.",
  ]);
  expect(texts((await first.say('done')).replies)).toEqual(['**Step 3 of 8:** Click on the **General** tab.']);

  // Alex takes the other one by reference; the customer ends the chat from their side.
  expect(texts((await alex().say(`take ${secondRef.toLowerCase()}`)).replies)[0]).toMatch(new RegExp(`^You're connected to the customer for ${secondRef}\\.`));
  stepwise.connector.take(second.address.conversationId);
  const left = await second.say('end chat');
  expect(texts(left.replies)).toEqual([
    "Okay, I've ended the chat with the technician. Let's carry on.",
    '**Step 4 of 9:** In the **Outgoing mail server (SMTP)** box, make sure the server entered is **smtp.airmail.net**.',
  ]);
  expect(texts(deskInbox()).slice(-1)).toEqual([`The customer ended the chat for ${secondRef}. They're back with Stepwise.`]);
});

test('"resume at step N" outside the procedure\'s range is refused and the chat goes on', async () => {
  const customer = await customerAtStep(3);
  await customer.say('technician');
  await alex().say('take next');
  stepwise.connector.take(customer.address.conversationId);

  expect(texts((await alex().say('resume at step 12')).replies)).toEqual(['Give a step from 1 to 8, for example: resume at step 3.']);
  expect(texts((await alex().say('resume at step x')).replies)).toEqual(['Give a step from 1 to 8, for example: resume at step 3.']);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([]);
  expect(texts((await alex().say('resume at step 1')).replies)[0]).toMatch(/is back with Stepwise at step 1 of 8: Open Accounts\.$/);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([
    "Alex has sent you back to step 1. Let's carry on.",
    '**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.',
  ]);
});

test('only configured technicians can use the desk: a name is not an identity, and customers cannot send desk commands', async () => {
  const customer = await customerAtStep(6);
  const reference = referenceIn(texts((await customer.say('technician')).replies)[0]);
  deskInbox();
  await customer.say('continue');

  // Someone else in the Teams channel, even using a technician's display name.
  const impostor = technician('29:someone-else', 'Alex Tech', '99999999-0000-4000-8000-000000000000');
  for (const attempt of ['take next', 'queue', `take ${reference}`]) {
    const refused = await impostor.say(attempt);
    expect(texts(refused.replies)).toEqual(["Sorry, only the support technicians listed in Stepwise's settings can use desk commands."]);
  }
  const pressed = await impostor.send({ type: 'message', value: { command: `take ${reference}` } });
  expect(texts(pressed.replies)).toEqual(["Sorry, only the support technicians listed in Stepwise's settings can use desk commands."]);

  // A customer on Web Chat claiming to be the technician: it is just conversation, the case stays queued.
  const claim = await new HttpConversation(stepwise, 'webchat', '29:sam-teams-id', { userName: 'Sam Support' }).say('take next');
  expect(texts(claim.replies)[0]).toMatch(/^Hi, I'm Stepwise/);
  const forged = await customer.send({ type: 'message', value: { command: `take ${reference}` } });
  // Read as text it is no desk command: at most a question whether they meant to start over, never a take.
  expect(texts(forged.replies)).toEqual(["Sorry, I'm not sure what you mean. Is it one of these?"]);

  expect(stepwise.connector.updates(deskId).map((u) => facts(u).Status)).not.toContain('Taken by Alex Tech');
  expect(texts((await sam().say('queue')).replies)[0]).toMatch(/^Waiting customers: 1\n\n1\. SW-/);
  expect(stepwise.logLines.filter((line) => line.includes('desk command refused'))).toHaveLength(4);
});

test('a customer helped in Spanish: the card says so in English, and the technician joins them in Spanish', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('hola, uso outlook express');
  await customer.say('listo');
  const handoff = await customer.say('quiero hablar con un técnico');
  const reference = referenceIn(texts(handoff.replies)[0]);
  expect(texts(handoff.replies)[0]).toMatch(/^Voy a llamar a un técnico\./);

  const [card] = deskInbox();
  expect(facts(card)).toMatchObject({ Program: 'Outlook Express', Where: "stuck at step 2 of 8: Open your account's properties", Language: 'Spanish' });

  await alex().send({ type: 'message', value: { command: `take ${reference}` } });
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([
    'Alex, de soporte técnico, se unió al chat y puede ver los pasos que ya hizo. Nunca le pedirá su contraseña.',
  ]);
  // The technician may write in either language: their words are relayed as they are.
  await alex().say('Hola, ¿qué versión de Windows tiene?');
  const relayed = stepwise.connector.take(customer.address.conversationId);
  expect(texts(relayed)).toEqual(['**Alex:** Hola, ¿qué versión de Windows tiene?']);
  expect((relayed[0] as { locale?: string }).locale).toBe('es-US');

  await alex().say('end');
  const after = texts(stepwise.connector.take(customer.address.conversationId));
  expect(after[0]).toBe('Alex salió del chat. Sigamos desde donde se quedó.');
  expect(after[1]).toMatch(/^\*\*Paso 2 de 8:\*\*/);
});
