import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/** The Bot Framework handoff protocol (the default destination): handoff.initiate out, handoff.status in. */
let stepwise: RunningStepwise;
beforeAll(async () => {
  // The contact centre's handoff.status events arrive on the customers' channel here.
  stepwise = await startStepwise({ HANDOFF_STATUS_CHANNELS: 'webchat' });
});
afterAll(() => stepwise.stop());

const step6 = '**Step 6 of 8:** In the **Account name** box, make sure your full email address is entered. Make sure to include the domain (i.e. **@airmail.net**).';

async function handedOffAtStep6(): Promise<{ customer: HttpConversation; reference: string; summary: Record<string, unknown> }> {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  for (let i = 0; i < 5; i++) await customer.say('done');
  const handoff = await customer.say('I need a technician');
  const event = handoff.replies.find((a) => a.type === 'event')!;
  expect(event.name).toBe('handoff.initiate');
  const summary = event.value as Record<string, unknown>;
  return { customer, reference: summary.reference as string, summary };
}

function status(customer: HttpConversation, value: unknown) {
  return customer.send({ type: 'event', name: 'handoff.status', value });
}

test('handoff.initiate carries the procedure-aware summary with the reference the customer is given', async () => {
  const { summary, reference } = await handedOffAtStep6();
  expect(reference).toMatch(/^SW-[2-9A-HJ-NP-Z]{6}$/);
  expect(summary).toMatchObject({
    reference,
    client: 'Outlook Express',
    stepReached: '6 of 8',
    step: { number: 6, total: 8, title: 'Account name' },
    stepsCompleted: 5,
    reason: 'customerAsked',
    where: 'stuck at step 6 of 8: Account name',
    headline: 'Outlook Express: stuck at step 6 of 8: Account name. The customer asked for a technician.',
  });
});

test('accepted: the customer is told a technician has joined; completed: back at the step they were on', async () => {
  const { customer } = await handedOffAtStep6();

  const accepted = await status(customer, { state: 'accepted' });
  expect(accepted.status).toBe(200);
  expect(texts(accepted.replies)).toEqual(['A technician has joined the conversation.']);

  const completed = await status(customer, { state: 'completed', message: 'Resolved by agent' });
  expect(texts(completed.replies)).toEqual(["The technician has finished. Let's carry on from where you left off.", step6]);

  const next = await customer.say('done');
  expect(texts(next.replies)).toEqual(['**Step 7 of 8:** Place a check mark in the **My server requires authentication** option.']);
});

test('failed: the customer gets phone, email and the reference, and can go back to the steps', async () => {
  const { customer, reference } = await handedOffAtStep6();

  const failed = await status(customer, { state: 'failed', message: 'No agents available' });
  expect(texts(failed.replies)).toEqual([
    `Sorry, I couldn't connect you to a technician. Please call 1-800-232-4335 or email support@airmail.net and quote reference ${reference}. To carry on with the steps meanwhile, say continue.`,
  ]);
  expect(failed.replies[0]).toMatchObject({ type: 'event', name: 'stepwise.handoff', value: { state: 'closed' } });
  expect(failed.replies[1].suggestedActions?.actions.map((a) => a.title)).toEqual(['Continue']);

  const back = await customer.say('continue');
  expect(texts(back.replies)).toEqual(["Okay, no technician for now. Let's carry on.", step6]);
  // The step is live again: done moves on.
  expect(texts((await customer.say('done')).replies)).toEqual(['**Step 7 of 8:** Place a check mark in the **My server requires authentication** option.']);

  // A new request is a new case.
  const again = await customer.say('technician');
  const event = again.replies.find((a) => a.type === 'event')!;
  expect((event.value as { reference: string }).reference).not.toBe(reference);
});

test('completed before a program was chosen: the customer is asked which program they use', async () => {
  const customer = new HttpConversation(stepwise);
  expect(texts((await customer.say('I use Thunderbird')).replies)[0]).toMatch(/^Hi, I'm Stepwise.* I don't have steps written for Thunderbird/);
  const handoff = await customer.say('Talk to a technician');
  expect(handoff.replies.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);

  const completed = await status(customer, { state: 'completed' });
  expect(texts(completed.replies)).toEqual([
    'The technician has finished. If you still need to fix your mail settings, I can guide you. Which mail program do you use?',
  ]);
  expect(completed.replies[0]).toMatchObject({ type: 'event', name: 'stepwise.handoff', value: { state: 'closed' } });
  expect(completed.replies[1].suggestedActions?.actions.map((a) => a.title)).toEqual(['Outlook Express', 'Microsoft Outlook', 'Another program', 'Español']);
  const chosen = await customer.say('Outlook 2003');
  expect(texts(chosen.replies)).toEqual([
    "Let's fix Microsoft Outlook. There are 9 steps; tell me when each one is done.",
    '**Step 1 of 9:** Click on the **Tools** menu, then choose **E-mail Accounts**.',
  ]);
});

test('a handoff.status with an unknown state is ignored quietly and changes nothing', async () => {
  const { customer } = await handedOffAtStep6();
  const odd = await status(customer, { state: 'transferred' });
  expect(odd.status).toBe(200);
  expect(texts(odd.replies)).toEqual([]);
  const back = await customer.say('continue');
  expect(texts(back.replies)).toEqual(["Okay, no technician for now. Let's carry on.", step6]);
  expect(stepwise.logLines.some((line) => line.includes('handoff.status ignored: unknown state'))).toBe(true);
});
