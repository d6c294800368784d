import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';
import { childElements, parseXml, textOf } from '../support/xml';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

const stepChoices = 'Say Done or press 1. Say Help or press 2. Say Talk to a technician or press 3.';
/** After the first step, a step ends with this short prompt instead of every choice (they are read again on "repeat"). */
const shortPrompt = "Say done when you've finished, or help.";

/** The telephony channel: the caller's number as the user id, one keypad key per message. */
function call(server = stepwise, channelId = 'telephony'): HttpConversation {
  return new HttpConversation(server, channelId, `+1214555${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`);
}

function keypad(conversation: HttpConversation, key: string, withText = true) {
  return conversation.send({ type: 'message', text: withText ? key : '', entities: [{ type: 'DTMF', tone: key }] });
}

/** What the caller hears: every message must carry well-formed SSML (parsed here) and an input hint. */
function heard(replies: ReceivedActivity[]): { said: string; inputHint: string }[] {
  return replies
    .filter((a) => a.type === 'message')
    .map((message) => {
      expect(message.suggestedActions).toBeUndefined();
      expect(message.attachments ?? []).toEqual([]);
      const speak = parseXml(message.speak ?? '');
      expect(speak.name).toBe('speak');
      expect(speak.attributes).toMatchObject({ version: '1.0', xmlns: 'http://www.w3.org/2001/10/synthesis', 'xml:lang': 'en-US' });
      expect(childElements(speak).map((e) => [e.name, e.attributes.name])).toEqual([['voice', 'en-US-JennyNeural']]);
      expect(message.text).toBe(textOf(speak));
      return { said: textOf(speak), inputHint: message.inputHint ?? '' };
    });
}

test('a call: greeting with numbered choices, keypad digits with a DTMF entity pick choices, repeat, help, every step by key, verification', async () => {
  const caller = call();

  const greeting = heard((await caller.join()).replies);
  expect(greeting).toEqual([
    {
      said:
        "Hi, I'm Stepwise, the Internet America mail helper. \"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use? Say Outlook Express or press 1. Say Microsoft Outlook or press 2. Say Another program or press 3. Say Español or press 4.",
      inputHint: 'expectingInput',
    },
  ]);

  expect(heard((await keypad(caller, '1')).replies)).toEqual([
    { said: "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.", inputHint: 'acceptingInput' },
    { said: `Step 1 of 8. Click the Tools menu, then choose Accounts. ${stepChoices}`, inputHint: 'expectingInput' },
  ]);

  expect(heard((await caller.say('done')).replies)).toEqual([
    { said: `Step 2 of 8. You'll see your accounts. Click your account once to highlight it, then click the Properties button. ${shortPrompt}`, inputHint: 'expectingInput' },
  ]);

  // A key press that arrives only as a DTMF entity, with no text.
  const step3 = 'Step 3 of 8. Click the General tab.';
  expect(heard((await keypad(caller, '1', false)).replies)).toEqual([{ said: `${step3} ${shortPrompt}`, inputHint: 'expectingInput' }]);
  // Asked again, the step comes with its choices and their keys.
  expect(heard((await caller.say('repeat')).replies)).toEqual([{ said: `${step3} ${stepChoices}`, inputHint: 'expectingInput' }]);

  const help = heard((await keypad(caller, '2')).replies);
  expect(help).toEqual([
    {
      said: `Help for step 3: The tabs run along the top of the Properties window: General, Servers, Connection, Security and Advanced. General is the first one. ${shortPrompt}`,
      inputHint: 'expectingInput',
    },
  ]);

  const spokenSteps: string[] = [];
  for (let i = 0; i < 6; i++) spokenSteps.push(heard((await keypad(caller, '1')).replies)[0].said);
  expect(spokenSteps[1]).toBe(`Step 5 of 8. In the Outgoing mail, S M T P, box, make sure the server is smtp dot airmail dot net. ${shortPrompt}`);
  expect(spokenSteps[2]).toBe(`Step 6 of 8. In the Account name box, make sure your full email address is entered, including at airmail dot net. ${shortPrompt}`);
  expect(spokenSteps[5]).toBe(
    "That's every step. Now send a short test email to yourself. Did it send without the error? Say It worked or press 1. Say Still failing or press 2.",
  );

  expect(heard((await keypad(caller, '1')).replies)).toEqual([
    { said: 'Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.', inputHint: 'acceptingInput' },
  ]);
});

