/**
 * A customer who talks the way customers do (typos, questions on a step, what their box shows, a typed
 * password, "brb", "I'm back", "it worked!"), over the HTTP endpoint on each front door: the same
 * conversation, rendered for Web Chat, Teams, SMS and the phone. Nobody is handed to a technician.
 */
import { type Channel, customerOn as customerOnChannel, type Turn } from '../support/channelCustomer';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

const customerOn = (channel: Channel) => customerOnChannel(stepwise, channel);

const stepOptions: Record<Channel, RegExp> = {
  webchat: /^Done \| Help \| Talk to a technician$/,
  msteams: /^Done \| Help \| Talk to a technician$/,
  sms: /\n1\. Done\n2\. Help\n3\. Talk to a technician$/,
  telephony: /Say done when you've finished, or help\.$/,
};

describe.each(['webchat', 'msteams', 'sms', 'telephony'] as Channel[])('on %s', (channel) => {
  test('a customer in their own words gets through Outlook Express without a technician', async () => {
    const say = customerOn(channel);
    const voice = channel === 'telephony';
    const secret = 'Tr0ub4dor&3';
    const everything: Turn[] = [];
    const turn = async (text: string) => {
      const result = await say(text);
      everything.push(result);
      return result;
    };

    expect((await turn('hi')).said).toMatch(/^Hi, I'm Stepwise/);
    expect((await turn('outlok express')).said).toMatch(/Let's fix Outlook Express\. There are 8 steps.*\n\**Step 1 of 8/s);
    expect((await turn('dnoe')).said).toMatch(/^\**Step 2 of 8/);

    const question = await turn('what is SMTP?');
    expect(question.said).toMatch(/^S ?M ?T ?P is how your mail program sends mail\./);
    expect(question.said).toMatch(/You're still on step 2 of 8: Open your account's properties\./);
    expect(question.options).toMatch(stepOptions[channel]);

    for (let i = 3; i <= 5; i++) expect((await turn('done')).said).toMatch(new RegExp(`^\\**Step ${i} of 8`));
    const wrong = await turn('mine says mail.airmail.net, should I change it?');
    expect(wrong.said).toContain(voice ? 'type smtp dot airmail dot net instead' : 'type smtp.airmail.net instead');
    expect(wrong.said).toMatch(/You're still on step 5 of 8/);

    const right = await turn('it already says smtp.airmail.net');
    expect(right.said).toMatch(/^That's exactly right\.\s+\**Step 6 of 8/);

    const password = await turn(`the password for my account is ${secret}`);
    expect(password.said).toMatch(voice ? /^Please don't tell me your password/ : /^Please don't type your password here: I've hidden it/);
    expect(password.said).toMatch(/You're still on step 6 of 8: Account name\./);
    expect(password.options).toMatch(stepOptions[channel]);

    expect((await turn('brb')).said).toMatch(/^No rush, take your time/);
    expect((await turn('ok im back')).said).toMatch(/^Welcome back! You're on step 6 of 8\.\s+\**Step 6 of 8/);
    expect((await turn('it worked!')).said).toMatch(/^That's great news! To be sure, send a short test email to yourself\./);
    expect((await turn('yes')).said).toBe('Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.');

    expect(everything.flatMap((t) => t.events)).toEqual([]);
    expect(JSON.stringify(everything)).not.toContain(secret);
  });

  test('Outlook with no version is asked which one; the answer picks the procedure', async () => {
    const say = customerOn(channel);
    await say('hello');
    const asked = await say('I have Microsoft Outlook');
    expect(asked.said).toMatch(/^Which version of Outlook is it\?/);
    expect((await say('outlook 2016')).said).toMatch(/Let's fix Outlook 2010 or later\. There are 10 steps.*Step 1 of 10/s);
  });
});
