import { CaseStore, HandoffCase } from '../../src/handoff/cases';
import { ManualClock } from '../../src/handoff/clock';
import type { HandoffSummary } from '../../src/handoff/summary';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { RecordingStorage } from '../support/recordingStorage';

/** The per-customer pointers CaseStore keeps next to the cases document. */
const casesKey = 'stepwise/handoff/cases';
const pointer = (customerKey: string) => `stepwise/handoff/open/${customerKey}`;
const alice = 'webchat/conversations/alice';
const bob = 'webchat/conversations/bob';

let clock: ManualClock;
let storage: RecordingStorage;
let store: CaseStore;
let nextId = 1;

beforeEach(() => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  storage = new RecordingStorage(new StepwiseMemoryStorage(() => clock.now()));
  store = new CaseStore(storage, () => clock.now());
});

function newCase(customerKey: string, status: HandoffCase['status'] = 'queued'): HandoffCase {
  const now = clock.now().toISOString();
  return {
    id: `case-${nextId++}`,
    reference: 'SW-ABCDEF',
    customerKey,
    customer: {},
    reason: 'customerAsked',
    status,
    createdAt: now,
    updatedAt: now,
    summary: {} as HandoffSummary,
    onDesk: true,
    viaProtocol: false,
  };
}

async function open(customerKey: string): Promise<HandoffCase> {
  const item = newCase(customerKey);
  await store.update((cases) => {
    cases.push(item);
  });
  return item;
}

const close = (item: HandoffCase) =>
  store.change(item.id, (c) => {
    c.status = 'closed';
  });

async function stored(key: string): Promise<unknown> {
  const item = (await storage.inner.read([key]))[key];
  if (!item) return undefined;
  const { eTag: _eTag, ...document } = item;
  return document;
}

test('a customer without an open case is answered from their pointer alone: the cases document is not read', async () => {
  await open(bob);
  storage.take();
  // Once per process: pointers for open cases stored before pointers existed (see below).
  expect(await store.openFor(alice)).toBeUndefined();
  expect(storage.take()).toEqual([
    { op: 'read', key: casesKey },
    { op: 'write', key: pointer(bob) },
    { op: 'read', key: pointer(alice) },
  ]);

  expect(await store.openFor(alice)).toBeUndefined();
  expect(storage.take()).toEqual([{ op: 'read', key: pointer(alice) }]);

  expect(await store.openFor(bob)).toMatchObject({ customerKey: bob, status: 'queued' });
  expect(storage.take()).toEqual([
    { op: 'read', key: pointer(bob) },
    { op: 'read', key: casesKey },
  ]);
});

test('the pointer is written before the case opens and deleted after it closes; other changes leave it alone', async () => {
  await store.openFor(alice);
  storage.take();

  const item = await open(alice);
  expect(storage.take()).toEqual([
    { op: 'read', key: casesKey },
    { op: 'write', key: pointer(alice) },
    { op: 'write', key: casesKey },
  ]);
  expect(await stored(pointer(alice))).toEqual({ writtenAt: '2026-12-01T15:00:00.000Z' });

  await store.change(item.id, (c) => {
    c.status = 'active';
  });
  expect(storage.take()).toEqual([
    { op: 'read', key: casesKey },
    { op: 'write', key: casesKey },
  ]);

  await close(item);
  expect(storage.take()).toEqual([
    { op: 'read', key: casesKey },
    { op: 'write', key: casesKey },
    { op: 'delete', key: pointer(alice) },
  ]);
  expect(await stored(pointer(alice))).toBeUndefined();
  expect(await store.openFor(alice)).toBeUndefined();
});

test('a case that is closed when it is added (after hours) never gets a pointer', async () => {
  await store.update((cases) => {
    cases.push(newCase(alice, 'closed'));
  });
  expect(storage.calls.filter((call) => call.key === pointer(alice))).toEqual([]);
});

test('the pointer stays while the customer still has another open case', async () => {
  const first = await open(alice);
  await open(alice);
  await close(first);
  expect(await stored(pointer(alice))).toBeDefined();
  expect(await store.openFor(alice)).toMatchObject({ status: 'queued' });
});

test('a stale pointer (its case closed by another process) is found harmless and deleted when read', async () => {
  await storage.inner.write({ [pointer(alice)]: { writtenAt: clock.now().toISOString() } });
  expect(await store.openFor(alice)).toBeUndefined();
  expect(await stored(pointer(alice))).toBeUndefined();
});

test('forgetting a customer deletes their cases and their pointer, also a stale one', async () => {
  await open(alice);
  await open(bob);
  await store.removeFor(alice);
  expect(await stored(pointer(alice))).toBeUndefined();
  expect((await store.all()).map((c) => c.customerKey)).toEqual([bob]);

  await storage.inner.write({ [pointer(alice)]: { writtenAt: clock.now().toISOString() } });
  await store.removeFor(alice);
  expect(await stored(pointer(alice))).toBeUndefined();
  expect(await stored(pointer(bob))).toBeDefined();
});

test('open cases stored without pointers (by an earlier version) get them before the first look-up', async () => {
  await storage.inner.write({ [casesKey]: { cases: [newCase(alice), newCase(bob, 'closed')] } });
  const restarted = new CaseStore(storage, () => clock.now());
  expect(await restarted.openFor(alice)).toMatchObject({ customerKey: alice });
  expect(await stored(pointer(alice))).toBeDefined();
  expect(await stored(pointer(bob))).toBeUndefined();
});

test('a case that is closed and a new one opened for the same customer right after keeps its pointer (deletes are done under the lock)', async () => {
  const item = await open(alice);
  storage.deleteDelayMs = 20;
  await Promise.all([close(item), open(alice)]);
  expect(await stored(pointer(alice))).toBeDefined();
  expect(await store.openFor(alice)).toMatchObject({ status: 'queued' });
});

test('a pointer read more than an hour after it was written is rewritten, so the retention sweep keeps it while its case is open', async () => {
  await store.openFor(bob);
  const item = await open(alice);
  clock.advance(3600);
  await store.openFor(alice);
  expect(await stored(pointer(alice))).toEqual({ writtenAt: '2026-12-01T15:00:00.000Z' });
  clock.advance(1);
  await store.openFor(alice);
  expect(await stored(pointer(alice))).toEqual({ writtenAt: '2026-12-01T16:00:01.000Z' });

  // Forty days in a queue: the customer asks every day, the desk changes the case every day.
  for (let day = 0; day < 40; day++) {
    clock.advance(24 * 3600);
    await store.openFor(alice);
    await store.change(item.id, () => undefined);
    await storage.inner.deleteOlderThan(new Date(clock.now().getTime() - 30 * 24 * 3600 * 1000));
  }
  expect(await store.openFor(alice)).toMatchObject({ id: item.id, status: 'queued' });
});
