import { Activity, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { markCommittedByTurn, TranscriptRecorder } from '../../src/bot/transcriptRecorder';
import { markForgotten } from '../../src/customer/forgotten';
import { StoredTranscripts } from '../../src/customer/storedTranscripts';
import { StorageWithRival } from '../support/storageWithRival';
import { createMemoryLogger } from '../../src/logging/logger';

const now = new Date('2026-03-02T09:00:00Z');
const bounds = { maxMessagesPerConversation: 20, maxCharactersPerMessage: 500 };
const key = 'test/conversations/conv-1';


function setUp(logic: (context: TurnContext) => Promise<void>, records = true) {
  const storage = new StorageWithRival(() => now);
  const transcripts = new StoredTranscripts(storage, bounds);
  const logger = createMemoryLogger();
  const adapter = new TestAdapter(logic);
  adapter.use(new TranscriptRecorder(transcripts, { bounds, now: () => now, records: () => records, logger }));
  /** A turn the bot starts itself (check-in, technician's words): a continuation event, as botbuilder makes one. */
  const proactive = (fields: Partial<Activity> = {}) =>
    adapter.processActivity({
      type: ActivityTypes.Event,
      name: 'ContinueConversation',
      channelId: 'test',
      from: { id: 'customer-1', name: 'Casey', role: 'user' },
      recipient: { id: 'stepwise-bot', name: 'Stepwise' },
      conversation: { id: 'conv-1', name: '', isGroup: false, conversationType: 'personal' },
      ...fields,
    } as Activity);
  const lines = async () => (await transcripts.lines('test', 'conv-1')).map(({ from, text }) => `${from}: ${text}`);
  return { storage, logger, proactive, lines };
}

test('what the bot says outside the customer\'s turns is added to the transcript in their state, which stays as it was', async () => {
  const { storage, proactive, lines } = setUp(async (context) => {
    await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivity('Still with me?');
  });
  await storage.write({ [key]: { progress: { phase: 'steps', stepIndex: 3 }, transcript: [{ from: 'customer', text: 'done', timestamp: now.toISOString() }] } });

  await proactive();

  expect(await lines()).toEqual(['customer: done', 'bot: Still with me?']);
  expect((await storage.read([key]))[key].progress).toEqual({ phase: 'steps', stepIndex: 3 });
});

test('a customer\'s turn in another instance saved meanwhile is kept: the line is added to it, not over it', async () => {
  const { storage, proactive, lines } = setUp(async (context) => {
    await context.sendActivity('A technician has joined.');
  });
  await storage.write({ [key]: { progress: { phase: 'handoff' } } });
  storage.beforeNextWrite(async () => {
    const stored = (await storage.read([key]))[key];
    await storage.writeGuarded([{ key, item: { progress: { phase: 'steps' }, transcript: [{ from: 'customer', text: 'hello?', timestamp: now.toISOString() }] }, condition: { kind: 'eTag', eTag: stored.eTag } }]);
  });

  await proactive();

  expect(await lines()).toEqual(['customer: hello?', 'bot: A technician has joined.']);
  expect((await storage.read([key]))[key].progress).toEqual({ phase: 'steps' });
});

test('nothing is written for a conversation without state, one that is not a customer\'s, a forgotten customer or a customer\'s own turn', async () => {
  const withoutState = setUp(async (context) => {
    await context.sendActivity('Still with me?');
  });
  await withoutState.proactive();
  expect(await withoutState.storage.read([key])).toEqual({});

  const desk = setUp(async (context) => {
    await context.sendActivity('Case SW-ABC234 is waiting');
  }, false);
  await desk.storage.write({ [key]: { progress: {} } });
  await desk.proactive();
  expect(await desk.lines()).toEqual([]);

  for (const mark of [markForgotten, markCommittedByTurn]) {
    const marked = setUp(async (context) => {
      mark(context);
      await context.sendActivity('hello');
    });
    await marked.storage.write({ [key]: { progress: {} } });
    await marked.proactive();
    expect(await marked.lines()).toEqual([]);
  }
});

test('a store that fails leaves the turn alone and says so once in the log', async () => {
  const { storage, logger, proactive } = setUp(async (context) => {
    await context.sendActivity('Still with me?');
  });
  await storage.write({ [key]: { progress: {} } });
  storage.beforeNextWrite(async () => {
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  });
  await proactive();
  expect(logger.lines.filter((line) => line.includes('could not add to the transcript'))).toHaveLength(1);
});

test('a sender without a role is taken as the user, on the turn activity itself (replies are addressed with it)', async () => {
  let roleSeenByTheBot: string | undefined;
  const { proactive } = setUp(async (context) => {
    roleSeenByTheBot = context.activity.from.role;
  });
  await proactive({ type: ActivityTypes.Message, text: 'hi', from: { id: 'customer-1', name: 'Casey' } });
  expect(roleSeenByTheBot).toBe('user');
});
