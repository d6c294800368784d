import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { HttpConversation, RunningStepwise, startStepwise, texts as replyTexts } from '../support/stepwiseServer';

/**
 * What a customer types reaches the technician as plain words: a markdown link, bold text or an
 * <at> tag shows literally on the desk card, in the queue, in the transcript and in relayed
 * messages, and creates no link, no formatting and no @mention.
 */
const deskId = '19:desk@thread.tacv2';
const mentionPrefix = /^<at>[^<]+<\/at> /;
const texts = (replies: ReceivedActivity[]): string[] => replyTexts(replies).map((text) => text.replace(mentionPrefix, ''));

const hostile = '[click](http://evil) **bold** <at>Someone</at>';
const shown = '\\[click\\](http://evil) \\*\\*bold\\*\\* &lt;at&gt;Someone&lt;/at&gt;';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise((connectorUrl) => ({
    HANDOFF_DESTINATIONS: 'protocol,desk',
    DESK_CHANNEL_ID: 'msteams',
    DESK_CONVERSATION_ID: deskId,
    DESK_SERVICE_URL: connectorUrl,
    DESK_TECHNICIANS: '29:sam-teams-id',
  }));
});
afterAll(() => stepwise.stop());

const sam = () =>
  new HttpConversation(stepwise, 'msteams', '29:sam-teams-id', {
    conversationId: deskId,
    userName: 'Sam Support',
    conversationExtra: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
  });

function referenceIn(text: string): string {
  const match = /SW-[2-9A-HJ-NP-Z]{6}/.exec(text);
  if (!match) throw new Error(`no reference in: ${text}`);
  return match[0];
}

type CardContent = { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[] };

function cardLines(card: ReceivedActivity): string[] {
  return (card.attachments![0].content as CardContent).body.filter((b) => b.type === 'TextBlock').map((b) => b.text!);
}

function facts(card: ReceivedActivity): Record<string, string> {
  const content = card.attachments![0].content as CardContent;
  return Object.fromEntries(content.body.find((b) => b.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
}

test('markdown and tags a customer types show literally on the card, in the queue, in the transcript and in relayed messages', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  for (let i = 1; i < 6; i++) await customer.say('done');
  await customer.say(hostile);
  const handoff = await customer.say('technician');
  const reference = referenceIn(texts(handoff.replies)[0]);

  // The card: what the customer said, escaped; nothing of it as markdown or a tag.
  const [card] = stepwise.connector.take(deskId);
  const lines = cardLines(card);
  expect(lines).toContain(`"${shown}"`);
  expect(lines.join('\n')).not.toContain(hostile);
  expect(lines.join('\n')).not.toContain('<at>');
  expect(facts(card).Why).toBe('The customer asked for a technician.');

  // A headline with the customer's words in it (the program name a customer gave, or content that quotes them).
  const item = (await stepwise.app.bot.handoff.cases.all()).find((c) => c.reference === reference)!;
  await stepwise.app.bot.handoff.cases.change(item, (c) => {
    c.summary.headline = `${hostile}: stuck at step 6 of 8: Account name.`;
  });
  const queue = await sam().say('queue');
  expect(texts(queue.replies)).toEqual([`Waiting customers: 1\n\n1. ${reference}: ${shown}: stuck at step 6 of 8: Account name.`]);

  // The transcript the technician gets on taking the case.
  const taken = await sam().say(`take ${reference}`);
  const connected = texts(taken.replies)[0].split('\n\n');
  expect(connected).toContain(`Customer: ${shown}`);
  expect(connected).not.toContain(`Customer: ${hostile}`);
  stepwise.connector.take(customer.address.conversationId);
  stepwise.connector.take(deskId);

  // Relayed messages.
  const relayed = await customer.say(hostile);
  expect(texts(relayed.replies)).toEqual([]);
  expect(texts(stepwise.connector.take(deskId))).toEqual([`**Customer (${reference}):** ${shown}`]);
  const more = await customer.say('# Heading\n- item\n1. first & &lt;b&gt; `code` _it_ ~~gone~~ | x \\ y');
  expect(texts(more.replies)).toEqual([]);
  expect(texts(stepwise.connector.take(deskId))).toEqual([
    `**Customer (${reference}):** \\# Heading\n\\- item\n1\\. first & &amp;lt;b&amp;gt; \\\`code\\\` \\_it\\_ \\~\\~gone\\~\\~ \\| x \\\\ y`,
  ]);

  // The case is unchanged by any of it: still with Sam.
  expect((await stepwise.app.bot.handoff.cases.all()).find((c) => c.reference === reference)).toMatchObject({ status: 'active', activeVia: 'desk' });
});

test('in Teams, the handoff card in the customer\'s own chat shows their words literally too', async () => {
  const customer = new HttpConversation(stepwise, 'msteams', `29:customer-${Date.now()}`, {
    userName: 'Pat Customer',
    conversationExtra: { conversationType: 'personal', tenantId: 'tenant-1' },
  });
  await customer.say('Outlook Express');
  await customer.say(hostile);
  const handoff = await customer.say('technician');
  const card = handoff.replies.find((a) => a.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive')!;
  const lines = cardLines(card);
  expect(lines).toContain(`"${shown}"`);
  expect(JSON.stringify(card.attachments)).not.toContain('<at>');
  expect(JSON.stringify(card.attachments)).not.toContain('[click](http://evil)');
  stepwise.connector.take(deskId);
});
