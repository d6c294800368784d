import { caseCard, caseCardActivity } from '../../src/desk/card';
import { escapeCustomerText } from '../../src/channels/customerText';
import type { HandoffCase } from '../../src/handoff/cases';
import type { HandoffKit } from '../../src/handoff/kit';
import { content } from '../support/dialogHarness';

/** The desk card's facts and its plain-text line carry the customer's words literally. */
const kit = { content } as HandoffKit;
const hostile = '[click](http://evil) **bold** <at>Someone</at>';
const shown = '\\[click\\](http://evil) \\*\\*bold\\*\\* &lt;at&gt;Someone&lt;/at&gt;';

function caseWith(detail: string): HandoffCase {
  return {
    id: 'case-1',
    reference: 'SW-ABCDEF',
    customerKey: 'webchat/conv-1/user-1',
    customer: { channelId: 'webchat', conversation: { id: 'conv-1' } as never },
    reason: 'verificationFailedDifferent',
    detail,
    status: 'queued',
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    onDesk: true,
    viaProtocol: false,
    summary: {
      reference: 'SW-ABCDEF',
      client: 'Outlook Express',
      clientId: 'outlook-express',
      language: 'en',
      languageName: 'English',
      stepReached: null,
      step: null,
      stepsCompleted: 8,
      completedSteps: ['Open Accounts'],
      phase: 'verifying',
      reason: 'verificationFailedDifferent',
      reasonText: 'All steps done, but the test email fails with a different error.',
      attempts: 0,
      detail,
      recentCustomerMessages: [hostile],
      where: 'all 8 steps done, the test email still fails',
      headline: `Outlook Express: ${hostile}`,
    },
  };
}

test('card facts, the last messages and the plain-text line show markdown and tags literally', () => {
  const item = caseWith(hostile);
  const card = caseCard(kit, item, 1).content as { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[] };
  const facts = Object.fromEntries(card.body.find((b) => b.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
  expect(facts).toEqual({
    Program: 'Outlook Express',
    Where: 'all 8 steps done, the test email still fails',
    'Steps done': '8: Open Accounts',
    'Attempts on this step': '0',
    Why: `All steps done, but the test email fails with a different error. "${shown}"`,
    Channel: 'webchat',
    Language: 'English',
    Status: 'Waiting: number 1 in the queue',
  });
  expect(card.body.filter((b) => b.type === 'TextBlock').map((b) => b.text)).toEqual([
    'Customer needs help: SW-ABCDEF',
    "The customer's last messages",
    `"${shown}"`,
  ]);
  expect(caseCardActivity(kit, item, 1).text).toBe(`Customer needs help: SW-ABCDEF: Outlook Express: ${shown} (Waiting: number 1 in the queue)`);
});

test.each([
  ['plain words are left as they are', "It says 0x800CCC0E. Help! (Outlook 2003)", "It says 0x800CCC0E. Help! (Outlook 2003)"],
  ['a link', '[click](http://evil)', '\\[click\\](http://evil)'],
  ['an image', '![x](http://evil/x.png)', '!\\[x\\](http://evil/x.png)'],
  ['an autolink', '<http://evil>', '&lt;http://evil&gt;'],
  ['bold, italics, code, strikethrough', '**b** __u__ *i* `c` ~~s~~', '\\*\\*b\\*\\* \\_\\_u\\_\\_ \\*i\\* \\`c\\` \\~\\~s\\~\\~'],
  ['a mention and a tag', '<at>Someone</at> <b>x</b>', '&lt;at&gt;Someone&lt;/at&gt; &lt;b&gt;x&lt;/b&gt;'],
  ['an entity stays as typed', 'a &lt;at&gt; b &amp; c & d', 'a &amp;lt;at&amp;gt; b &amp;amp; c & d'],
  ['a backslash', 'C:\\Program Files', 'C:\\\\Program Files'],
  ['headings, lists, quotes, tables at the start of a line', '# h\n - a\n+ b\n2. c\n> q\n| t |', '\\# h\n \\- a\n\\+ b\n2\\. c\n&gt; q\n\\| t \\|'],
])('%s', (_name, text, expected) => {
  expect(escapeCustomerText(text)).toBe(expected);
});
