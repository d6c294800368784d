import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';
import { cardButtons, channelThread, personalChat, teamsBot, TeamsMember, teamsPerson } from '../support/teams';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

const clientButtons = [
  ['Outlook Express', { text: 'Outlook Express' }],
  ['Microsoft Outlook', { text: 'Microsoft Outlook' }],
  ['Another program', { text: 'Another program' }],
  ['Español', { text: 'Español' }],
];
const stepButtons = [
  ['Done', { text: 'Done' }],
  ['Help', { text: 'Help' }],
  ['Talk to a technician', { text: 'Talk to a technician' }],
];

/** The bot's Teams messages, each checked against what Teams can show. */
function messages(replies: ReceivedActivity[]): ReceivedActivity[] {
  expect(replies.filter((a) => a.type === 'event')).toEqual([]);
  const shown = replies.filter((a) => a.type === 'message');
  for (const message of shown) {
    const suggested = message.suggestedActions?.actions ?? [];
    expect(suggested.length).toBeLessThanOrEqual(3);
    if (suggested.length > 0) expect(message.attachments ?? []).toEqual([]);
  }
  return shown;
}

/** Every message answers one person in a shared thread: it starts with their @mention and carries the entity. */
function expectAddressedTo(replies: ReceivedActivity[], person: { id: string; name: string }): void {
  expect(messages(replies).length).toBeGreaterThan(0);
  for (const reply of messages(replies)) {
    expect(reply.text?.startsWith(`<at>${person.name}</at> `)).toBe(true);
    expect(reply.entities).toEqual([{ type: 'mention', mentioned: { id: person.id, name: person.name }, text: `<at>${person.name}</at>` }]);
  }
}

function withoutMention(reply: ReceivedActivity, person: { name: string }): string {
  return (reply.text ?? '').replace(`<at>${person.name}</at> `, '');
}

