import { join } from 'node:path';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { MemoryTimerQueue } from '../../src/timers/memoryTimerQueue';
import { SqliteTimerQueue } from '../../src/timers/sqliteTimerQueue';
import type { Timer, TimerQueue } from '../../src/timers/timerQueue';
import { tempDirForTest } from '../support/tempDirs';

/** The same contract from the in-memory queue and the SQLite table, on a clock the test moves. */
const start = Date.parse('2026-12-01T15:00:00Z');
let now = start;
let close: () => void = () => {};
afterEach(() => close());

const backends: [string, () => TimerQueue][] = [
  ['memory', () => new MemoryTimerQueue(new Map(), () => now, 30_000)],
  [
    'sqlite',
    () => {
      const storage = new SqliteStorage(join(tempDirForTest('stepwise-timers-'), 'stepwise.sqlite'));
      close = () => storage.close();
      return new SqliteTimerQueue(storage, () => now, 30_000);
    },
  ],
];

const timer = (id: string, seconds: number, customerKey = `webchat/conversations/${id}`): Timer => ({
  kind: 'silence',
  id,
  customerKey,
  customer: { conversation: { id } } as Timer['customer'],
  dueAt: new Date(start + seconds * 1000).toISOString(),
});

describe.each(backends)('%s', (_name, open) => {
  let queue: TimerQueue;
  beforeEach(() => {
    now = start;
    queue = open();
  });

  test('a timer is received from its due time, earliest first, as it was scheduled', async () => {
    await queue.schedule(timer('b', 20));
    await queue.schedule(timer('a', 10));
    now = start + 9_999;
    expect(await queue.receiveDue(10)).toEqual([]);
    now = start + 20_000;
    const received = await queue.receiveDue(10);
    expect(received.map((r) => r.timer)).toEqual([timer('a', 10), timer('b', 20)]);
  });

  test('received and not completed (its instance died): hidden for the claim, then received again; an old receipt completes nothing', async () => {
    await queue.schedule(timer('a', 0));
    const [first] = await queue.receiveDue(10);
    expect(await queue.receiveDue(10)).toEqual([]);
    now = start + 29_999;
    expect(await queue.receiveDue(10)).toEqual([]);
    now = start + 30_000;
    const [again] = await queue.receiveDue(10);
    expect(again.timer).toEqual(timer('a', 0));
    await queue.complete(first);
    now = start + 60_000;
    const [third] = await queue.receiveDue(10);
    expect(third.timer).toEqual(timer('a', 0));
    await queue.complete(third);
    now = start + 600_000;
    expect(await queue.receiveDue(10)).toEqual([]);
  });

  test('at most `max` per receive; "forget me" removes a customer\'s pending timers and no one else\'s', async () => {
    await queue.schedule(timer('a', 0, 'webchat/conversations/forgotten'));
    await queue.schedule(timer('b', 5, 'webchat/conversations/forgotten'));
    await queue.schedule(timer('c', 0));
    await queue.schedule(timer('d', 0));
    await queue.forgetCustomer('webchat/conversations/forgotten');
    now = start + 10_000;
    expect((await queue.receiveDue(1)).map((r) => r.timer?.id)).toEqual(['c']);
    expect((await queue.receiveDue(10)).map((r) => r.timer?.id)).toEqual(['d']);
  });
});
