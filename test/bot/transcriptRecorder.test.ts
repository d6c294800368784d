import { Activity, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { TranscriptRecorder } from '../../src/bot/transcriptRecorder';
import { ConversationTranscripts } from '../../src/storage/conversationTranscripts';

const now = new Date('2026-03-02T09:00:00Z');
const receivedAt = new Date('2026-03-02T08:59:59Z');
const sentAt = new Date('2026-03-02T09:00:01Z');
const customer = { id: 'customer-1', name: 'Casey' };
const bot = { id: 'stepwise-bot', name: 'Stepwise' };
const conversation = { id: 'conv-1', name: 'conv-1', isGroup: false, conversationType: 'personal', tenantId: 'tenant-1' };

function setUp(logic: (context: TurnContext) => Promise<void>) {
  const transcripts = new ConversationTranscripts({ maxMessagesPerConversation: 60, maxConversations: 100 });
  const adapter = new TestAdapter(logic);
  adapter.use(new TranscriptRecorder(transcripts, { maxInputCharacters: 20, now: () => now }));
  const receive = (activity: Partial<Activity>) =>
    adapter.processActivity({
      type: ActivityTypes.Message,
      channelId: 'test',
      serviceUrl: 'https://test.example',
      from: { ...customer },
      recipient: { ...bot },
      conversation: { ...conversation },
      channelData: { big: 'x'.repeat(1000) },
      ...activity,
    });
  return { transcripts, adapter, receive, recorded: () => transcripts.recent('test', 'conv-1') };
}

test('records the message received and the messages sent, in order, with roles, and only the fields the readers use', async () => {
  const { adapter, receive, recorded } = setUp(async (context) => {
    await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivity({ text: `You said: ${context.activity.text}`, timestamp: sentAt, speak: '<speak>You said</speak>', inputHint: 'expectingInput' });
    await context.sendActivity({ type: ActivityTypes.Event, name: 'handoff.initiate', value: { reason: 'customerAsked' } });
  });

  await receive({ id: 'in-1', text: 'hello', timestamp: receivedAt });
  const replyId = adapter.activeQueue.find((a) => a.type === ActivityTypes.Message)!.id;

  expect(recorded()).toStrictEqual([
    {
      type: 'message',
      id: 'in-1',
      timestamp: receivedAt,
      channelId: 'test',
      from: { id: 'customer-1', name: 'Casey', role: 'user' },
      recipient: { id: 'stepwise-bot', role: undefined },
      conversation: { id: 'conv-1', conversationType: 'personal', isGroup: false },
      text: 'hello',
    },
    {
      type: 'message',
      id: replyId,
      timestamp: sentAt,
      channelId: 'test',
      from: { id: 'stepwise-bot', name: 'Stepwise', role: undefined },
      recipient: { id: 'customer-1', role: 'user' },
      conversation: { id: 'conv-1', conversationType: 'personal', isGroup: false },
      text: 'You said: hello',
    },
  ]);
});

test('activities other than messages are not recorded, received or sent', async () => {
  const { receive, recorded } = setUp(async (context) => {
    await context.sendActivity({ type: ActivityTypes.Typing });
  });
  await receive({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ ...customer }] });
  await receive({ type: ActivityTypes.Event, name: 'handoff.status', value: { state: 'accepted' } });
  await receive({ type: ActivityTypes.Typing });
  expect(recorded()).toEqual([]);
});

test('a sender without a role is taken as the user, on the turn activity itself (replies are addressed with it)', async () => {
  let roleSeenByTheBot: string | undefined;
  const { receive } = setUp(async (context) => {
    roleSeenByTheBot = context.activity.from.role;
  });
  await receive({ text: 'hi' });
  expect(roleSeenByTheBot).toBe('user');
});

test('a card submit keeps only the text the bot reads from its value; only the mention of the bot is kept', async () => {
  const { receive, recorded } = setUp(async () => {});
  await receive({
    id: 'in-1',
    text: '<at>Stepwise</at> ',
    value: { text: '  Outlook Express  ', secretish: 'y'.repeat(500) },
    entities: [
      { type: 'mention', mentioned: { ...bot }, text: '<at>Stepwise</at>' },
      { type: 'mention', mentioned: { id: 'someone-else' }, text: '<at>Sam</at>' },
      { type: 'clientInfo', locale: 'en-US' },
    ],
  });
  await receive({ id: 'in-2', text: undefined, value: { choice: 'a choice longer than twenty characters' } });
  await receive({ id: 'in-3', text: 'typed text', value: { text: 'ignored when there is text' } });

  const [mentioned, long, typed] = recorded();
  expect(mentioned.text).toBe('<at>Stepwise</at> ');
  expect(mentioned.value).toBe('Outlook Express');
  expect(mentioned.entities).toEqual([{ type: 'mention', mentioned: { ...bot }, text: '<at>Stepwise</at>' }]);
  expect(long.value).toBe('a choice longer than');
  expect(long.text).toBeUndefined();
  expect(typed.value).toBeUndefined();
  expect(typed.entities).toBeUndefined();
});

test('a turn that throws records nothing of itself, as the SDK logger did', async () => {
  const { adapter, receive, recorded } = setUp(async (context) => {
    if (context.activity.text === 'boom') {
      await context.sendActivity('about to fail');
      throw new Error('bug');
    }
    await context.sendActivity('fine');
  });
  adapter.onTurnError = async () => {};
  await receive({ text: 'hello' });
  await receive({ text: 'boom' });
  expect(recorded().map((entry) => entry.text)).toEqual(['hello', 'fine']);
});
