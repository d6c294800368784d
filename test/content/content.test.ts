import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { ContentError, defaultContentDir, loadContent } from '../../src/content/loader';
import { contentCopy, editJson } from '../support/contentCopy';

const isp = loadConfig({}).isp;


describe('the shipped content', () => {
  test('loads every procedure, in order, with where it comes from', () => {
    const content = loadContent(isp);
    expect(content.clients.map((c) => [c.order, c.id, c.displayName, c.listed, c.source, c.steps.length])).toEqual([
      [1, 'outlook-express', 'Outlook Express', true, 'help page', 8],
      [2, 'microsoft-outlook', 'Microsoft Outlook', true, 'help page', 9],
      [3, 'outlook-2007', 'Outlook 2007', false, 'written for Stepwise, needs review by support', 10],
      [4, 'outlook-2010', 'Outlook 2010 or later', false, 'written for Stepwise, needs review by support', 10],
      [5, 'any-program', 'your mail program', false, 'written for Stepwise, needs review by support', 5],
    ]);
  });

  test('the clients offered in the first question are Outlook Express, then Microsoft Outlook', () => {
    const content = loadContent(isp);
    expect(content.clients.filter((c) => c.listed).map((c) => [c.order, c.displayName])).toEqual([
      [1, 'Outlook Express'],
      [2, 'Microsoft Outlook'],
    ]);
  });

  test('server and domain come from configuration, filled into the step text', () => {
    const content = loadContent({ ...isp, smtpServer: 'smtp.example.net', mailDomain: 'example.net', supportEmail: 'help@example.net' });
    const outlookExpress = content.clients[0];
    expect(outlookExpress.steps[4].text).toBe('In the **Outgoing mail (SMTP)** box, make sure the server entered is **smtp.example.net**.');
    expect(outlookExpress.steps[5].text).toContain('(i.e. **@example.net**)');
    expect(JSON.stringify(content)).not.toContain('airmail');
  });

  test('the support phone in messages comes from configuration', () => {
    const content = loadContent({ ...isp, supportPhone: '1-888-555-0100' });
    expect(content.messages.turnError).toContain('1-888-555-0100');
    expect(content.messages.handoffAlternatives).toBe('If you\'d rather not wait, call 1-888-555-0100 (toll-free) or email support@airmail.net.');
  });
});

describe('adding a mail client is a new file (and its Spanish words), no code change', () => {
  function withFixture(edit?: (data: any) => void): string {
    const dir = contentCopy();
    const file = path.join(dir, 'clients', 'windows-live-mail.json');
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'windows-live-mail.json'), file);
    // ...and its Spanish words, a file of their own.
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'es', 'windows-live-mail.json'), path.join(dir, 'es', 'clients', 'windows-live-mail.json'));
    if (edit) editJson(file, edit);
    return dir;
  }

  test('a fixture client file with a source and a free order is offered third and answers to its aliases', () => {
    const dir = withFixture((d) => {
      d.source = 'written for Stepwise, needs review by support';
      d.order = 6;
    });
    const content = loadContent(isp, dir);
    expect(content.clients.filter((c) => c.listed).map((c) => c.displayName)).toEqual(['Outlook Express', 'Microsoft Outlook', 'Windows Live Mail']);
    const added = content.clients.find((c) => c.id === 'windows-live-mail')!;
    expect(added.listed).toBe(true);
    expect(added.steps[1].text).toBe('In the **Outgoing mail (SMTP)** box, make sure the server is **smtp.airmail.net**.');
    expect(content.localized.es.clients.find((c) => c.id === 'windows-live-mail')!.steps[1].text).toBe(
      'En la casilla **Outgoing mail (SMTP)**, asegúrese de que el servidor sea **smtp.airmail.net**.',
    );
  });

  test('a client file without a source is refused', () => {
    const dir = withFixture();
    expect(() => loadContent(isp, dir)).toThrow(
      new ContentError('Content error in clients/windows-live-mail.json: source must be "help page" or "written for Stepwise, needs review by support"'),
    );
  });

  test('a client file whose order is taken by a procedure is refused', () => {
    const dir = withFixture((d) => (d.source = 'help page'));
    expect(() => loadContent(isp, dir)).toThrow(new ContentError('Content error in clients/windows-live-mail.json: order 3 is also used by clients/outlook-2007.json'));
  });
});

