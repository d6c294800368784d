import { KeyedQueue } from '../../src/bot/keyedQueue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedQueue', () => {
  it('runs work for one key one at a time, in arrival order', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const firstMayFinish = deferred();

    const first = queue.run('customer-1', async () => {
      events.push('first started');
      await firstMayFinish.promise;
      events.push('first finished');
    });
    const second = queue.run('customer-1', async () => {
      events.push('second started');
    });
    await Promise.resolve();
    expect(events).toEqual(['first started']);

    firstMayFinish.resolve();
    await Promise.all([first, second]);
    expect(events).toEqual(['first started', 'first finished', 'second started']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    const blocker = deferred();
    const events: string[] = [];

    const slow = queue.run('customer-1', async () => {
      await blocker.promise;
      events.push('customer-1');
    });
    await queue.run('customer-2', async () => {
      events.push('customer-2');
    });
    expect(events).toEqual(['customer-2']);
    blocker.resolve();
    await slow;
  });

  it('lets the next turn run after one that failed, and forgets idle keys', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('customer-1', async () => {
      throw new Error('turn failed');
    });
    const next = queue.run('customer-1', async () => 'next ran');
    expect(queue.busyKeys).toBe(1);

    await expect(failed).rejects.toThrow('turn failed');
    await expect(next).resolves.toBe('next ran');
    expect(queue.busyKeys).toBe(0);
  });
});
