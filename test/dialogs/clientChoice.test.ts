import { BotHarness, MSO, OE, askClient, handoffEvent, msg, texts } from '../support/dialogHarness';

const oeStart = [texts.intro('Outlook Express', 8), OE.steps[0]];
const msoStart = [texts.intro('Microsoft Outlook', 9), MSO.steps[0]];
const unsupported = (clientName: string) =>
  `I only have step-by-step instructions for Outlook Express and Microsoft Outlook, so I'll bring in a technician who knows ${clientName}.`;

describe('client choice', () => {
  it('a joining customer is greeted, told what Error 550 means and offered the programs in seed order as buttons', async () => {
    const h = new BotHarness();
    const joined = await h.join();
    expect(joined.texts).toEqual([texts.welcome]);
    expect(joined.messages[0].suggestedActions?.actions.map((a) => [a.title, a.value])).toEqual([
      ['Outlook Express', 'Outlook Express'],
      ['Microsoft Outlook', 'Microsoft Outlook'],
      ['Another program', 'Another program'],
    ]);
    await h.run([['Outlook Express', oeStart]]);
  });

  it.each([
    ['Outlook Express', oeStart],
    ['Microsoft Outlook', msoStart],
    ['outlook express', oeStart],
    ['OE', oeStart],
    ['Outlook Express 6', oeStart],
    ['outlook 2007', msoStart],
    ['Outlook 2003', msoStart],
    ['MS Outlook', msoStart],
    ['Outlook', msoStart],
    ['1', oeStart],
    ['one', oeStart],
    ['the first one', oeStart],
    ['2', msoStart],
    ['the second one', msoStart],
  ])('"%s" chooses the program', async (answer, start) => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      [answer, start],
    ]);
  });

  it('a first message that already names the program skips the question', async () => {
    const h = new BotHarness();
    await h.run([
      ['I use Outlook 2007 and get error 550', [msg('greeting'), ...msoStart]],
      ['done', MSO.steps[1]],
    ]);
  });

  it.each(['Error 550: Relay is not permitted', "I can't send email"])('a pasted error report "%s" gets the recognized-error opening', async (opening) => {
    const h = new BotHarness();
    await h.run([
      [
        opening,
        'Thanks, that\'s the error I can help with. "Error 550: Relay is not permitted" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I\'ll guide you one step at a time. Which mail program do you use?',
      ],
      ['OE', oeStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('Thunderbird goes to a technician (unsupportedClient) with the program in the summary', async () => {
    const h = new BotHarness();
    const [, turn] = await h.run([
      ['hi', texts.welcome],
      ['Thunderbird', [expect.stringMatching(/^I only have step-by-step instructions for Outlook Express and Microsoft Outlook, so I'll bring in a technician who knows thunderbird\.$/i), handoffEvent('unsupportedClient'), texts.handoffBeforeSteps]],
    ]);
    expect(turn.handoffs).toHaveLength(1);
    expect(h.lastHandoff()).toMatchObject({ reason: 'unsupportedClient', client: null, stepReached: null, stepsCompleted: 0, detail: expect.stringMatching(/^thunderbird$/i) });
  });

  it('"Another program" (the button) goes to a technician (unsupportedClient)', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['Another program', [unsupported(msg('unknownProgramName')), handoffEvent('unsupportedClient'), texts.handoffBeforeSteps]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'unsupportedClient', client: null, stepReached: null });
  });

  it('"3" (the position of Another program) goes to a technician as well', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['3', [unsupported(msg('unknownProgramName')), handoffEvent('unsupportedClient'), texts.handoffBeforeSteps]],
    ]);
  });

  it('three unrecognized replies to the question bring in a technician (repeatedMisses)', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['banana', texts.notUnderstood],
      ['the blue one on my desktop', askClient("Sorry, I didn't catch which program you use. Pick one below or type its name.")],
      ['my nephew set it up', [handoffEvent('repeatedMisses'), texts.handoffBeforeSteps]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'repeatedMisses', attempts: 3, client: null, stepReached: null });
  });

  it('a recognized answer after two misses still starts the procedure', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['banana', texts.notUnderstood],
      ['no idea', texts.notUnderstood],
      ['MS Outlook', msoStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('frustration at the question brings in a technician (frustration)', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['this is useless', [handoffEvent('frustration'), texts.handoffBeforeSteps]],
    ]);
  });

  it('describing the error after the greeting is acknowledged and asked again, not counted as a miss', async () => {
    const h = new BotHarness();
    await h.join();
    await h.run([
      ["I can't send email, it says relay not permitted", askClient(msg('errorRecognized'))],
      ['banana', texts.notUnderstood],
      ['still error 550', askClient(msg('errorRecognized'))],
      ['no idea', texts.notUnderstood],
      ['OE', oeStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });
});