describe('content validation failures give a clear error naming the file and field', () => {
  const cases: [string, (dir: string) => void, string][] = [
    [
      'an empty step text',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.steps[2].text = '')),
      'Content error in clients/outlook-express.json: steps.2.text must not be empty',
    ],
    [
      'a missing hint',
      (dir) => editJson(path.join(dir, 'clients', 'microsoft-outlook.json'), (d) => delete d.steps[0].hint),
      'Content error in clients/microsoft-outlook.json: steps.0.hint Invalid input: expected string, received undefined',
    ],
    [
      'an unknown placeholder',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.steps[4].text = 'Type {smtpHost}.')),
      'Content error in clients/outlook-express.json: steps.4.text uses unknown placeholder {smtpHost}',
    ],
    [
      'the server name written literally',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.steps[4].text = 'Type smtp.airmail.net.')),
      'Content error in clients/outlook-express.json: steps.4.text repeats "smtp.airmail.net" literally; use a placeholder filled from configuration',
    ],
    [
      'the phone number written literally',
      (dir) => editJson(path.join(dir, 'messages.json'), (d) => (d.turnError = 'Call 1-800-232-4335.')),
      'Content error in messages.json: turnError repeats "1-800-232-4335" literally; use a placeholder filled from configuration',
    ],
    [
      'a missing message',
      (dir) => editJson(path.join(dir, 'messages.json'), (d) => delete d.verifyAsk),
      'Content error in messages.json: verifyAsk Invalid input: expected string, received undefined',
    ],
    [
      'a missing button label',
      (dir) => editJson(path.join(dir, 'messages.json'), (d) => delete d.buttons.done),
      'Content error in messages.json: buttons.done Invalid input: expected string, received undefined',
    ],
    [
      'two clients with the same order',
      (dir) => editJson(path.join(dir, 'clients', 'microsoft-outlook.json'), (d) => (d.order = 1)),
      'Content error in clients/outlook-express.json: order 1 is also used by clients/microsoft-outlook.json',
    ],
    [
      'two clients sharing an alias',
      (dir) => editJson(path.join(dir, 'clients', 'microsoft-outlook.json'), (d) => d.aliases.push('OE')),
      'Content error in clients/outlook-express.json: alias "oe" is also used by clients/microsoft-outlook.json',
    ],
    [
      'a client without steps',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.steps = [])),
      'Content error in clients/outlook-express.json: steps must have at least one step',
    ],
    [
      'broken JSON',
      (dir) => fs.writeFileSync(path.join(dir, 'lexicon.json'), '{ "intents": '),
      'Content error in lexicon.json: not valid JSON',
    ],
    [
      'a bad policy value',
      (dir) => editJson(path.join(dir, 'policy.json'), (d) => (d.missesBeforeHandoff = 0)),
      'Content error in policy.json: missesBeforeHandoff Too small: expected number to be >=1',
    ],
    [
      'a transcript bound below what the desk shows a technician (20 lines)',
      (dir) => editJson(path.join(dir, 'policy.json'), (d) => (d.transcripts.maxMessagesPerConversation = 19)),
      'Content error in policy.json: transcripts.maxMessagesPerConversation Too small: expected number to be >=20',
    ],
    [
      'no cap on the conversations whose transcript is kept',
      (dir) => editJson(path.join(dir, 'policy.json'), (d) => delete d.transcripts.maxCharactersPerMessage),
      'Content error in policy.json: transcripts.maxCharactersPerMessage Invalid input: expected number, received undefined',
    ],
    [
      'a client without a source',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => delete d.source),
      'Content error in clients/outlook-express.json: source must be "help page" or "written for Stepwise, needs review by support"',
    ],
    [
      'a source that is neither the help page nor written for Stepwise',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2007.json'), (d) => (d.source = 'reviewed')),
      'Content error in clients/outlook-2007.json: source must be "help page" or "written for Stepwise, needs review by support"',
    ],
    [
      'listed that is not true or false',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2007.json'), (d) => (d.listed = 'no')),
      'Content error in clients/outlook-2007.json: listed Invalid input: expected boolean, received string',
    ],
    [
      'no listed client',
      (dir) => {
        editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.listed = false));
        editJson(path.join(dir, 'clients', 'microsoft-outlook.json'), (d) => (d.listed = false));
      },
      'Content error in clients/: no listed mail client; at least one must have "listed": true',
    ],
    [
      'a family that is not the id of any client',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2007.json'), (d) => (d.family = 'outlook-2003')),
      'Content error in clients/outlook-2007.json: family "outlook-2003" is not the id of any client',
    ],
    [
      'a family that names an unlisted client',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2010.json'), (d) => (d.family = 'outlook-2007')),
      'Content error in clients/outlook-2010.json: family "outlook-2007" must name a listed client, but clients/outlook-2007.json is not listed',
    ],
    [
      'a family that is the client itself',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => ((d.family = 'outlook-express'), (d.versionLabel = 'Outlook Express 6'))),
      'Content error in clients/outlook-express.json: family "outlook-express" is this client\'s own id',
    ],
    [
      'a family on a generic procedure',
      (dir) => editJson(path.join(dir, 'clients', 'any-program.json'), (d) => ((d.family = 'microsoft-outlook'), (d.versionLabel = 'Any Outlook'))),
      'Content error in clients/any-program.json: family is not allowed on a generic procedure',
    ],
    [
      'a family without a versionLabel',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2007.json'), (d) => delete d.versionLabel),
      'Content error in clients/outlook-2007.json: versionLabel is required because this client is a version of "microsoft-outlook"',
    ],
    [
      'a client named as a family without a versionLabel',
      (dir) => editJson(path.join(dir, 'clients', 'microsoft-outlook.json'), (d) => delete d.versionLabel),
      'Content error in clients/microsoft-outlook.json: versionLabel is required because clients/outlook-2007.json names this client as its family',
    ],
    [
      'an empty versionLabel',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2010.json'), (d) => (d.versionLabel = ' ')),
      'Content error in clients/outlook-2010.json: versionLabel must not be empty',
    ],
    [
      'an unknown answer name',
      (dir) => editJson(path.join(dir, 'clients', 'microsoft-outlook.json'), (d) => (d.steps[7].answers['ask.password'] = 'Type it.')),
      'Content error in clients/microsoft-outlook.json: steps.7.answers has unknown question "ask.password"; allowed: ask.spa, ask.stepValue, ask.incoming, ask.port, noMenu',
    ],
    [
      'an empty answer',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2010.json'), (d) => (d.steps[3].answers['ask.incoming'] = '')),
      'Content error in clients/outlook-2010.json: steps.3.answers.ask.incoming must not be empty',
    ],
    [
      'the server name written literally in an answer',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2007.json'), (d) => (d.steps[3].answers['ask.stepValue'] = 'Type smtp.airmail.net.')),
      'Content error in clients/outlook-2007.json: steps.3.answers.ask.stepValue repeats "smtp.airmail.net" literally; use a placeholder filled from configuration',
    ],
    [
      'the mail domain written literally in an answer',
      (dir) => editJson(path.join(dir, 'clients', 'any-program.json'), (d) => (d.steps[2].answers['ask.stepValue'] = 'Like you@airmail.net.')),
      'Content error in clients/any-program.json: steps.2.answers.ask.stepValue repeats "@airmail.net" literally; use a placeholder filled from configuration',
    ],
    [
      'an unknown placeholder in an answer',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.steps[4].answers['ask.incoming'] = 'Keep {popServer}.')),
      'Content error in clients/outlook-express.json: steps.4.answers.ask.incoming uses unknown placeholder {popServer}',
    ],
    [
      'an unknown expects kind',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-express.json'), (d) => (d.steps[0].expects = { kind: 'window' })),
      'Content error in clients/outlook-express.json: steps.0.expects.kind must be one of server, address, checkbox, menu, action',
    ],
    [
      'expects without a kind',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2010.json'), (d) => (d.steps[4].expects = {})),
      'Content error in clients/outlook-2010.json: steps.4.expects.kind must be one of server, address, checkbox, menu, action',
    ],
    [
      'expects with a field other than kind',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2007.json'), (d) => (d.steps[3].expects = { kind: 'server', value: 'smtp' })),
      'Content error in clients/outlook-2007.json: steps.3.expects has unknown field "value"; only kind is allowed',
    ],
    [
      'a new procedure reusing an alias of another',
      (dir) => editJson(path.join(dir, 'clients', 'outlook-2010.json'), (d) => d.aliases.push('Office 2007')),
      'Content error in clients/outlook-2010.json: alias "office 2007" is also used by clients/outlook-2007.json',
    ],
  ];

  /** The parser's own wording follows these; every other message is compared whole. */
  const endsWithParserDetail = new Set(['broken JSON']);

  function errorFrom(load: () => unknown): Error {
    try {
      load();
    } catch (error) {
      return error as Error;
    }
    throw new Error('content loaded without an error');
  }

  test.each(cases)('%s', (name, breakIt, message) => {
    const dir = contentCopy();
    breakIt(dir);
    const error = errorFrom(() => loadContent(isp, dir));
    expect(error).toBeInstanceOf(ContentError);
    if (endsWithParserDetail.has(name)) expect(error.message.startsWith(`${message} (`)).toBe(true);
    else expect(error.message).toBe(message);
  });
});
