import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

const secret = 'Hunter2SecretXyz';
let stepwise: RunningStepwise;

beforeAll(async () => {
  stepwise = await startStepwise({ LOG_LEVEL: 'debug' });
});
afterAll(() => stepwise.stop());

test('a typed password is masked, the customer is warned, and it appears nowhere the bot sends, stores or logs', async () => {
  const conversation = new HttpConversation(stepwise);
  await conversation.say('Outlook Express');
  await conversation.say('done');

  const warned = await conversation.say(`my password is ${secret}`);
  expect(texts(warned.replies)).toEqual([
    "Please don't type your password here: I've hidden it, and Internet America will never ask for it in chat. The steps only need your email address.\n\nYou're still on step 2 of 8: Open your account's properties. Say done when it's finished.",
  ]);

  const stillAtStep2 = await conversation.say('repeat');
  expect(texts(stillAtStep2.replies)[0]).toMatch(/^\*\*Step 2 of 8:\*\*/);

  const handoff = await conversation.say('technician');
  const event = handoff.replies.find((a) => a.type === 'event');
  expect(event?.name).toBe('handoff.initiate');
  const transcriptTexts = JSON.stringify(event?.attachments);
  expect(transcriptTexts).toContain('my password is [password hidden]');

  const everything = JSON.stringify([
    stepwise.connector.activities(conversation.address.conversationId),
    handoff.replies,
    stepwise.logLines,
    await stepwise.app.bot.transcripts.getTranscriptActivities('webchat', conversation.address.conversationId),
  ]);
  expect(everything).not.toContain(secret);
});
