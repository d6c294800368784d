import type { Activity } from 'botbuilder';
import { BotHarness, ExpectedReply, OE, content, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

/** The handoff.status event that tells the contact centre the customer withdrew the request. */
const withdrawn = { type: 'event', name: 'handoff.status' } as unknown as ExpectedReply;

describe('handoff', () => {
  it('sends a handoff.initiate event with the procedure-aware summary and the transcript', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 6), ['technician', [handoffEvent('customerAsked'), texts.handoff]]]);
    expect(h.handoffs).toHaveLength(1);
    const event = h.handoffs[0];
    expect(event.type).toBe('event');
    expect(event.name).toBe('handoff.initiate');
    expect(event.value).toMatchObject({
      client: 'Outlook Express',
      clientId: 'outlook-express',
      stepReached: '6 of 8',
      step: { number: 6, total: 8, title: 'Account name' },
      stepsCompleted: 5,
      completedSteps: ['Open Accounts', "Open your account's properties", 'General tab', 'Servers tab', 'Outgoing mail server'],
      phase: 'steps',
      reason: 'customerAsked',
      reasonText: 'The customer asked for a technician.',
      attempts: 0,
    });
    expect(event.value.headline).toBe('Outlook Express: stuck at step 6 of 8: Account name. The customer asked for a technician.');

    const transcript = event.attachments?.find((a) => a.name === 'Transcript');
    expect(transcript?.contentType).toBe('application/json');
    const activities = (transcript!.content as { activities: Partial<Activity>[] }).activities;
    const said = activities.filter((a) => a.type === 'message' && a.from?.id === 'customer-1').map((a) => a.text);
    expect(said).toEqual(['hi', 'Outlook Express', 'done', 'done', 'done', 'done', 'done', 'technician']);
    const botSaid = activities.filter((a) => a.type === 'message' && a.from?.id !== 'customer-1').map((a) => a.text);
    expect(botSaid).toContain(OE.steps[5]);
  });

  it('the summary quotes only what the customer said (recentCustomerMessages), never the bot', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 3), ['my cat likes tuna', texts.reprompt(3)], ['technician', [handoffEvent('customerAsked'), texts.handoff]]]);
    // The last 5 (policy.summaryRecentMessages) customer messages, the current one included.
    expect(h.lastHandoff().recentCustomerMessages).toEqual(['Outlook Express', 'done', 'done', 'my cat likes tuna', 'technician']);
  });

  it('tells the customer what happens next and how else to reach support', async () => {
    const h = new BotHarness();
    const turn = (await h.run([...toStep(OE, 2), ['agent', [handoffEvent('customerAsked'), texts.handoff]]])).at(-1)!;
    expect(turn.texts).toHaveLength(1);
    expect(turn.texts[0]).toMatch(
      /^I'm bringing in a technician\. They'll see which step you reached, so you won't have to start again\. Your reference number is SW-[A-Z0-9]{6}\. If you'd rather not wait, call 1-800-232-4335 \(toll-free\) or email support@airmail\.net\.$/,
    );
  });

  it('while handed off, "done" pushes no step (waiting message, then the short one); "continue" returns to the same step', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 6),
      ['technician', [handoffEvent('customerAsked'), texts.handoff]],
      [
        'done',
        'A technician has your details and will reply here. To carry on with the steps on your own instead, say continue; if you no longer need a technician, say cancel.',
      ],
      ['next', 'Still waiting for a technician. Say continue to carry on with the steps on your own, or cancel if you no longer need one.'],
      ['technician', content.messages.handoff.stillWaiting],
      // Only the contact centre has the request: going back to the steps withdraws it, and the contact centre is told.
      ['continue', [withdrawn, msg('handoffCancelled'), OE.steps[5]]],
      ['done', OE.steps[6]],
    ]);
    expect(h.handoffs).toHaveLength(1);
  });

  it('the waiting message offers Continue and Start over', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 2), ['technician', [handoffEvent('customerAsked'), texts.handoff]]]);
    const waiting = await h.say('hello?');
    expect(waiting.texts).toEqual([msg('handoffWaiting')]);
    expect(waiting.messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Continue', 'Start over']);
  });

  it('"continue" after a handoff from repeated misses returns to the same step with a fresh count', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 4),
      ['banana', texts.reprompt(4)],
      ['apple', texts.reprompt(4)],
      ['cherry', [handoffEvent('repeatedMisses'), texts.handoff]],
      ['continue', [withdrawn, msg('handoffCancelled'), OE.steps[3]]],
      ['grape', texts.reprompt(4)],
      ['done', OE.steps[4]],
    ]);
  });

  it('"start over" while handed off returns to the client question', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 6),
      ['technician', [handoffEvent('customerAsked'), texts.handoff]],
      ['start over', [texts.startOver, withdrawn]],
      ['Outlook Express', [texts.intro('Outlook Express', 8), OE.steps[0]]],
    ]);
  });

  it('a handoff that continues can hand off again, with the new step in the summary', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 2),
      ['technician', [handoffEvent('customerAsked'), texts.handoff]],
      ['continue', [withdrawn, msg('handoffCancelled'), OE.steps[1]]],
      ['done', OE.steps[2]],
      ['agent', [handoffEvent('customerAsked'), texts.handoff]],
    ]);
    expect(h.handoffs.map((e) => (e.value as { stepReached: string }).stepReached)).toEqual(['2 of 8', '3 of 8']);
  });
});
