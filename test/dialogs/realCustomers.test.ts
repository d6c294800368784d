/**
 * What customers really say on a step: questions, typos, what their box shows, "brb", "I'm back",
 * "I can't", a change of program, anger, a typed password. Nothing of it may end in "say done" or a
 * technician when a patient agent would have helped.
 */
import { BotHarness, MSO, OE, askClient, content, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

const answer = (name: keyof typeof content.understanding.answers.answers) => content.understanding.answers.answers[name].text;
const oeLine = (n: number) => msg('answerReminder', { n, total: 8, title: content.clients.find((c) => c.id === 'outlook-express')!.steps[n - 1].title });
const msoLine = (n: number) => msg('answerReminder', { n, total: 9, title: content.clients.find((c) => c.id === 'microsoft-outlook')!.steps[n - 1].title });
const stepAnswer = (clientId: string, n: number, name: string) =>
  (content.clients.find((c) => c.id === clientId)!.steps[n - 1].answers as Record<string, string>)[name];

describe('questions in the middle of a step', () => {
  it.each([
    ["what's my password?", 'ask.password'],
    ['what is SMTP', 'ask.smtp'],
    ['is this safe?', 'ask.safety'],
    ['how long will this take', 'ask.duration'],
    ['will I lose my emails?', 'ask.loseMail'],
    ['why do I have to do this?', 'ask.why'],
  ] as const)('"%s" is answered and the customer stays on the step with its buttons', async (question, name) => {
    const h = new BotHarness();
    const results = await h.run([...toStep(OE, 3), [question, `${answer(name)}\n\n${oeLine(3)}`]]);
    expect(results[results.length - 1].messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Done', 'Help', 'Talk to a technician']);
    expect(h.handoffs).toEqual([]);
  });

  it('three questions in a row are not misses: no technician, and done still moves on', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      ["what's my password?", `${answer('ask.password')}\n\n${oeLine(3)}`],
      ['what is SMTP', `${answer('ask.smtp')}\n\n${oeLine(3)}`],
      ['is this safe?', `${answer('ask.safety')}\n\n${oeLine(3)}`],
      ['done', OE.steps[3]],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('"should I also check Secure Password Authentication?" gets the step\'s own answer, and no password warning', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 7), ['should I also check Secure Password Authentication?', `${stepAnswer('outlook-express', 7, 'ask.spa')}\n\n${oeLine(7)}`]]);
  });

  it('"there is no Tools menu" on Microsoft Outlook step 1 explains the newer Outlook', async () => {
    const h = new BotHarness();
    await h.run([...toStep(MSO, 1), ['there is no Tools menu', `${stepAnswer('microsoft-outlook', 1, 'noMenu')}\n\n${msoLine(1)}`]]);
  });
});

describe('what the box shows', () => {
  it('"it already says smtp.airmail.net" on the server step is done', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 5), ['it already says smtp.airmail.net', `${msg('valueRight')}\n\n${OE.steps[5]}`]]);
  });

  it('"mine says mail.airmail.net, should I change it?" is told what to type, and stays on the step', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 5),
      ['mine says mail.airmail.net, should I change it?', `${msg('serverWrong', { observed: 'mail.airmail.net' })}\n\n${oeLine(5)}`],
      ['done', OE.steps[5]],
    ]);
  });

  it('"the account name box just says bob" is told to make it bob@airmail.net', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 6), ['the account name box just says bob', `${msg('addressAddDomain', { observed: 'bob' })}\n\n${oeLine(6)}`]]);
    expect(msg('addressAddDomain', { observed: 'bob' })).toContain('bob@airmail.net');
  });

  it('a full address at the ISP is right: on to the next step', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 6), ['it says bob@airmail.net', `${msg('valueRight')}\n\n${OE.steps[6]}`]]);
  });

  it('"it was already ticked" on the authentication step is done', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 7), ['it was already ticked', `${msg('alreadyDone')}\n\n${OE.steps[7]}`]]);
  });
});

