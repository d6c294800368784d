import { outlookExpressSteps } from '../support/expectedSteps';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());


test('a whole Outlook Express conversation over POST /api/messages, one step per turn, in the seed order', async () => {
  const conversation = new HttpConversation(stepwise);

  const greeting = await conversation.join();
  expect(greeting.status).toBe(200);
  expect(texts(greeting.replies)).toEqual([
    "Hi, I'm Stepwise, the Internet America mail helper. \"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use?",
  ]);
  expect(greeting.replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Outlook Express', 'Microsoft Outlook', 'Another program', 'Español']);

  const chosen = await conversation.say('Outlook Express');
  expect(texts(chosen.replies)).toEqual(["Let's fix Outlook Express. There are 8 steps; tell me when each one is done.", outlookExpressSteps[0]]);

  const seen = [texts(chosen.replies)[1]];
  for (let i = 1; i < outlookExpressSteps.length; i++) {
    const turn = await conversation.say('done');
    expect(turn.status).toBe(200);
    expect(texts(turn.replies)).toHaveLength(1);
    seen.push(texts(turn.replies)[0]);
  }
  expect(seen).toEqual(outlookExpressSteps);

  const verification = await conversation.say('done');
  expect(texts(verification.replies)).toEqual(["That's every step. Now send a short test email to yourself. Did it send without the error?"]);
  expect(verification.replies[0].inputHint).toBe('expectingInput');

  const closing = await conversation.say('It worked');
  expect(texts(closing.replies)).toEqual(['Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.']);
});

test('GET /healthz answers 200 with status and version', async () => {
  const response = await fetch(`${stepwise.baseUrl}/healthz`);
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', version: '0.1.0', mode: 'local' });
});

test('two conversations at once keep their own place', async () => {
  const first = new HttpConversation(stepwise);
  const second = new HttpConversation(stepwise);
  await first.say('Outlook Express');
  await second.say('Outlook 2003');
  await first.say('done');
  const [a, b] = await Promise.all([first.say('done'), second.say('done')]);
  expect(texts(a.replies)[0]).toBe(outlookExpressSteps[2]);
  expect(texts(b.replies)[0]).toBe('**Step 2 of 9:** Put a dot next to **View or change existing e-mail accounts**, then click the **Next** button.');
});
