import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteStorage } from '../../src/storage/sqliteStorage';
import { greeting, outlookExpressSteps } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * "Forget me" said in a second conversation deletes what the customer left in the first one too (state, open
 * case with its summary, open-case pointer), and the SQLite files keep no readable copy of any of it.
 */
const day = 24 * 60 * 60 * 1000;
const forgotten =
  "Done: I've deleted everything I had stored about you and this conversation, including where you were in the steps. If you need help again, just send a message.";

let dir: string;
let databaseFile: string;
let now: number;
let stepwise: RunningStepwise;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-forget-'));
  databaseFile = join(dir, 'stepwise.sqlite');
  now = Date.parse('2026-03-02T09:00:00Z');
  stepwise = await startStepwise({ STORAGE: 'sqlite', SQLITE_PATH: databaseFile }, { clock: { now: () => new Date(now) } });
});
afterEach(async () => {
  await stepwise.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Which of the database's files (main, -wal, -shm) hold `text`, as bytes. */
function filesContaining(text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return ['', '-wal', '-shm'].filter((suffix) => existsSync(databaseFile + suffix) && readFileSync(databaseFile + suffix).includes(needle)).map((suffix) => suffix || 'main');
}

const say = (conversation: SharedConversation, text: string) => conversation.say(stepwise.botUrl, text);

test('"forget me" in a second conversation deletes the first one\'s state, open case and pointer too, and leaves no bytes of it in the SQLite files', async () => {
  const storage = stepwise.app.storage.storage;
  const first = new SharedConversation(stepwise.connector);
  await first.join(stepwise.botUrl);
  await say(first, 'Outlook Express');
  await say(first, 'done');
  await say(first, 'done');
  const typedFirst = 'my parrot Quetzalcoatl sat on the keyboard';
  await say(first, typedFirst);
  const handoff = await say(first, 'I need a technician');
  const reference = /SW-[2-9A-HJ-NP-Z]{6}/.exec(texts(handoff.replies).join(' '))![0];

  now += day;
  const second = new SharedConversation(stepwise.connector, first.userId);
  expect(texts((await second.join(stepwise.botUrl)).replies)).toEqual([
    'Welcome back! You were on step 3 of 8 for Outlook Express: continue or start over?',
  ]);
  expect(texts((await say(second, 'continue')).replies)).toEqual([outlookExpressSteps[2]]);
  const typedSecond = 'the llama in accounting borrowed my laptop';
  await say(second, typedSecond);

  const firstKey = `webchat/conversations/${first.conversationId}`;
  const secondKey = `webchat/conversations/${second.conversationId}`;
  const pointer = `stepwise/handoff/open/${firstKey}`;
  const needles = { userId: first.userId, typedFirst, typedSecond, reference, firstConversation: first.conversationId, secondConversation: second.conversationId };
  // Before: all of it is stored (the open case's summary quotes what the customer typed).
  expect(Object.keys(await storage.read([firstKey, secondKey, pointer])).sort()).toEqual([firstKey, secondKey, pointer].sort());
  // The case is a record at the customer's pointer.
  const cases = async () => (await stepwise.app.bot.handoff.cases.all()) as { reference: string; customerKey: string }[];
  expect((await cases()).map((c) => [c.reference, c.customerKey])).toEqual([[reference, firstKey]]);
  expect(JSON.stringify((await storage.read([pointer]))[pointer])).toContain(typedFirst);
  // The silence timers (a table in the same file), with the conversation references they hold; the first
  // conversation's is still queued (it finds no check-in due when it comes), as is the second's.
  const checkIns = () =>
    (storage as SqliteStorage).transaction((db) => (db.prepare('SELECT DISTINCT customer_key FROM timers ORDER BY 1').all() as { customer_key: string }[]).map((row) => row.customer_key));
  expect(await checkIns()).toEqual([firstKey, secondKey].sort());
  // (What they typed in the second conversation is only in its transcript, in memory.)
  for (const [name, needle] of Object.entries(needles).filter(([name]) => name !== 'typedSecond')) {
    expect([name, filesContaining(needle)]).not.toEqual([name, []]);
  }

  const turn = await say(second, 'forget me');
  expect(texts(turn.replies)).toEqual([forgotten]);

  // Nothing of either conversation is left in the store, nor in the transcripts.
  const userKeys = [`webchat/users/${first.userId}`, `webchat/user-conversations/${first.userId}`];
  expect(await storage.read([firstKey, secondKey, pointer, `stepwise/handoff/open/${secondKey}`, ...userKeys])).toEqual({});
  expect(await cases()).toEqual([]);
  for (const prefix of ['stepwise/handoff/open/', 'stepwise/handoff/queue/', 'stepwise/handoff/active/']) expect(await storage.list(prefix)).toEqual([]);
  expect(await checkIns()).toEqual([]);
  for (const conversation of [first, second]) {
    expect((await stepwise.app.bot.transcripts.getTranscriptActivities('webchat', conversation.conversationId)).items).toEqual([]);
  }
  // Nor in the database file, its write-ahead log or its shared-memory index, as bytes.
  const found = Object.fromEntries(Object.entries(needles).map(([name, needle]) => [name, filesContaining(needle)]));
  expect(found).toEqual(Object.fromEntries(Object.keys(needles).map((name) => [name, []])));
  expect(stepwise.logLines.some((line) => line.includes('INFO customer data deleted on request') && line.includes('conversations=2'))).toBe(true);

  // Nothing to resume, in either conversation or a new one.
  expect(texts((await new SharedConversation(stepwise.connector, first.userId).join(stepwise.botUrl)).replies)).toEqual([greeting]);
  expect(texts((await say(first, 'hello')).replies)).toEqual([greeting]);
});