test('0 asks for a technician: the caller hears what happens next, then the handoff event asks for a transfer to the support line', async () => {
  const caller = call();
  await caller.join();
  await keypad(caller, '2');
  await caller.say('outlook twenty oh three');
  await caller.say('outlook 2003');
  await caller.say('done');

  const { replies } = await keypad(caller, '0');
  expect(replies.map((a) => a.type)).toEqual(['message', 'event']);
  expect(heard(replies)).toEqual([
    {
      said: "I'm connecting you to a technician now, so please stay on the line. They'll see which step you reached. If the call drops, call us at 1-800-232-4335.",
      inputHint: 'acceptingInput',
    },
  ]);
  const transfer = replies[1];
  expect(transfer.name).toBe('handoff.initiate');
  expect(transfer.value).toMatchObject({
    TargetPhoneNumber: '+18002324335',
    client: 'Microsoft Outlook',
    stepReached: '2 of 9',
    reason: 'customerAsked',
    recentCustomerMessages: ['Microsoft Outlook', 'outlook twenty oh three', 'outlook 2003', 'done', '0'],
  });
});

test('Direct Line Speech is a voice channel too', async () => {
  const listener = call(stepwise, 'directlinespeech');
  const [greeting] = heard((await listener.say('I use outlook 2007')).replies);
  expect(greeting.said).toMatch(/^Hi, I'm Stepwise/);
});

test('the voice channel list comes from VOICE_CHANNELS', async () => {
  const custom = await startStepwise({ VOICE_CHANNELS: 'phonebridge', TRANSFER_PHONE: '+12145550100' });
  try {
    const bridged = call(custom, 'phonebridge');
    expect(heard((await bridged.join()).replies)[0].said).toMatch(/Say Outlook Express or press 1\. .* Say Another program or press 3\. Say Español or press 4\.$/);
    const handoff = await bridged.say('0');
    expect(handoff.replies.find((a) => a.type === 'event')?.value).toMatchObject({ TargetPhoneNumber: '+12145550100' });

    const telephony = call(custom, 'telephony');
    const [greeting] = (await telephony.join()).replies;
    expect(greeting.speak).toBeUndefined();
  } finally {
    await custom.stop();
  }
});

test('"repeat" at a question reads it again and never counts towards a handoff', async () => {
  const caller = call();
  await caller.join();
  const question =
    "\"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use? Say Outlook Express or press 1. Say Microsoft Outlook or press 2. Say Another program or press 3. Say Español or press 4.";
  for (const asked of ['repeat', 'sorry?', 'say that again']) {
    expect(heard((await caller.say(asked)).replies)).toEqual([{ said: question, inputHint: 'expectingInput' }]);
  }

  await keypad(caller, '1');
  for (let i = 0; i < 8; i++) await keypad(caller, '1');
  const verify = "That's every step. Now send a short test email to yourself. Did it send without the error? Say It worked or press 1. Say Still failing or press 2.";
  expect(heard((await caller.say('repeat')).replies)).toEqual([{ said: verify, inputHint: 'expectingInput' }]);
  await keypad(caller, '2');
  expect(heard((await caller.say('what was that')).replies)).toEqual([
    { said: "Sorry it's still not working. Is it the same Error 550 message, or a different error? Say Same Error 550 or press 1. Say A different error or press 2.", inputHint: 'expectingInput' },
  ]);
});

test('an empty utterance is "I didn\'t hear you", and nothing a caller hears speaks of typing, buttons or a chat', async () => {
  const caller = call();
  const said: string[] = heard((await caller.join()).replies).map((r) => r.said);
  const silence = heard((await caller.send({ type: 'message', text: '' })).replies);
  expect(silence).toEqual([{ said: expect.stringMatching(/^Sorry, I didn't hear you\. Which mail program do you use\? Say Outlook Express or press 1\./), inputHint: 'expectingInput' }]);
  said.push(silence[0].said);
  for (const words of ['banana', 'Outlook Express', '', 'what is smtp', 'my password is Tr0ub4dor&3', 'mine says mail.airmail.net should i change it']) {
    said.push(...heard((await caller.say(words)).replies).map((r) => r.said));
  }
  expect(said).toContain("Sorry, I didn't hear you. When you've finished step 1, say done. Say done when you've finished, or help.");
  expect(said.join(' ')).toContain('smtp dot airmail dot net');
  expect(said.join(' ')).not.toContain('smtp.airmail.net');
  for (const sentence of said) expect(sentence).not.toMatch(/\b(type|typing|click below|pick one|below|in chat|this chat|reply here)\b/i);
});
