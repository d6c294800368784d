import { BotHarness, MSO, OE, content, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

describe('commands at a step', () => {
  it.each(['done', 'Done', 'ok', 'next', 'finished', 'did it', 'ok done', 'Done!', 'OK, done.'])('"%s" moves to the next step', async (word) => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 3), [word, OE.steps[3]]]);
  });

  it('repeat shows the same step again, word for word', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 5),
      ['repeat', OE.steps[4]],
      ['say that again', '**Step 5 of 8:** In the **Outgoing mail (SMTP)** box, make sure the server entered is **smtp.airmail.net**.'],
      ['done', OE.steps[5]],
    ]);
  });

  it('back goes to the previous step; done then continues from there', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(MSO, 4),
      ['back', MSO.steps[2]],
      ['go back', MSO.steps[1]],
      ['done', MSO.steps[2]],
      ['done', MSO.steps[3]],
    ]);
  });

  it('back at step 1 says it is the first step and shows step 1 again', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 1),
      ['back', `This is the first step.\n\n${OE.steps[0]}`],
      ['done', OE.steps[1]],
    ]);
  });

  it('help gives the hint of the current step (from content, with the real domain) and does not advance', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 2),
      [
        'help',
        'Help for step 2: Your account is usually listed on the Mail tab, named after the mail server (for example mail.airmail.net). The Properties button is on the right side of the window.',
      ],
      ['done', OE.steps[2]],
    ]);
  });

  it.each([
    ['Outlook Express', OE],
    ['Outlook 2003', MSO],
  ] as const)('help at every step of %s gives that step\'s hint', async (_name, client) => {
    const hints = content.clients.find((c) => c.displayName === client.name)!.steps.map((s) => s.hint);
    expect(hints).toHaveLength(client.steps.length);
    const h = new BotHarness();
    await h.run(toStep(client, 1));
    for (const [i, hint] of hints.entries()) {
      expect(hint).not.toMatch(/\{\w+\}/);
      await h.run([
        ['help', texts.hint(i + 1, hint)],
        ['done', i + 1 < client.steps.length ? client.steps[i + 1] : msg('verifyAsk')],
      ]);
    }
  });

  it('"not yet" waits at the same step', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      ['not yet', texts.wait(3)],
      ['hold on', texts.wait(3)],
      ['done', OE.steps[3]],
    ]);
  });

  it('start over returns to the client question and resets progress', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 4),
      ['start over', 'Okay, let\'s start over. Which mail program do you use?'],
      ['Outlook Express', [texts.intro('Outlook Express', 8), OE.steps[0]]],
      ['technician', [handoffEvent('customerAsked'), texts.handoffBeforeSteps]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ stepReached: '1 of 8', stepsCompleted: 0, completedSteps: [] });
  });

  it('start over can switch to the other program', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 6),
      ['start again', texts.startOver],
      ['Outlook 2003', [texts.intro('Microsoft Outlook', 9), MSO.steps[0]]],
      ['done', MSO.steps[1]],
    ]);
  });

  it('start over after the procedure is complete begins again at the client question', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 8), ['done', msg('verifyAsk')], ['it worked', msg('verifyWorked')], ['start over', texts.startOver], ['OE', [texts.intro('Outlook Express', 8), OE.steps[0]]]]);
  });

  it.each(['technician', 'agent', 'techincian please', '0', 'Talk to a technician', 'can I talk to a real person'])('"%s" brings in a technician (customerAsked)', async (words) => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 4), [words, [handoffEvent('customerAsked'), texts.handoff]]]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'customerAsked', stepReached: '4 of 8', stepsCompleted: 3, attempts: 0 });
  });
});
