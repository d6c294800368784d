import { BotHarness, MSO, OE, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

describe('replies that neither advance nor are a command', () => {
  it('the first and second re-prompt without advancing; the third in a row starts the handoff (repeatedMisses, attempts 3)', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      ['what a lovely day', "Sorry, I didn't understand that. When you've finished step 3, say done; or ask me anything about it."],
      ['my cat likes tuna', texts.reprompt(3)],
      ['purple monkey dishwasher', [handoffEvent('repeatedMisses'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({
      reason: 'repeatedMisses',
      reasonText: "The customer's last 3 replies on this step were not understood.",
      attempts: 3,
      stepReached: '3 of 8',
      stepsCompleted: 2,
      client: 'Outlook Express',
    });
  });

  it('a re-prompt does not advance: done after two misses goes to the next step', async () => {
    const h = new BotHarness();
    await h.run([...toStep(MSO, 2), ['banana', texts.reprompt(2)], ['apple', texts.reprompt(2)], ['done', MSO.steps[2]]]);
    expect(h.handoffs).toEqual([]);
  });

  it('advancing resets the count: two misses on each of two steps do not hand off', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 2),
      ['banana', texts.reprompt(2)],
      ['apple', texts.reprompt(2)],
      ['done', OE.steps[2]],
      ['cherry', texts.reprompt(3)],
      ['grape', texts.reprompt(3)],
      ['melon', [handoffEvent('repeatedMisses'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ attempts: 3, stepReached: '3 of 8' });
  });

  it.each([
    ['repeat', OE.steps[3]],
    ['back', OE.steps[2]],
    ['help', texts.hint(4, 'Servers is the second tab along the top of the Properties window, right after General.')],
  ])('a command in between ("%s") resets the count', async (command, reply) => {
    const h = new BotHarness();
    const n = command === 'back' ? 3 : 4;
    await h.run([
      ...toStep(OE, 4),
      ['banana', texts.reprompt(4)],
      ['apple', texts.reprompt(4)],
      [command, reply],
      ['cherry', texts.reprompt(n)],
      ['grape', texts.reprompt(n)],
      ['melon', [handoffEvent('repeatedMisses'), texts.handoff]],
    ]);
  });

  it('"not yet" (wait) in between is a command too and resets the count', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 4),
      ['banana', texts.reprompt(4)],
      ['apple', texts.reprompt(4)],
      ['not yet', texts.wait(4)],
      ['cherry', texts.reprompt(4)],
      ['grape', texts.reprompt(4)],
      ['melon', [handoffEvent('repeatedMisses'), texts.handoff]],
    ]);
  });
});

describe('frustration', () => {
  it.each(['this is useless', 'this is a waste of time', 'ugh', 'I give up'])('"%s" at a step is acknowledged and brings in a technician (frustration)', async (words) => {
    const h = new BotHarness();
    await h.run([...toStep(MSO, 5), [words, [msg('frustrationAck'), handoffEvent('frustration'), texts.handoff]]]);
    expect(h.lastHandoff()).toMatchObject({
      reason: 'frustration',
      reasonText: 'The customer sounded frustrated.',
      client: 'Microsoft Outlook',
      stepReached: '5 of 9',
      stepsCompleted: 4,
    });
  });
});
