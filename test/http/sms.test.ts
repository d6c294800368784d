import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

/** Longest SMS the bot sends: three 160-character segments. */
const smsLimit = 480;
const markdown = /\*\*|__|`|^#{1,6} |\[[^\]]*\]\([^)]*\)|^> /m;

/** The texts an SMS customer receives; each one checked for what a phone cannot show. */
function received(replies: ReceivedActivity[]): string[] {
  return replies
    .filter((a) => a.type === 'message')
    .map((message) => {
      expect(message.textFormat).toBe('plain');
      expect(message.text).not.toMatch(markdown);
      expect(message.text!.length).toBeLessThanOrEqual(smsLimit);
      expect(message.suggestedActions).toBeUndefined();
      expect(message.attachments ?? []).toEqual([]);
      return message.text!;
    });
}

const stepList = '\n1. Done\n2. Help\n3. Talk to a technician';

test('an SMS conversation: numbered lists, numbers pick choices, plain short messages, exact server values', async () => {
  const phone = new HttpConversation(stepwise, 'sms', '+12145550123');

  const greeting = received((await phone.say("My email won't send, it says error 550")).replies);
  expect(greeting).toEqual([
    "Thanks, that's the error I can help with. \"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use?\n1. Outlook Express\n2. Microsoft Outlook\n3. Another program\n4. Español",
  ]);

  expect(received((await phone.say('1')).replies)).toEqual([
    "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.",
    `Step 1 of 8: Click on the Tools menu, then choose Accounts.${stepList}`,
  ]);

  expect(received((await phone.say('2')).replies)).toEqual([
    `Help for step 1: The Tools menu is in the menu bar at the top of the Outlook Express window, between Message and Help. If you don't see the menu bar, press the Alt key once.${stepList}`,
  ]);

  const steps: string[] = [];
  for (let i = 0; i < 7; i++) steps.push(...received((await phone.say(i % 2 ? 'one' : '1')).replies));
  expect(steps[3]).toBe(`Step 5 of 8: In the Outgoing mail (SMTP) box, make sure the server entered is smtp.airmail.net.${stepList}`);
  expect(steps[4]).toBe(
    `Step 6 of 8: In the Account name box, make sure your full email address is entered. Make sure to include the domain (i.e. @airmail.net).${stepList}`,
  );
  expect(steps[6]).toBe(`Step 8 of 8: Click the OK button, then click the Close button.${stepList}`);

  expect(received((await phone.say('done')).replies)).toEqual([
    "That's every step. Now send a short test email to yourself. Did it send without the error?\n1. It worked\n2. Still failing",
  ]);
  expect(received((await phone.say('2')).replies)).toEqual([
    "Sorry it's still not working. Is it the same Error 550 message, or a different error?\n1. Same Error 550\n2. A different error",
  ]);

  expect(received((await phone.say('1')).replies)).toEqual([
    "Let's check the three settings together: the outgoing (SMTP) server is exactly smtp.airmail.net; the user or account name is your full address ending in @airmail.net; and the box saying the outgoing server requires authentication is ticked. Then close your mail program completely, open it again, and send another test email. Did it go through this time?\n1. It worked\n2. Still failing",
  ]);
  const handoff = await phone.say('2');
  expect(received(handoff.replies)).toEqual([
    expect.stringMatching(
      /^I'm bringing in a technician\. They'll see which step you reached, so you won't have to start again\. Your reference number is SW-[A-Z0-9]{6}\. If you'd rather not wait, call 1-800-232-4335 \(toll-free\) or email support@airmail\.net\.$/,
    ),
  ]);
  expect(handoff.replies.find((a) => a.type === 'event')?.value).toMatchObject({ reason: 'verificationFailedSame', stepsCompleted: 8 });
});

test('a number that is not on the list is not a choice, and 0 asks for a technician', async () => {
  const phone = new HttpConversation(stepwise, 'sms', '+12145550124');
  await phone.say('hello');
  // "2" is Microsoft Outlook, which asks which version: "1" there is Outlook 2000 to 2003.
  await phone.say('2');
  await phone.say('1');
  expect(received((await phone.say('7')).replies)).toEqual([
    `Sorry, I didn't understand that. When you've finished step 1, say done; or ask me anything about it.${stepList}`,
  ]);
  const handoff = await phone.say('0');
  expect(handoff.replies.find((a) => a.type === 'event')?.value).toMatchObject({ reason: 'customerAsked', client: 'Microsoft Outlook' });
});
