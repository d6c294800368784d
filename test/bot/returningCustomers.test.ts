/**
 * The returning-customer record's list of conversations, which "forget me" goes by: kept by every process
 * without losing another's entry, confirmed daily, and read together with a place written before lists existed.
 */
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { ReturningCustomers } from '../../src/bot/returningCustomers';
import { createMemoryLogger } from '../../src/logging/logger';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';

let now = Date.parse('2026-03-02T09:00:00Z');
const storage = new StepwiseMemoryStorage();
const records = new ReturningCustomers(storage, { days: 7, now: () => new Date(now), logger: createMemoryLogger() });

function turn(conversationId: string, type: string = ActivityTypes.Message, extra: Record<string, unknown> = {}): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type,
    text: 'hello',
    channelId: 'webchat',
    conversation: { id: conversationId, ...extra } as never,
    from: { id: 'user-1' } as never,
    recipient: { id: 'bot' } as never,
  });
}

const listed = async () =>
  ((await storage.read(['webchat/user-conversations/user-1']))['webchat/user-conversations/user-1'] as { conversations: { key: string }[] } | undefined)?.conversations.map(
    (c) => c.key,
  );

beforeEach(async () => {
  await storage.delete(['webchat/users/user-1', 'webchat/user-conversations/user-1']);
});

test('conversations listed at the same time by different turns are all kept', async () => {
  const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => records.keepListed(turn(id), undefined)));
  expect(results).toEqual(Array(4).fill('2026-03-02T09:00:00.000Z'));
  expect((await listed())?.sort()).toEqual(['a', 'b', 'c', 'd'].map((id) => `webchat/conversations/${id}`));
});

test('a listing less than a day old stands; an older one is confirmed; events (a contact centre\'s handoff.status) list nothing', async () => {
  const listedAt = (await records.keepListed(turn('a'), undefined))!;
  now += 23 * 3600 * 1000;
  expect(await records.keepListed(turn('a'), listedAt)).toBeUndefined();
  now += 3600 * 1000;
  expect(await records.keepListed(turn('a'), listedAt)).toBe(new Date(now).toISOString());
  expect(await listed()).toEqual(['webchat/conversations/a']);

  expect(await records.keepListed(turn('e', ActivityTypes.Event), undefined)).toBeUndefined();
  expect(await listed()).toEqual(['webchat/conversations/a']);
});

test('"forget me" finds the listed conversations, the one a place recorded before lists belongs to, and the current one', async () => {
  await records.keepListed(turn('a'), undefined);
  // In a group conversation the customer's state key carries their user id; the transcript is the conversation's.
  await records.keepListed(turn('group', ActivityTypes.Message, { isGroup: true }), undefined);
  await storage.write({
    'webchat/users/user-1': { conversation: 'webchat/conversations/old', clientId: 'outlook-express', phase: 'steps', stepIndex: 2, stepsCompleted: 2, savedAt: '2026-03-01T09:00:00Z' },
  });

  expect(await records.conversationsOf(turn('now'))).toEqual([
    { key: 'webchat/conversations/now', channelId: 'webchat', conversationId: 'now' },
    { key: 'webchat/conversations/a', channelId: 'webchat', conversationId: 'a' },
    { key: 'webchat/conversations/group/customers/user-1', channelId: 'webchat', conversationId: 'group' },
    { key: 'webchat/conversations/old', channelId: 'webchat', conversationId: 'old' },
  ]);
  await records.forget(turn('now'));
  expect(await storage.read(['webchat/users/user-1', 'webchat/user-conversations/user-1'])).toEqual({});
});

describe('the place offered back', () => {
  const placeKey = 'webchat/users/user-1';
  const progress = (stepIndex: number, phase = 'steps') => ({ phase, clientId: 'outlook-express', stepIndex, stepsCompleted: stepIndex, misses: 0 });
  const day = 24 * 3600 * 1000;

  test('the record is written when the program or phase changes, not at every step', async () => {
    const context = turn('a');
    await records.record(context, '', progress(0) as never);
    const written = (await storage.read([placeKey]))[placeKey];
    expect(written).toMatchObject({ conversation: 'webchat/conversations/a', phase: 'steps', stepIndex: 0 });

    await records.record(context, 'outlook-express/steps', progress(3) as never);
    expect((await storage.read([placeKey]))[placeKey].eTag).toBe(written.eTag);

    await records.record(context, 'outlook-express/steps', progress(8, 'verifying') as never);
    expect((await storage.read([placeKey]))[placeKey]).toMatchObject({ phase: 'verifying', stepIndex: 8 });
    await records.record(context, 'outlook-express/verifying', { ...progress(8), phase: 'done' } as never);
    expect(await storage.read([placeKey])).toEqual({});
  });

  test('a new conversation is offered the exact step from the other conversation\'s state, dated by the customer\'s last words there', async () => {
    await records.record(turn('a'), '', progress(1) as never);
    const lastWords = new Date(now + 6 * day).toISOString();
    await storage.write({
      'webchat/conversations/a': {
        progress: progress(5),
        transcript: [
          { from: 'customer', text: 'done', timestamp: lastWords },
          { from: 'bot', text: 'Step 6 of 8', timestamp: lastWords },
        ],
      },
    });

    now += 12 * day;
    expect(await records.lookup(turn('b'))).toEqual({ clientId: 'outlook-express', phase: 'steps', stepIndex: 5, stepsCompleted: 5, savedAt: lastWords });
    now += 1 * day + 1;
    expect(await records.lookup(turn('b'))).toBeUndefined();
    // Not offered in the conversation the place is in: it carries on there.
    now -= 7 * day;
    expect(await records.lookup(turn('a'))).toBeUndefined();
  });

  test('when that conversation\'s state has expired, the place as recorded is offered', async () => {
    await storage.delete(['webchat/conversations/gone']);
    await records.record(turn('gone'), '', progress(2) as never);
    expect(await records.lookup(turn('c'))).toEqual({ clientId: 'outlook-express', phase: 'steps', stepIndex: 2, stepsCompleted: 2, savedAt: new Date(now).toISOString() });
  });
});
