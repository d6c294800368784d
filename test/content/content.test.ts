import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { ContentError, defaultContentDir, loadContent } from '../../src/content/loader';

const isp = loadConfig({}).isp;

function contentCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-content-'));
  fs.cpSync(defaultContentDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return dir;
}

function editJson(file: string, edit: (data: any) => void): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(data);
  fs.writeFileSync(file, JSON.stringify(data));
}

describe('the shipped content', () => {
  test('loads and lists the clients in the seed order', () => {
    const content = loadContent(isp);
    expect(content.clients.map((c) => [c.order, c.displayName, c.steps.length])).toEqual([
      [1, 'Outlook Express', 8],
      [2, 'Microsoft Outlook', 9],
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

describe('adding a mail client is a new file, no code change', () => {
  test('a fixture client file is offered third and answers to its aliases', () => {
    const dir = contentCopy();
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'windows-live-mail.json'), path.join(dir, 'clients', 'windows-live-mail.json'));
    const content = loadContent(isp, dir);
    expect(content.clients.map((c) => c.displayName)).toEqual(['Outlook Express', 'Microsoft Outlook', 'Windows Live Mail']);
    expect(content.clients[2].steps[1].text).toBe('In the **Outgoing mail (SMTP)** box, make sure the server is **smtp.airmail.net**.');
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
      (dir) => editJson(path.join(dir, 'policy.json'), (d) => delete d.transcripts.maxConversations),
      'Content error in policy.json: transcripts.maxConversations Invalid input: expected number, received undefined',
    ],
  ];

  test.each(cases)('%s', (_name, breakIt, message) => {
    const dir = contentCopy();
    breakIt(dir);
    expect(() => loadContent(isp, dir)).toThrow(ContentError);
    expect(() => loadContent(isp, dir)).toThrow(message);
  });
});
