import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * Channels and client libraries often write an optional field as null instead of leaving it out.
 * Null there means absent: the activity is processed as if the field were missing, never refused.
 */
let stepwise: RunningStepwise;
let conversation: HttpConversation;

const step3 = '**Step 3 of 8:** Click on the **General** tab.';
const step4 = '**Step 4 of 8:** Click on the **Servers** tab.';
const pictureAnswer =
  "Thanks for the picture. I can't see pictures, though, so please type what it shows: an error's number (like 550) or its first few words are enough.\n\n" +
  "You're still on step 3 of 8: General tab. Say done when it's finished.";
const screenshot = { contentType: 'image/png', contentUrl: 'http://127.0.0.1/screenshot.png', name: 'screenshot.png' };

beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

beforeEach(async () => {
  conversation = new HttpConversation(stepwise);
  await conversation.say('Outlook Express');
  await conversation.say('done');
  expect(texts((await conversation.say('done')).replies)).toEqual([step3]);
});

async function expectStillAtStep3(): Promise<void> {
  expect(texts((await conversation.say('repeat')).replies)).toEqual([step3]);
}

test('an image with "text": null is answered kindly (200: the bot cannot see pictures, type what it shows), and the step is kept', async () => {
  const result = await conversation.send({ type: 'message', text: null, attachments: [screenshot] });
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual([pictureAnswer]);
  await expectStillAtStep3();
});

test('an image with null text, locale, replyToId, entities, channelData, timestamp and from.name: the same answer', async () => {
  const result = await conversation.send({
    type: 'message',
    text: null,
    locale: null,
    replyToId: null,
    entities: null,
    channelData: null,
    timestamp: null,
    from: { id: conversation.address.userId, name: null },
    attachments: [{ ...screenshot, name: null }],
  });
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual([pictureAnswer]);
  await expectStillAtStep3();
});

test.each([
  ['locale', { locale: null }],
  ['replyToId', { replyToId: null }],
  ['entities', { entities: null }],
  ['channelData', { channelData: null }],
  ['timestamp', { timestamp: null }],
  ['localTimestamp', { localTimestamp: null }],
  ['textFormat', { textFormat: null }],
  ['attachments', { attachments: null }],
  ['recipient.name', { recipient: { id: 'stepwise', name: null } }],
  ['conversation.tenantId', { conversation: { id: 'filled in below', tenantId: null } }],
])('"done" with %s null advances exactly as without it', async (_field, extra: Record<string, unknown>) => {
  if ('conversation' in extra) extra = { conversation: { id: conversation.address.conversationId, tenantId: null } };
  const result = await conversation.send({ type: 'message', text: 'done', ...extra });
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual([step4]);
});

test('"done" with from.name null advances', async () => {
  const result = await conversation.send({ type: 'message', text: 'done', from: { id: conversation.address.userId, name: null, role: null } });
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual([step4]);
});

test('null in a required field is still refused with 400 and a one-line reason, and the step is kept', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ type: null }, 'Invalid activity: type invalid input: expected string, received null.'],
    [{ from: { id: null } }, 'Invalid activity: from.id invalid input: expected string, received null.'],
  ];
  for (const [extra, error] of cases) {
    const result = await conversation.send({ text: 'done', type: 'message', ...extra });
    expect(result.status).toBe(400);
    expect(result.replies).toEqual([]);
    const response = await fetch(stepwise.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'done',
        channelId: 'webchat',
        serviceUrl: stepwise.connector.serviceUrl,
        conversation: { id: conversation.address.conversationId },
        from: { id: conversation.address.userId },
        ...extra,
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
  }
  await expectStillAtStep3();
});
