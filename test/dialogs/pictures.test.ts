/**
 * Customers send screenshots of the error (or of their settings). The bot cannot read them: it says so
 * kindly, says what to type instead, and the customer keeps their place.
 */
import type { Activity } from 'botbuilder';
import { BotHarness, OE, content, msg, toStep } from '../support/dialogHarness';

const screenshot = { contentType: 'image/png', contentUrl: 'https://files.example/screenshot.png', name: 'screenshot.png' };
const picture = (extra: Partial<Activity> = {}): Partial<Activity> => ({ text: undefined, attachments: [screenshot], ...extra });
const oeReminder = (n: number) => msg('answerReminder', { n, total: 8, title: content.clients.find((c) => c.id === 'outlook-express')!.steps[n - 1].title });
const onStep = (lead: string, n: number) => `${lead}\n\n${oeReminder(n)}`;

describe('a picture on a step', () => {
  it('is answered kindly, with the step and its buttons again', async () => {
    const h = new BotHarness();
    const results = await h.run([...toStep(OE, 3), [picture(), onStep(msg('pictureNotRead'), 3)]]);
    expect(results[results.length - 1].messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Done', 'Help', 'Talk to a technician']);
  });

  it('three pictures in a row are not misses: no technician, and done moves on', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      [picture(), onStep(msg('pictureNotRead'), 3)],
      [picture(), onStep(msg('pictureNotRead'), 3)],
      [picture(), onStep(msg('pictureNotRead'), 3)],
      ['done', OE.steps[3]],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it.each(['here you go', 'I get this error', 'what does this mean?', 'see attached'])('with words about it ("%s") it gets the same answer', async (words) => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 5), [picture({ text: words }), onStep(msg('pictureNotRead'), 5)]]);
  });

  it('with "done" the customer moves on as usual', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 5), [picture({ text: 'done' }), OE.steps[5]]]);
  });

  it('pasted in Teams (the image beside the HTML copy of the message) is a picture', async () => {
    const h = new BotHarness({ channelId: 'msteams' });
    await h.say('hi');
    const teamsPaste = {
      text: '',
      attachments: [
        { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/amer/v3/attachments/abc/views/original' },
        { contentType: 'text/html', content: '<div><div><span><img height="250" src="https://smba.trafficmanager.net/x" width="400"></span></div></div>' },
      ],
    };
    const result = await h.say(teamsPaste);
    expect(result.texts.join('\n')).toContain(msg('pictureNotRead'));
  });

  it('another kind of file is answered with what to type instead', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 2),
      [{ text: undefined, attachments: [{ contentType: 'application/pdf', contentUrl: 'https://files.example/a.pdf', name: 'error.pdf' }] }, onStep(msg('attachmentNotRead'), 2)],
    ]);
  });
});

describe('a picture elsewhere in the conversation', () => {
  it('before the program is chosen: the answer, then the program question again', async () => {
    const h = new BotHarness();
    const first = await h.say('hi');
    const asked = first.texts[first.texts.length - 1];
    const result = await h.say(picture());
    expect(result.texts).toEqual([`${msg('pictureNotRead')} ${asked.slice(asked.lastIndexOf('Which mail program'))}`]);
  });

  it('when asked whether the error is the same: the answer, then the question again', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 8), ['done', msg('verifyAsk')], ['still failing', msg('verifyFailedCheck')]]);
    const result = await h.say(picture());
    expect(result.texts).toEqual([`${msg('pictureNotRead')}\n\n${msg('verifyFailedCheckReprompt')}`]);
    expect(h.handoffs).toEqual([]);
  });
});