describe('progress in the customer\'s words', () => {
  it.each(['dnoe', 'finshed', 'ok did that', 'yep'])('"%s" moves to the next step', async (words) => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 2), [words, OE.steps[2]]]);
  });

  it('"it worked!" at step 5 goes to the test email check', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 5), ['it worked!', msg('workedEarly')], ['yes', msg('verifyWorked')]]);
    expect(h.handoffs).toEqual([]);
  });

  it('"brb" pauses, and "ok im back" / "where was I?" say the step again', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 4),
      ['brb', texts.wait(4)],
      ['ok im back', `${msg('whereWasI', { n: 4, total: 8 })}\n\n${OE.steps[3]}`],
      ['where was I?', `${msg('whereWasI', { n: 4, total: 8 })}\n\n${OE.steps[3]}`],
    ]);
  });

  it('a slow computer or a call pauses; a frozen screen gets the step\'s help, never the next step', async () => {
    const h = new BotHarness();
    const hint = content.clients[0].steps[3].hint;
    await h.run([
      ...toStep(OE, 4),
      ['sorry my computer is slow', texts.wait(4)],
      ["hold on, it's still loading", texts.wait(4)],
      ['my screen froze', `${msg('cantFirst')}\n\n${texts.hint(4, hint)}`],
      ['this is different on mine', texts.hint(4, hint)],
      ['it says my password is wrong', `${answer('ask.password')}\n\n${oeLine(4)}`],
      ['which tab again?', OE.steps[3]],
      ['still getting 550', `${msg('reportErrorOnStep')}\n\n${oeLine(4)}`],
      ['done', OE.steps[4]],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it.each(['I accidentally closed the window', 'I clicked the wrong thing', 'I typed it wrong', 'I think I messed up'])(
    'a mistake ("%s") gets the step\'s help, never the next step',
    async (mistake) => {
      const h = new BotHarness();
      const hint = content.clients[0].steps[4].hint;
      await h.run([...toStep(OE, 5), [mistake, `${msg('cantFirst')}\n\n${texts.hint(5, hint)}`]]);
      expect(h.handoffs).toEqual([]);
    },
  );

  it('"I\'m stuck" gets the step\'s help first; "I can\'t" again on the same step brings in a technician (stuckOnStep)', async () => {
    const h = new BotHarness();
    const hint = content.clients[0].steps[3].hint;
    await h.run([
      ...toStep(OE, 4),
      ["I'm stuck", `${msg('cantFirst')}\n\n${texts.hint(4, hint)}`],
      ["no, I can't", [handoffEvent('stuckOnStep'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'stuckOnStep', stepReached: '4 of 8' });
  });

  it('"actually I have Outlook 2003, not Express" switches after a yes', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      ['actually I have Outlook 2003, not Express', msg('switchConfirm', { n: 3, total: 8, currentName: 'Outlook Express', clientName: 'Microsoft Outlook' })],
      ['Yes, switch', [texts.intro('Microsoft Outlook', 9), MSO.steps[0]]],
    ]);
  });

  it('"No, stay" keeps the step', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      ['wait, I use outlook 2007', msg('switchConfirm', { n: 3, total: 8, currentName: 'Outlook Express', clientName: 'Outlook 2007' })],
      ['No, stay', `${msg('switchKept', { clientName: 'Outlook Express' })}\n\n${OE.steps[2]}`],
    ]);
  });

  it('anger is acknowledged before anything else, and the step stays', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 2), ['on hold 45 minutes and now a ROBOT??', `${msg('complaintAck')}\n\n${oeLine(2)}`]]);
    expect(h.handoffs).toEqual([]);
  });

  it('a typed password is masked and warned about, with the step\'s line and buttons', async () => {
    const h = new BotHarness();
    const results = await h.run([...toStep(OE, 3), ['the password for my account is Tr0ub4dor&3', `${msg('passwordWarning')}\n\n${oeLine(3)}`]]);
    expect(results[results.length - 1].messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Done', 'Help', 'Talk to a technician']);
  });
});

