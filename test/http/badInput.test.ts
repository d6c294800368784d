import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

let stepwise: RunningStepwise;
let conversation: HttpConversation;

const step3 = '**Step 3 of 8:** Click on the **General** tab.';
const step4 = '**Step 4 of 8:** Click on the **Servers** tab.';
const reminder = "Sorry, I didn't understand that. When you've finished step 3, say done; or ask me anything about it.";

beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

beforeEach(async () => {
  conversation = new HttpConversation(stepwise);
  await conversation.say('Outlook Express');
  await conversation.say('done');
  const atStep3 = await conversation.say('done');
  expect(texts(atStep3.replies)).toEqual([step3]);
});

async function expectStillAtStep3(): Promise<void> {
  const repeat = await conversation.say('repeat');
  expect(texts(repeat.replies)).toEqual([step3]);
  const next = await conversation.say('done');
  expect(texts(next.replies)).toEqual([step4]);
}

test('malformed JSON gets 400 and no reply', async () => {
  const result = await conversation.raw('{"type": "message", "text": ');
  expect(result.status).toBe(400);
  expect(result.replies).toEqual([]);
  await expectStillAtStep3();
});

test('an empty body gets 400', async () => {
  const result = await conversation.raw('');
  expect(result.status).toBe(400);
  await expectStillAtStep3();
});

test('a JSON array or a non-JSON content type gets 4xx', async () => {
  expect((await conversation.raw('[1,2,3]')).status).toBe(400);
  const text = await conversation.raw('done', 'text/plain');
  expect(text.status).toBeGreaterThanOrEqual(400);
  expect(text.status).toBeLessThan(500);
  await expectStillAtStep3();
});

test('an activity without a type gets 400', async () => {
  const result = await conversation.send({ type: undefined, text: 'done' });
  expect(result.status).toBe(400);
  await expectStillAtStep3();
});

test('empty text is answered with a reminder and does not advance', async () => {
  const result = await conversation.send({ type: 'message', text: '' });
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual(['I can only read text messages. When you\'ve finished step 3, type done.']);
  await expectStillAtStep3();
});

test('a picture alone is answered kindly (what to type instead) and does not advance', async () => {
  const result = await conversation.send({
    type: 'message',
    attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/screenshot.png', name: 'screenshot.png' }],
  });
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual([
    "Thanks for the picture. I can't see pictures, though, so please type what it shows: an error's number (like 550) or its first few words are enough.\n\n" +
      "You're still on step 3 of 8: General tab. Say done when it's finished.",
  ]);
  await expectStillAtStep3();
});

test('100 KB of text is not echoed back and does not advance', async () => {
  const huge = 'x'.repeat(100 * 1024);
  const result = await conversation.say(huge);
  expect(result.status).toBe(200);
  expect(texts(result.replies)).toEqual([reminder]);
  for (const reply of result.replies) expect(JSON.stringify(reply).length).toBeLessThan(5000);
  await expectStillAtStep3();
});

test.each(['typing', 'messageReaction', 'endOfConversation', 'installationUpdate', 'somethingNew'])(
  'a %s activity is accepted quietly and does not advance',
  async (type) => {
    const result = await conversation.send({ type, reactionsAdded: type === 'messageReaction' ? [{ type: 'like' }] : undefined });
    expect(result.status).toBeLessThan(300);
    expect(texts(result.replies)).toEqual([]);
    await expectStillAtStep3();
  },
);

test('an activity without a conversation gets 400, never 5xx', async () => {
  const response = await fetch(stepwise.botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'done', channelId: 'webchat', serviceUrl: stepwise.connector.serviceUrl }),
  });
  expect(response.status).toBe(400);
  await expectStillAtStep3();
});

test('unknown routes get 404', async () => {
  const response = await fetch(`${stepwise.baseUrl}/nope`);
  expect(response.status).toBe(404);
});
