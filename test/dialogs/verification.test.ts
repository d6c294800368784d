import { BotHarness, MSO, OE, content, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

const toVerification = (client: typeof OE) => [...toStep(client, client.steps.length), ['done', msg('verifyAsk')] as [string, string]];

describe('an error code in the answer to "did it send?"', () => {
  it('"still getting 550" is the same error: the three settings are checked at once', async () => {
    const h = new BotHarness();
    await h.run([...toVerification(OE), ['still getting 550', msg('troubleshootSame')]]);
    expect(h.handoffs).toEqual([]);
  });

  it('"now I get 0x800CCC0E" is a new error, never "your mail is working"', async () => {
    const h = new BotHarness();
    const results = await h.run([
      ...toVerification(OE),
      ['now I get 0x800CCC0E', [content.understanding.answers.errors['0x800ccc0e'].text, handoffEvent('verificationFailedDifferent'), texts.handoff]],
    ]);
    expect(results[results.length - 1].texts.join('\n')).not.toContain(msg('verifyWorked'));
  });

  it('"it worked, no more 550" is still success', async () => {
    const h = new BotHarness();
    await h.run([...toVerification(OE), ['it worked, no more 550', msg('verifyWorked')]]);
  });
});

describe('verification after the last step', () => {
  it('"still failing" -> same or different? -> "same" hands off (verificationFailedSame)', async () => {
    const h = new BotHarness();
    await h.run([
      ...toVerification(OE),
      ['still failing', 'Sorry it\'s still not working. Is it the same Error 550 message, or a different error?'],
      ['same', msg('troubleshootSame')],
      ['nope, still the same', [handoffEvent('verificationFailedSame'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({
      reason: 'verificationFailedSame',
      reasonText: 'All steps done, but the test email still fails with the same Error 550.',
      client: 'Outlook Express',
      phase: 'verifying',
      stepReached: null,
      stepsCompleted: 8,
    });
  });

  it('the buttons "Still failing" then "Same Error 550" hand off (verificationFailedSame)', async () => {
    const h = new BotHarness();
    await h.run([
      ...toVerification(MSO),
      ['Still failing', msg('verifyFailedCheck')],
      ['Same Error 550', msg('troubleshootSame')],
      ['Still failing', [handoffEvent('verificationFailedSame'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ client: 'Microsoft Outlook', stepsCompleted: 9 });
  });

  it('"a different error" hands off (verificationFailedDifferent) with the text as detail', async () => {
    const h = new BotHarness();
    await h.run([
      ...toVerification(OE),
      ['still failing', msg('verifyFailedCheck')],
      ['a different error', msg('errorTextAsk')],
      ['it says the server could not be found', [handoffEvent('verificationFailedDifferent'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({
      reason: 'verificationFailedDifferent',
      reasonText: 'All steps done, but the test email fails with a different error.',
      detail: 'it says the server could not be found',
    });
  });

  it('pasted new error text hands off (verificationFailedDifferent) with that text as detail', async () => {
    const pasted = "The connection to the server has failed. Account: 'mail', Server: 'smtp.airmail.net', Protocol: SMTP, Port: 25, Error Number: 0x800CCC0E";
    const h = new BotHarness();
    await h.run([
      ...toVerification(MSO),
      ['no', msg('verifyFailedCheck')],
      // A known error is explained first (0x800CCC0E: the server cannot be reached).
      [pasted, [content.understanding.answers.errors['0x800ccc0e'].text, handoffEvent('verificationFailedDifferent'), texts.handoff]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'verificationFailedDifferent', detail: pasted });
  });

  it('an unclear answer to the test-email question re-asks without deciding', async () => {
    const h = new BotHarness();
    await h.run([
      ...toVerification(OE),
      ['hmm let me look', 'Did your test email send? Tell me it worked, or that it\'s still failing.'],
      ['it worked', msg('verifyWorked')],
      ['hello', msg('completedAlready')],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('asking for a technician at the test-email question hands off (customerAsked) with all steps done', async () => {
    const h = new BotHarness();
    await h.run([...toVerification(OE), ['technician', [handoffEvent('customerAsked'), texts.handoff]]]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'customerAsked', phase: 'verifying', stepsCompleted: 8, stepReached: null });
    expect(h.lastHandoff().headline).toBe('Outlook Express: all 8 steps done, test email failing. The customer asked for a technician.');
  });
});
