import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import type { ClientContent } from '../../src/content/schema';
import { normalizeText, containsPhrase } from '../../src/understanding/normalize';
import { microsoftOutlookSteps, outlookExpressSteps } from '../support/expectedSteps';

const isp = loadConfig({}).isp;
const content = loadContent(isp);
const byId = (id: string): ClientContent => {
  const client = content.clients.find((c) => c.id === id);
  if (!client) throw new Error(`no client ${id}`);
  return client;
};
const allSteps = content.clients.flatMap((client) => client.steps.map((step, i) => ({ where: `${client.id} step ${i + 1}`, client, step })));
const review = 'written for Stepwise, needs review by support';

describe('the help-page procedures', () => {
  test('Outlook Express steps are the help page, word for word', () => {
    const client = byId('outlook-express');
    expect(client.steps.map((step, i) => `**Step ${i + 1} of ${client.steps.length}:** ${step.text}`)).toEqual(outlookExpressSteps);
  });

  test('Microsoft Outlook steps are the help page, word for word', () => {
    const client = byId('microsoft-outlook');
    expect(client.steps.map((step, i) => `**Step ${i + 1} of ${client.steps.length}:** ${step.text}`)).toEqual(microsoftOutlookSteps);
  });

  test('both come from the help page, are listed first and second, and Microsoft Outlook labels its versions', () => {
    expect(['outlook-express', 'microsoft-outlook'].map((id) => [byId(id).source, byId(id).listed, byId(id).order])).toEqual([
      ['help page', true, 1],
      ['help page', true, 2],
    ]);
    expect(byId('microsoft-outlook').versionLabel).toBe('Outlook 2000, 2002 (XP) or 2003');
    expect(byId('outlook-express').versionLabel).toBeUndefined();
  });

  test('what each step sets up', () => {
    expect(byId('outlook-express').steps.map((s) => s.expects?.kind)).toEqual(['menu', 'menu', 'menu', 'menu', 'server', 'address', 'checkbox', 'action']);
    expect(byId('microsoft-outlook').steps.map((s) => s.expects?.kind)).toEqual([
      'menu',
      'menu',
      'menu',
      'server',
      'address',
      'menu',
      'menu',
      'checkbox',
      'action',
    ]);
  });

  test('no Tools menu in Microsoft Outlook means a newer Outlook: the customer is asked for the version', () => {
    expect(byId('microsoft-outlook').steps[0].answers?.noMenu).toBe(
      "No Tools menu at the top means a newer Outlook: Outlook 2010 and later have File at the top left instead, and in Outlook 2007 the Tools menu has Account Settings rather than E-mail Accounts. Tell me which version of Outlook you have (for example 2007, 2010 or Microsoft 365) and I'll give you the steps for it.",
    );
  });

  test('Secure Password Authentication stays off on the authentication step', () => {
    expect(byId('outlook-express').steps[6].answers?.['ask.spa']).toBe(
      'Leave Secure Password Authentication (SPA) unticked unless a technician tells you otherwise: only tick My server requires authentication.',
    );
    expect(byId('microsoft-outlook').steps[7].answers?.['ask.spa']).toBe(
      'Leave Secure Password Authentication (SPA) unticked unless a technician tells you otherwise: only tick My outgoing server (SMTP) requires authentication.',
    );
  });
});

