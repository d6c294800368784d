import { BotHarness, MSO, OE, StepRow, msg, texts, toStep } from '../support/dialogHarness';

/** Every step in order, the verification question, a warm close, and the completed message afterwards. */
function fullProcedure(client: typeof OE): StepRow[] {
  const last = client.steps.length;
  return [
    ...toStep(client, last),
    ['done', msg('verifyAsk')],
    ['It worked', msg('verifyWorked')],
    ['hello again', msg('completedAlready')],
  ];
}

describe('full procedures', () => {
  it('Outlook Express: 8 steps in the seed order, "Step n of 8", then verification and a warm close', async () => {
    const h = new BotHarness();
    await h.run(fullProcedure(OE));
    expect(h.handoffs).toEqual([]);
  });

  it('Microsoft Outlook: 9 steps in the seed order, "Step n of 9", then verification and a warm close', async () => {
    const h = new BotHarness();
    await h.run(fullProcedure(MSO));
    expect(h.handoffs).toEqual([]);
  });

  it('the step texts carry the exact server and domain', () => {
    expect(OE.steps[4]).toBe('**Step 5 of 8:** In the **Outgoing mail (SMTP)** box, make sure the server entered is **smtp.airmail.net**.');
    expect(MSO.steps[3]).toBe('**Step 4 of 9:** In the **Outgoing mail server (SMTP)** box, make sure the server entered is **smtp.airmail.net**.');
  });

  it('every step offers Done, Help and Talk to a technician; the verification question offers It worked / Still failing', async () => {
    const h = new BotHarness();
    await h.run(toStep(OE, 1));
    const step = await h.say('done');
    expect(step.messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Done', 'Help', 'Talk to a technician']);
    for (let i = 2; i < 8; i++) await h.say('done');
    const verify = await h.say('done');
    expect(verify.texts).toEqual([msg('verifyAsk')]);
    expect(verify.messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['It worked', 'Still failing']);
  });

  it('the verification answer by button label "It worked" closes; the welcome is the greeting + 550 explanation', async () => {
    expect(texts.welcome).toBe(
      "Hi, I'm Stepwise, the Internet America mail helper. \"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use?",
    );
    const h = new BotHarness();
    await h.run([
      ...toStep(MSO, 9),
      ['Done', msg('verifyAsk')],
      ['It worked', 'Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.'],
      ['thanks', 'Your mail is set up. If you need to go through the steps again, say start over.'],
      ['ok', msg('completedAlready')],
    ]);
  });
});
