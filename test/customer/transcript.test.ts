import { Activity, ActivityTypes } from 'botbuilder';
import { linesAsActivities, receivedLine, sentLine, storedLines, withLines } from '../../src/customer/transcript';

const now = new Date('2026-03-02T09:00:00Z');
const bounds = { maxMessagesPerConversation: 3, maxCharactersPerMessage: 300 };
const bot = { id: 'stepwise-bot', name: 'Stepwise' };

function message(fields: Partial<Activity>): Activity {
  return { type: ActivityTypes.Message, channelId: 'msteams', from: { id: 'customer-1' }, recipient: { ...bot }, conversation: { id: 'conv-1' }, ...fields } as Activity;
}

test('a received message is kept as the bot read it: the @mention of the bot removed, a card value as its text, cut to what it reads', () => {
  const mentioned = message({
    text: '<at>Stepwise</at> Outlook Express',
    entities: [{ type: 'mention', mentioned: { ...bot }, text: '<at>Stepwise</at>' }],
    timestamp: new Date('2026-03-02T08:59:59Z'),
  });
  // Dated by the bot's clock: the activity's timestamp is the client's.
  expect(receivedLine(mentioned, now, 2000, bounds)).toEqual({ from: 'customer', text: 'Outlook Express', timestamp: '2026-03-02T09:00:00.000Z' });
  expect(receivedLine(message({ value: { choice: '  a choice longer than twenty characters ' } }), now, 20, bounds)).toEqual({
    from: 'customer',
    text: 'a choice longer than',
    timestamp: '2026-03-02T09:00:00.000Z',
  });
  // The turn's own activity is left as it came.
  expect(mentioned.text).toBe('<at>Stepwise</at> Outlook Express');
});

test('a picture without words, typing and events leave no line; a sent message keeps its text, cut to the bound', () => {
  expect(receivedLine(message({ attachments: [{ contentType: 'image/png', contentUrl: 'https://x.example/a.png' }] }), now, 2000, bounds)).toBeUndefined();
  expect(receivedLine(message({ type: ActivityTypes.Typing }), now, 2000, bounds)).toBeUndefined();
  expect(sentLine({ type: ActivityTypes.Event, name: 'handoff.initiate' }, now, bounds)).toBeUndefined();
  expect(sentLine({ type: ActivityTypes.Typing }, now, bounds)).toBeUndefined();
  expect(sentLine({ text: 'x'.repeat(400) }, now, bounds)).toEqual({ from: 'bot', text: 'x'.repeat(300), timestamp: '2026-03-02T09:00:00.000Z' });
});

test('the state keeps the most recent lines, oldest first, dropping the oldest beyond the bound', () => {
  const line = (text: string) => ({ from: 'customer' as const, text, timestamp: now.toISOString() });
  const state: Record<string, unknown> = { progress: { phase: 'steps' } };
  state.transcript = withLines(state, [line('one'), line('two')], bounds);
  expect(storedLines(state).map((l) => l.text)).toEqual(['one', 'two']);
  state.transcript = withLines(state, [line('three'), line('four')], bounds);
  expect(storedLines(state).map((l) => l.text)).toEqual(['two', 'three', 'four']);
  expect(storedLines({ transcript: 'not lines' })).toEqual([]);
});

test('lines read back as message activities between the customer and the bot, roles filled in', () => {
  const lines = [
    { from: 'customer' as const, text: 'help', timestamp: '2026-03-02T09:00:00.000Z' },
    { from: 'bot' as const, text: 'Here is how', timestamp: '2026-03-02T09:00:01.000Z' },
  ];
  const parties = { channelId: 'msteams', conversation: { id: 'conv-1', isGroup: false } as Activity['conversation'], customer: { id: 'customer-1', name: 'Casey' }, bot };
  expect(linesAsActivities(lines, parties)).toEqual([
    {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: 'conv-1', isGroup: false, conversationType: undefined },
      from: { id: 'customer-1', name: 'Casey', role: 'user' },
      recipient: { id: 'stepwise-bot', name: 'Stepwise', role: 'bot' },
      text: 'help',
      timestamp: new Date('2026-03-02T09:00:00.000Z'),
    },
    {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: 'conv-1', isGroup: false, conversationType: undefined },
      from: { id: 'stepwise-bot', name: 'Stepwise', role: 'bot' },
      recipient: { id: 'customer-1', name: 'Casey', role: 'user' },
      text: 'Here is how',
      timestamp: new Date('2026-03-02T09:00:01.000Z'),
    },
  ]);
});
