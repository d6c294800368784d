import type { Activity } from 'botbuilder';
import { BotHarness, MSO, OE, handoffEvent, msg, texts } from '../support/dialogHarness';

const alice = { id: 'user-alice', name: 'Alice' };
const bob = { id: 'user-bob', name: 'Bob' };

describe('group conversations keep each person\'s progress separate', () => {
  it('two users in one conversation (isGroup) advance their own steps', async () => {
    const h = new BotHarness({ conversation: { id: 'group-1', isGroup: true, conversationType: 'groupChat' } });
    await h.run(
      [
        ['hi', texts.welcome],
        ['OE', [texts.intro('Outlook Express', 8), OE.steps[0]]],
        ['done', OE.steps[1]],
        ['done', OE.steps[2]],
      ],
      { from: alice },
    );
    await h.run(
      [
        ['done', texts.welcome],
        ['Outlook 2003', [texts.intro('Microsoft Outlook', 9), MSO.steps[0]]],
      ],
      { from: bob },
    );
    await h.run([['done', OE.steps[3]]], { from: alice });
    await h.run([['done', MSO.steps[1]], ['repeat', MSO.steps[1]]], { from: bob });
    await h.run([['back', OE.steps[2]]], { from: alice });
  });

  it('one person\'s handoff does not put the other on hold', async () => {
    const h = new BotHarness({ conversation: { id: 'group-2', isGroup: true } });
    await h.run([['hi', texts.welcome], ['OE', [texts.intro('Outlook Express', 8), OE.steps[0]]], ['technician', [handoffEvent('customerAsked'), texts.handoffBeforeSteps]]], { from: alice });
    await h.run([['hi', texts.welcome], ['OE', [texts.intro('Outlook Express', 8), OE.steps[0]]], ['done', OE.steps[1]]], { from: bob });
  });

  it('in a Teams channel thread the @mention is removed and each person has their own progress', async () => {
    const h = new BotHarness({ channelId: 'msteams', conversation: { id: '19:thread@thread.tacv2;messageid=1', isGroup: true, conversationType: 'channel' } });
    const mention = (from: typeof alice, words: string): Partial<Activity> => ({
      from,
      text: `<at>Stepwise</at> ${words}`,
      entities: [{ type: 'mention', mentioned: { id: 'stepwise-bot', name: 'Stepwise' }, text: '<at>Stepwise</at>' }],
    });
    // In a shared thread every reply opens with an @mention of the person it answers.
    const toAlice = (text: string) => `<at>Alice</at> ${text}`;
    const toBob = (text: string) => `<at>Bob</at> ${text}`;
    await h.run([
      [mention(alice, 'hi'), toAlice(texts.welcome)],
      [mention(alice, 'Outlook Express'), [toAlice(texts.intro('Outlook Express', 8)), toAlice(OE.steps[0])]],
      [mention(alice, 'done'), toAlice(OE.steps[1])],
    ]);
    await h.run([[mention(bob, 'outlook 2003'), [toBob(msg('greeting')), toBob(texts.intro('Microsoft Outlook', 9)), toBob(MSO.steps[0])]]]);
    await h.run([[mention(alice, 'done'), toAlice(OE.steps[2])], [mention(bob, 'done'), toBob(MSO.steps[1])]]);
  });
});