describe('the procedures written for Stepwise', () => {
  test('are not offered in the first question and wait for review by support', () => {
    expect(content.clients.filter((c) => c.source === review).map((c) => [c.id, c.listed])).toEqual([
      ['outlook-2007', false],
      ['outlook-2010', false],
      ['any-program', false],
    ]);
  });

  test('the versions of Microsoft Outlook, with their labels for the version question', () => {
    const versions = content.clients.filter((c) => c.id === 'microsoft-outlook' || c.family === 'microsoft-outlook');
    expect(versions.map((c) => [c.id, c.versionLabel])).toEqual([
      ['microsoft-outlook', 'Outlook 2000, 2002 (XP) or 2003'],
      ['outlook-2007', 'Outlook 2007'],
      ['outlook-2010', 'Outlook 2010 to 2024, or Microsoft 365'],
    ]);
  });

  test('Outlook 2007 starts at Tools > Account Settings; Outlook 2010 and later at File', () => {
    expect(byId('outlook-2007').steps[0].text).toBe('Click on the **Tools** menu, then choose **Account Settings**.');
    expect(byId('outlook-2010').steps[0].text).toBe(
      'Click **File** at the top left, then click **Account Settings** and choose **Account Settings...** from the list that opens.',
    );
  });

  test('the Microsoft 365 account window is explained where Change may open it', () => {
    expect(byId('outlook-2010').steps[2].hint).toContain('POP Account Settings');
    expect(byId('outlook-2010').steps[3].answers?.noMenu).toContain('Outgoing mail');
  });

  test('the procedure for any program is generic, has no family, and three to five steps', () => {
    const any = byId('any-program');
    expect([any.generic, any.family, any.versionLabel]).toEqual([true, undefined, undefined]);
    expect(any.steps.length).toBeGreaterThanOrEqual(3);
    expect(any.steps.length).toBeLessThanOrEqual(5);
    expect(any.steps.map((s) => s.expects?.kind)).toEqual(['menu', 'server', 'address', 'checkbox', 'action']);
  });

  test('the versions of Outlook end with the server, the user name, More Settings, the tab, the check mark and saving', () => {
    for (const id of ['outlook-2007', 'outlook-2010']) {
      expect(byId(id).steps.slice(3).map((s) => s.expects?.kind)).toEqual(['server', 'address', 'menu', 'menu', 'checkbox', 'action', 'action']);
    }
  });
});

describe('every step of every procedure', () => {
  test.each(allSteps)('$where says what it sets up and has a hint', ({ step }) => {
    expect(step.expects?.kind).toMatch(/^(server|address|checkbox|menu|action)$/);
    expect(step.hint.trim().length).toBeGreaterThan(20);
  });

  test.each(allSteps.filter(({ step }) => step.expects?.kind === 'server'))('$where (server) names the server and answers what to type and whether to change incoming', ({ step }) => {
    expect(step.text).toContain(`**${isp.smtpServer}**`);
    expect(step.answers?.['ask.stepValue']).toContain(isp.smtpServer);
    expect(step.answers?.['ask.incoming']).toBe(`Leave the incoming mail server as it is: only the outgoing server needs to be ${isp.smtpServer}.`);
  });

  test.each(allSteps.filter(({ step }) => step.expects?.kind === 'address'))('$where (address) names the domain and answers what to type', ({ step }) => {
    expect(step.text).toContain(`@${isp.mailDomain}`);
    expect(step.answers?.['ask.stepValue']).toContain(`yourname@${isp.mailDomain}`);
  });

  test.each(allSteps.filter(({ step }) => step.expects?.kind === 'checkbox'))('$where (checkbox) answers the SPA question: leave it unticked', ({ step }) => {
    expect(step.answers?.['ask.spa']).toMatch(/^Leave Secure Password Authentication \(SPA\) unticked unless a technician tells you otherwise: only /);
  });

  test('answers are filled from configuration, like the step text', () => {
    const other = loadContent({ ...isp, smtpServer: 'smtp.example.net', mailDomain: 'example.net', supportEmail: 'help@example.net' });
    const step = other.clients.find((c) => c.id === 'outlook-2010')!.steps[3];
    expect(step.answers?.['ask.incoming']).toBe('Leave the incoming mail server as it is: only the outgoing server needs to be smtp.example.net.');
    expect(JSON.stringify(other.clients)).not.toContain('airmail');
  });
});

describe('names customers use', () => {
  const aliases = content.clients.flatMap((client) => client.aliases.map((alias) => ({ client: client.id, alias: normalizeText(alias) })));

  test('no alias swallows "another program" or a program that goes to a technician', () => {
    const phrases = [...content.understanding.intents.intents.otherProgram.commands, ...content.understanding.entities.programs.flatMap((p) => (p.id.startsWith('other:') ? p.synonyms : []))].map(normalizeText);
    const swallowed = aliases.filter(({ alias }) => phrases.some((phrase) => containsPhrase(alias, phrase)));
    expect(swallowed).toEqual([]);
  });

  test('the versions of Outlook answer to their years', () => {
    const owner = (alias: string) => aliases.find((a) => a.alias === alias)?.client;
    expect(['office 2007', 'outlook 2010', 'outlook 2016', 'outlook 2021', 'outlook 365', 'office 365'].map(owner)).toEqual([
      'outlook-2007',
      'outlook-2010',
      'outlook-2010',
      'outlook-2010',
      'outlook-2010',
      'outlook-2010',
    ]);
  });
});
