import { BotHarness, MSO, OE, askClient, content, handoffEvent, msg, texts } from '../support/dialogHarness';

const client = (id: string) => content.clients.find((c) => c.id === id)!;
const firstStep = (id: string) => `**Step 1 of ${client(id).steps.length}:** ${client(id).steps[0].text}`;
const start = (id: string) => [texts.intro(client(id).displayName, client(id).steps.length), firstStep(id)];
const oeStart = [texts.intro('Outlook Express', 8), OE.steps[0]];
const msoStart = [texts.intro('Microsoft Outlook', 9), MSO.steps[0]];
const askVersion = msg('askVersion');
const genericOffer = (clientName: string) => msg('genericOffer', { clientName });

describe('client choice', () => {
  it('a joining customer is greeted, told what Error 550 means and offered the programs in seed order as buttons', async () => {
    const h = new BotHarness();
    const joined = await h.join();
    expect(joined.texts).toEqual([texts.welcome]);
    expect(joined.messages[0].suggestedActions?.actions.map((a) => [a.title, a.value])).toEqual([
      ['Outlook Express', 'Outlook Express'],
      ['Microsoft Outlook', 'Microsoft Outlook'],
      ['Another program', 'Another program'],
      ['Español', 'Español'],
    ]);
    await h.run([['Outlook Express', oeStart]]);
  });

  it.each([
    ['Outlook Express', oeStart],
    ['outlook express', oeStart],
    ['OE', oeStart],
    ['Outlook Express 6', oeStart],
    ['outlok expres', oeStart],
    ['Outlook 2003', msoStart],
    ['outlook xp', msoStart],
    ['1', oeStart],
    ['one', oeStart],
    ['the first one', oeStart],
    ['outlook 2007', start('outlook-2007')],
    ['Outlook 2016', start('outlook-2010')],
    ['microsoft 365', start('outlook-2010')],
    ['classic outlook', start('outlook-2010')],
    ['i read my mail on the website but send from outlook express', oeStart],
  ])('"%s" chooses the program', async (answer, expected) => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      [answer, expected],
    ]);
  });

  it.each(['Microsoft Outlook', 'MS Outlook', 'Outlook', '2', 'the second one'])('"%s" (no version) asks which Outlook, with the versions as buttons', async (answer) => {
    const h = new BotHarness();
    const [, asked] = await h.run([
      ['hi', texts.welcome],
      [answer, askVersion],
    ]);
    expect(asked.messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Outlook 2000, 2002 (XP) or 2003',
      'Outlook 2007',
      'Outlook 2010 to 2024, or Microsoft 365',
      'No Tools menu',
    ]);
  });

  it.each([
    ['Outlook 2000, 2002 (XP) or 2003', msoStart],
    ['Outlook 2007', start('outlook-2007')],
    ['Outlook 2010 to 2024, or Microsoft 365', start('outlook-2010')],
    ['its 2019', start('outlook-2010')],
    ['No Tools menu', start('outlook-2010')],
    ["there's no tools menu", start('outlook-2010')],
    ['yes it has a tools menu', msoStart],
  ])('the version question: "%s"', async (answer, expected) => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['Microsoft Outlook', askVersion],
      [answer, expected],
    ]);
  });

  it('"how do I tell?" at the version question explains where to look, and asks again', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['outlook', askVersion],
      ['how do I tell which one I have?', msg('versionHelp')],
      ['Outlook 2007', start('outlook-2007')],
    ]);
  });

  it('a first message that already names the program skips the question', async () => {
    const h = new BotHarness();
    await h.run([
      ['I use Outlook 2007 and get error 550', [msg('greeting'), ...start('outlook-2007')]],
      ['done', `**Step 2 of 10:** ${client('outlook-2007').steps[1].text}`],
    ]);
  });

  it.each(['Error 550: Relay is not permitted', "I can't send email"])('a pasted error report "%s" gets the recognized-error opening', async (opening) => {
    const h = new BotHarness();
    await h.run([
      [opening, texts.errorWelcome],
      ['OE', oeStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('a pasted bounce naming a recipient at yahoo.com is the error, not the program Yahoo', async () => {
    const h = new BotHarness();
    await h.run([
      ["Your message to mary.jones@yahoo.com couldn't be delivered. Remote server returned '550 5.7.1 Relay not permitted'", texts.errorWelcome],
      ['OE', oeStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('"what do you mean, mail program?" is explained, then asked again', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['what do you mean mail program?', askClient(content.understanding.answers.answers['ask.mailProgram'].text)],
      ['windows', askClient(content.understanding.answers.answers['ask.mailProgram'].text)],
      ['Outlook Express', oeStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('Thunderbird is offered the general three settings; trying them starts that guide', async () => {
    const h = new BotHarness();
    const [, offered] = await h.run([
      ['hi', texts.welcome],
      ['Thunderbird', genericOffer('Thunderbird')],
      ['Try the general steps', start('any-program')],
    ]);
    expect(offered.messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Try the general steps', 'Talk to a technician']);
    expect(h.handoffs).toEqual([]);
  });

  it('"I\'m on a mac" is Apple Mail: offered the general three settings', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ["I'm on a mac", genericOffer('Apple Mail')],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('Thunderbird, then a technician: the summary names the program (unsupportedClient)', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['i use thunderbird', genericOffer('Thunderbird')],
      ['Talk to a technician', [handoffEvent('unsupportedClient'), texts.handoffBeforeSteps]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'unsupportedClient', client: null, stepReached: null, stepsCompleted: 0, detail: 'Thunderbird' });
  });

  it.each([
    ['an iPhone', 'an iPhone or iPad'],
    ['gmail in my browser', 'Gmail'],
  ])('%s gets an honest answer and the offer of a technician', async (answer, name) => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      [answer, msg('phoneOrWeb', { clientName: name })],
      ['yes please', [handoffEvent('unsupportedClient'), texts.handoffBeforeSteps]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'unsupportedClient', detail: name });
  });

  it.each(['i just use the website in chrome', 'I send from webmail', 'in my browser'])(
    '"%s": webmail needs no change, so the customer is asked which program shows the error',
    async (answer) => {
      const h = new BotHarness();
      await h.run([
        ['hi', texts.welcome],
        [answer, askClient(msg('webmail'))],
        ['outlook express', oeStart],
      ]);
      expect(() => h.lastHandoff()).toThrow('No handoff event was sent');
    },
  );

  it('on a step, "I use the website" is told webmail needs no change, and the step stays', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['Outlook Express', oeStart],
      ['actually I do it on the website', `${msg('webmail')}\n\n${msg('answerReminder', { n: 1, total: 8, title: client('outlook-express').steps[0].title })}`],
      ['done', OE.steps[1]],
    ]);
  });

  it('the new Outlook gets an honest answer and the offer of a technician', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['I have the new Outlook', msg('newOutlook')],
      ['classic outlook', start('outlook-2010')],
    ]);
  });

  it.each(['Another program', '3'])('"%s" offers the general steps for "your mail program"', async (answer) => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      [answer, genericOffer(msg('unknownProgramName'))],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('three unrecognized replies to the question bring in a technician (repeatedMisses)', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['banana', texts.notUnderstood],
      ['purple monkey dishwasher', texts.notUnderstood],
      ['xyzzy plugh', [handoffEvent('repeatedMisses'), texts.handoffBeforeSteps]],
    ]);
    expect(h.lastHandoff()).toMatchObject({ reason: 'repeatedMisses', attempts: 3, client: null, stepReached: null });
  });

  it('a recognized answer after two misses still starts the procedure', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['banana', texts.notUnderstood],
      ['xyzzy', texts.notUnderstood],
      ['Outlook 2003', msoStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('giving up at the question is acknowledged and brings in a technician (frustration)', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['this is useless', [msg('frustrationAck'), handoffEvent('frustration'), texts.handoffBeforeSteps]],
    ]);
  });

  it('anger about the wait is acknowledged first, then the question again, with no handoff', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['on hold 45 minutes and now a ROBOT??', askClient(msg('complaintAck'))],
    ]);
    expect(h.handoffs).toEqual([]);
  });

  it('describing the error after the greeting is acknowledged and asked again, not counted as a miss', async () => {
    const h = new BotHarness();
    await h.join();
    await h.run([
      ["I can't send email, it says relay not permitted", askClient(msg('errorRecognized'))],
      ['banana', texts.notUnderstood],
      ['still error 550', askClient(msg('errorRecognized'))],
      ['xyzzy', texts.notUnderstood],
      ['OE', oeStart],
    ]);
    expect(h.handoffs).toEqual([]);
  });
});

describe('the first message', () => {
  it('a question first ("is this safe?") gets the greeting, the answer, and the program question', async () => {
    const h = new BotHarness();
    await h.run([['is this safe?', askClient(msg('greeting'), content.understanding.answers.answers['ask.safety'].text)]]);
  });

  it('"I have Outlook" first gets the greeting and the version question', async () => {
    const h = new BotHarness();
    await h.run([['I have Outlook', `${msg('greeting')} ${askVersion}`]]);
  });
});
