/**
 * The transcript as the real bot records it (createBot's middleware order): what the customer said as
 * the bot understood it, what was actually sent, and nothing of a run that was thrown away.
 */
import { StorageWithRival } from '../support/storageWithRival';
import { BotHarness, OE, msg, texts, toStep } from '../support/dialogHarness';

async function recorded(h: BotHarness, channelId = 'test') {
  return (await h.parts.transcripts.lines(channelId, 'conv-1')).map(({ from, text }) => ({ from, text }));
}

const customer = (text: string) => ({ from: 'customer', text });
const bot = (text: string) => ({ from: 'bot', text });

test('records what the customer said (a number as the chosen program, a password masked) and every message as it was sent, in order', async () => {
  const h = new BotHarness({ channelId: 'sms' });
  await h.join();
  await h.say('1');
  await h.say('my password is Hunter2Secret');

  // On SMS the choices go out as a numbered list, and markdown is stripped.
  expect(await recorded(h, 'sms')).toEqual([
    bot(`${texts.welcome}\n1. Outlook Express\n2. Microsoft Outlook\n3. Another program\n4. Español`),
    customer('Outlook Express'),
    bot(texts.intro(OE.name, OE.steps.length)),
    bot('Step 1 of 8: Click on the Tools menu, then choose Accounts.\n1. Done\n2. Help\n3. Talk to a technician'),
    customer('my password is [password hidden]'),
    bot(`${msg('passwordWarning')}\nYou're still on step 1 of 8: Open Accounts. Say done when it's finished.\n1. Done\n2. Help\n3. Talk to a technician`),
  ]);
});


test('a turn run again after an eTag conflict is recorded once, with only the replies of the run that was saved, after the other instance\'s turn', async () => {
  const storage = new StorageWithRival();
  const h = new BotHarness({ storage });
  const otherInstance = new BotHarness({ storage });
  await h.run(toStep(OE, 2));

  let rivalReplies: string[] = [];
  storage.beforeNextWrite(async () => (rivalReplies = (await otherInstance.say('done')).texts));
  const turn = await h.say('done');

  // The other instance moved the customer to step 3 first; this turn ran again from there.
  expect(rivalReplies).toEqual([OE.steps[2]]);
  expect(turn.texts).toEqual([OE.steps[3]]);
  expect(h.logger.lines.some((line) => line.includes('running the turn again'))).toBe(true);
  // The transcript is kept with the customer's state, so both instances' turns are in it, in the order they were saved.
  expect(await recorded(h)).toEqual([
    customer('hi'),
    bot(texts.welcome),
    customer('Outlook Express'),
    bot(texts.intro(OE.name, OE.steps.length)),
    bot(OE.steps[0]),
    customer('done'),
    bot(OE.steps[1]),
    customer('done'),
    bot(OE.steps[2]),
    customer('done'),
    bot(OE.steps[3]),
  ]);
});
