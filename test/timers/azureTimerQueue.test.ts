import { setTimeout as sleep } from 'node:timers/promises';
import { QueueClient } from '@azure/storage-queue';
import { AzureTimerQueue } from '../../src/timers/azureTimerQueue';
import type { Timer } from '../../src/timers/timerQueue';
import { startAzurite, type Azurite } from '../support/azurite';

/** Timers as messages on Azure Queue Storage (Azurite's queue service), on real time: due and claim times are whole seconds. */
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60000);
afterAll(() => azurite?.stop());

const open = (queueName: string) =>
  new AzureTimerQueue({ account: { connectionString: azurite.connectionString }, queueName, now: () => Date.now(), claimSeconds: 1, requestTimeoutMs: 4000 });

const timer = (id: string, dueInMs: number): Timer => ({
  kind: 'silence',
  id,
  customerKey: `webchat/conversations/${id}`,
  customer: { conversation: { id } } as Timer['customer'],
  dueAt: new Date(Date.now() + dueInMs).toISOString(),
});

test('hidden until due; claimed by one receive; back after the claim when not completed; gone once completed', async () => {
  const queue = open('contract');
  const scheduled = timer('a', 1000);
  await queue.schedule(scheduled);
  expect(await queue.receiveDue(32)).toEqual([]);
  await sleep(1300);
  const [first] = await queue.receiveDue(32);
  expect(first.timer).toEqual(scheduled);
  expect(await queue.receiveDue(32)).toEqual([]);

  // Its instance died: after the claim (1 s) another receives it, with a new receipt; the old one removes nothing.
  await sleep(1300);
  const [again] = await queue.receiveDue(32);
  expect(again.timer).toEqual(scheduled);
  await queue.complete(first);
  await queue.complete(again);
  await sleep(1300);
  expect(await queue.receiveDue(32)).toEqual([]);
}, 20000);

test('a message that is not a timer is received as none (and completed by the dispatch); the queue is created on first use', async () => {
  const queue = open('foreign');
  expect(await queue.receiveDue(32)).toEqual([]);
  await new QueueClient(azurite.connectionString, 'foreign').sendMessage('not a timer');
  const [received] = await queue.receiveDue(32);
  expect(received.timer).toBeUndefined();
  await queue.complete(received);
  await sleep(1300);
  expect(await queue.receiveDue(32)).toEqual([]);
}, 20000);