describe('a Teams channel thread', () => {
  test('the @mention is removed before understanding, replies mention the person, choices are card buttons (never suggested actions)', async () => {
    const alice = new TeamsMember(stepwise, teamsPerson('Alice Jones'), channelThread());

    const greeting = await alice.mention("I can't send email, it says Error 550 relay not permitted");
    expect(greeting.status).toBe(200);
    expectAddressedTo(greeting.replies, alice.person);
    const [ask] = messages(greeting.replies);
    expect(withoutMention(ask, alice.person)).toMatch(/^Thanks, that's the error I can help with\. .* Which mail program do you use\?$/);
    expect(ask.suggestedActions).toBeUndefined();
    expect(cardButtons(ask)).toEqual(clientButtons);
    expect(ask.replyToId).toBeDefined();

    // The mention text alone would not name a program; with it removed, "outlook express" is understood.
    const chosen = await alice.mention('outlook express');
    expectAddressedTo(chosen.replies, alice.person);
    expect(messages(chosen.replies).map((m) => withoutMention(m, alice.person))).toEqual([
      "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.",
      '**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.',
    ]);
    const step = messages(chosen.replies)[1];
    expect(cardButtons(step)).toEqual(stepButtons);
    expect(step.suggestedActions).toBeUndefined();
    expect(step.inputHint).toBe('expectingInput');

    // Action.Submit: no text, the button's data as value.
    const pressed = await alice.press({ text: 'Done' });
    expect(messages(pressed.replies).map((m) => withoutMention(m, alice.person))).toEqual([
      '**Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.',
    ]);
  });

  test('two people in one thread never advance each other', async () => {
    const thread = channelThread();
    const alice = new TeamsMember(stepwise, teamsPerson('Alice Jones'), thread);
    const bob = new TeamsMember(stepwise, teamsPerson('Bob Smith'), thread);

    await alice.mention('I use Outlook Express');
    const aliceStep2 = await alice.mention('done');
    expect(messages(aliceStep2.replies).map((m) => m.text)).toEqual([`<at>Alice Jones</at> **Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.`]);

    // Bob's "done" is not Alice's: he has not started, so he is asked for his mail program.
    const bobFirst = await bob.mention('done');
    expectAddressedTo(bobFirst.replies, bob.person);
    expect(withoutMention(messages(bobFirst.replies)[0], bob.person)).toMatch(/Which mail program do you use\?$/);

    // "Microsoft Outlook" asks which one: four versions are more than Teams suggests, so they are card buttons.
    const bobAsked = await bob.press({ text: 'Microsoft Outlook' });
    expectAddressedTo(bobAsked.replies, bob.person);
    expect(withoutMention(messages(bobAsked.replies)[0], bob.person)).toMatch(/^Which version of Outlook is it\?/);
    expect(cardButtons(messages(bobAsked.replies)[0])[0]).toEqual(['Outlook 2000, 2002 (XP) or 2003', { text: 'Outlook 2000, 2002 (XP) or 2003' }]);
    const bobChosen = await bob.press({ text: 'Outlook 2000, 2002 (XP) or 2003' });
    expectAddressedTo(bobChosen.replies, bob.person);
    expect(withoutMention(messages(bobChosen.replies)[1], bob.person)).toBe('**Step 1 of 9:** Click on the **Tools** menu, then choose **E-mail Accounts**.');

    // Alice is still on step 2 and moves to step 3; Bob is still on his step 1.
    const aliceStep3 = await alice.mention('done');
    expect(messages(aliceStep3.replies).map((m) => m.text)).toEqual(['<at>Alice Jones</at> **Step 3 of 8:** Click on the **General** tab.']);
    const bobRepeat = await bob.mention('repeat');
    expect(messages(bobRepeat.replies).map((m) => m.text)).toEqual(['<at>Bob Smith</at> **Step 1 of 9:** Click on the **Tools** menu, then choose **E-mail Accounts**.']);

    // Bob's handoff summary quotes Bob only, as the bot understood him.
    const bobHandoff = await bob.mention('technician please');
    const summary = messages(bobHandoff.replies).find((a) => a.value)?.value;
    expect(summary).toMatchObject({ client: 'Microsoft Outlook', stepReached: '1 of 9', recentCustomerMessages: ['done', 'Microsoft Outlook', 'Outlook 2000, 2002 (XP) or 2003', 'repeat', 'technician please'] });
  });

  test('the handoff is a message Teams can show, with the summary on a card; no event activity is sent', async () => {
    const alice = new TeamsMember(stepwise, teamsPerson('Alice Jones'), channelThread());
    await alice.mention('Outlook Express');
    await alice.mention('done');
    await alice.mention('done');
    const handoff = await alice.press({ text: 'Talk to a technician' });

    expect(messages(handoff.replies)).toHaveLength(2);
    expectAddressedTo(handoff.replies, alice.person);
    const [cardMessage, told] = handoff.replies;
    const summary = cardMessage.value as Record<string, unknown>;
    expect(summary).toMatchObject({
      client: 'Outlook Express',
      stepReached: '3 of 8',
      stepsCompleted: 2,
      reason: 'customerAsked',
      recentCustomerMessages: ['Outlook Express', 'done', 'done', 'Talk to a technician'],
    });
    const card = JSON.stringify(cardMessage.attachments?.[0].content);
    expect(cardMessage.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardMessage.text).toBe('<at>Alice Jones</at> Technician needed');
    for (const shown of ['Outlook Express: stuck at step 3 of 8: General tab.', '3 of 8: General tab', 'The customer asked for a technician.']) expect(card).toContain(shown);
    expect(withoutMention(told, alice.person)).toMatch(
      /^I'm bringing in a technician\. They'll see which step you reached, so you won't have to start again\. Your reference number is SW-[A-Z0-9]{6}\. If you'd rather not wait, call 1-800-232-4335 \(toll-free\) or email support@airmail\.net\.$/,
    );
  });

  test('members added to a team channel are not greeted there', async () => {
    const alice = new TeamsMember(stepwise, teamsPerson('Alice Jones'), channelThread());
    const added = await alice.membersAdded([{ id: teamsPerson('Carol').id }, { id: teamsBot.id }]);
    expect(added.status).toBe(200);
    expect(added.replies).toEqual([]);
  });
});

describe('a Teams personal chat', () => {
  test('up to three choices are suggested actions for that person, with no attachment and no mention; four are a card', async () => {
    const dana = new TeamsMember(stepwise, teamsPerson('Dana Lee'), personalChat());
    const greeting = await dana.say('hi');
    const [ask] = messages(greeting.replies);
    expect(ask.text).toMatch(/^Hi, I'm Stepwise, the Internet America mail helper\. .* Which mail program do you use\?$/);
    // The programs and the other language: more than Teams shows as suggested actions.
    expect(ask.suggestedActions).toBeUndefined();
    expect((ask.attachments?.[0].content as { actions: { title: string; data: unknown }[] }).actions.map((a) => [a.title, a.data])).toEqual([
      ['Outlook Express', { text: 'Outlook Express' }],
      ['Microsoft Outlook', { text: 'Microsoft Outlook' }],
      ['Another program', { text: 'Another program' }],
      ['Español', { text: 'Español' }],
    ]);

    const chosen = await dana.say('Outlook Express');
    const step = messages(chosen.replies)[1];
    expect(step.text).toBe('**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.');
    expect(step.suggestedActions?.actions.map((a) => [a.type, a.title, a.value])).toEqual([
      ['imBack', 'Done', 'Done'],
      ['imBack', 'Help', 'Help'],
      ['imBack', 'Talk to a technician', 'Talk to a technician'],
    ]);
    expect((step.suggestedActions as { to?: string[] }).to).toEqual([dana.person.id]);
    expect(step.attachments).toBeUndefined();
    expect(step.entities).toBeUndefined();
  });
});
