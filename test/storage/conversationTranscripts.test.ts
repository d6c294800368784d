import { ConversationTranscripts, TranscriptEntry, TranscriptLimits } from '../../src/storage/conversationTranscripts';

const day = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-01-01T00:00:00Z');

function message(conversationId: string, text: string, channelId = 'webchat'): TranscriptEntry {
  return { type: 'message', channelId, conversation: { id: conversationId } as TranscriptEntry['conversation'], from: { id: 'customer', name: 'C' }, text };
}

function store(limits: Partial<TranscriptLimits> = {}) {
  let now = start;
  const transcripts = new ConversationTranscripts({ maxMessagesPerConversation: 60, maxConversations: 10_000, ...limits }, () => new Date(now));
  const texts = (conversationId: string, channelId = 'webchat') => transcripts.recent(channelId, conversationId).map((entry) => entry.text);
  return { transcripts, texts, advance: (ms: number) => (now += ms) };
}

test('keeps the most recent messages of a conversation, oldest first, dropping the oldest beyond the bound', () => {
  const { transcripts, texts } = store({ maxMessagesPerConversation: 3 });
  for (const text of ['one', 'two', 'three']) transcripts.record(message('a', text));
  expect(texts('a')).toEqual(['one', 'two', 'three']);

  transcripts.record(message('a', 'four'));
  transcripts.record(message('a', 'five'));
  expect(texts('a')).toEqual(['three', 'four', 'five']);
});

test('beyond the conversation cap, the least recently active conversation is dropped', () => {
  const { transcripts, texts } = store({ maxConversations: 2 });
  transcripts.record(message('a', 'a1'));
  transcripts.record(message('b', 'b1'));
  transcripts.record(message('a', 'a2'));
  expect(transcripts.conversations).toBe(2);

  transcripts.record(message('c', 'c1'));

  expect(transcripts.conversations).toBe(2);
  expect(texts('b')).toEqual([]);
  expect(texts('a')).toEqual(['a1', 'a2']);
  expect(texts('c')).toEqual(['c1']);

  transcripts.record(message('d', 'd1'));
  expect(texts('a')).toEqual([]);
  expect(texts('c')).toEqual(['c1']);
  expect(texts('d')).toEqual(['d1']);
});

test('conversations are told apart by channel and id', () => {
  const { transcripts, texts } = store();
  transcripts.record(message('same', 'on web chat', 'webchat'));
  transcripts.record(message('same', 'by SMS', 'sms'));
  expect(texts('same', 'webchat')).toEqual(['on web chat']);
  expect(texts('same', 'sms')).toEqual(['by SMS']);
});

test('deleteOlderThan drops exactly the conversations whose last message is before the cutoff', () => {
  const { transcripts, texts, advance } = store();
  transcripts.record(message('idle', 'hello'));
  transcripts.record(message('revived', 'hello'));
  advance(2 * day);
  transcripts.record(message('revived', 'back again'));
  transcripts.record(message('recent', 'hello'));

  expect(transcripts.deleteOlderThan(new Date(start + 2 * day))).toBe(1);

  expect(texts('idle')).toEqual([]);
  expect(texts('revived')).toEqual(['hello', 'back again']);
  expect(texts('recent')).toEqual(['hello']);
  expect(transcripts.deleteOlderThan(new Date(start + 2 * day))).toBe(0);
  expect(transcripts.deleteOlderThan(new Date(start + 2 * day + 1))).toBe(2);
  expect(transcripts.conversations).toBe(0);
});

test('delete drops one conversation and nothing else', () => {
  const { transcripts, texts } = store();
  transcripts.record(message('a', 'a1'));
  transcripts.record(message('b', 'b1'));
  transcripts.delete('webchat', 'a');
  transcripts.delete('webchat', 'never-seen');
  expect(texts('a')).toEqual([]);
  expect(texts('b')).toEqual(['b1']);
  expect(transcripts.conversations).toBe(1);
});

test('what recent returns is a copy: changing it changes nothing stored', () => {
  const { transcripts, texts } = store();
  transcripts.record(message('a', 'a1'));
  transcripts.recent('webchat', 'a').push(message('a', 'injected'));
  expect(texts('a')).toEqual(['a1']);
});
