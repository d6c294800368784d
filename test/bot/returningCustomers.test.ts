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