describe('a password in the very first message', () => {
  it('is masked and warned about in the greeting, before the program question', async () => {
    const h = new BotHarness();
    const [first] = await h.run([
      ['hi my password is Tr0ub4dor&3 and I get error 550', askClient(msg('errorRecognized'), msg('passwordWarning'), msg('explain550'))],
    ]);
    expect(JSON.stringify(first.activities)).not.toContain('Tr0ub4dor');
  });

  it('with the program named: the greeting, the warning, then step 1', async () => {
    const h = new BotHarness();
    await h.run([
      ['I use Outlook Express, my password is Tr0ub4dor&3', [`${msg('greeting')} ${msg('passwordWarning')}`, msg('procedureIntro', { clientName: 'Outlook Express', total: 8 }), OE.steps[0]]],
    ]);
  });
});

describe('after the last step', () => {
  const toVerification = [...toStep(OE, 8), ['done', msg('verifyAsk')] as [string, string]];
  const reprompt = msg('verifyReprompt');

  it('"how do I send a test email?" and "stuck in the Outbox" are answered, and the question stays', async () => {
    const h = new BotHarness();
    await h.run([
      ...toVerification,
      ['how do I send a test email?', `${answer('ask.testEmail')}\n\n${reprompt}`],
      ['my old emails are still stuck in the Outbox', `${answer('ask.outbox')}\n\n${reprompt}`],
      ['it worked', msg('verifyWorked')],
    ]);
  });

  it('"back" returns to the last step', async () => {
    const h = new BotHarness();
    await h.run([...toVerification, ['back', OE.steps[7]], ['done', msg('verifyAsk')]]);
  });

  it('a failed test with the same error gets the three-settings check; if that works, a warm close', async () => {
    const h = new BotHarness();
    await h.run([...toVerification, ['still getting error 550', msg('troubleshootSame')], ['that worked!', msg('verifyWorked')]]);
    expect(h.handoffs).toEqual([]);
  });
});

describe('more than one Outlook, and errors the bot knows', () => {
  it('"actually I have Microsoft Outlook, not Express" asks first, then which Outlook', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 3),
      ['actually I have Microsoft Outlook, not Express', msg('switchConfirm', { n: 3, total: 8, currentName: 'Outlook Express', clientName: 'Microsoft Outlook' })],
      ['yes', msg('askVersion')],
      ['2016', [texts.intro('Outlook 2010 or later', 10), `**Step 1 of 10:** ${content.clients.find((c) => c.id === 'outlook-2010')!.steps[0].text}`]],
    ]);
  });

  it('"I use Outlook" while on the Microsoft Outlook steps is the same program', async () => {
    const h = new BotHarness();
    await h.run([...toStep(MSO, 2), ['I use outlook', `${msg('sameProgram', { clientName: 'Microsoft Outlook' })}\n\n${msoLine(2)}`]]);
  });

  it('a different error the bot knows is explained before the technician, who gets its words', async () => {
    const h = new BotHarness();
    await h.run([
      ...toStep(OE, 8),
      ['done', msg('verifyAsk')],
      ['no, now it says error 0x800CCC0E', [content.understanding.answers.errors['0x800ccc0e'].text, handoffEvent('verificationFailedDifferent'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'verificationFailedDifferent', detail: 'no, now it says error 0x800CCC0E' });
  });
});

describe('unsure of what the customer meant', () => {
  it('asks which it is, with a button for each reading and the step\'s own; an unsure "start over" never resets', async () => {
    const h = new BotHarness();
    const results = await h.run([...toStep(OE, 3), ['take SW-ABC123', msg('clarify')]]);
    const buttons = results[results.length - 1].messages[0].suggestedActions?.actions.map((a) => a.title) ?? [];
    // The readings first (start over, and any close second), then the step's own buttons.
    expect(buttons[0]).toBe('Start over');
    expect(buttons.slice(-3)).toEqual(['Done', 'Help', 'Talk to a technician']);
    await h.run([['done', OE.steps[3]]]);
  });
});
