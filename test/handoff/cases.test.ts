import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseStore, closedRetentionMs, HandoffCase, TechnicianSession } from '../../src/handoff/cases';
import { ManualClock } from '../../src/handoff/clock';
import type { HandoffSummary } from '../../src/handoff/summary';
import type { DurableStorage } from '../../src/storage/guardedWrite';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { RecordingStorage } from '../support/recordingStorage';

/**
 * Handoff cases as records: one per customer at their pointer, changed only over the version read; the desk's
 * queue and taken cases as marker keys. Two CaseStores on one store play two bot processes.
 */
const legacyKey = 'stepwise/handoff/cases';
const pointer = (customerKey: string) => `stepwise/handoff/open/${customerKey}`;
const customer = (n: number | string) => `webchat/conversations/customer-${n}`;
const alex: TechnicianSession = { id: '29:alex', name: 'Alex Tech', conversation: {} };
const sam: TechnicianSession = { id: '29:sam', name: 'Sam Support', conversation: {} };

/** A distinct reference per case, in the references' alphabet. */
const referenceFor = (n: number) => `SW-${[...n.toString(32).padStart(6, '0')].map((d) => '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'[parseInt(d, 32)]).join('')}`;

const backends: [string, (clock: ManualClock) => { storage: DurableStorage; close(): void }][] = [
  ['memory', (clock) => ({ storage: new StepwiseMemoryStorage(() => clock.now()), close: () => undefined })],
  [
    'SQLite',
    (clock) => {
      const dir = mkdtempSync(join(tmpdir(), 'stepwise-cases-'));
      const sqlite = new SqliteStorage(join(dir, 'stepwise.sqlite'), { now: () => clock.now() });
      return {
        storage: sqlite,
        close: () => {
          sqlite.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

describe.each(backends)('case records on %s', (_name, open) => {
  let clock: ManualClock;
  let backend: { storage: DurableStorage; close(): void };
  let storage: RecordingStorage;
  /** Two processes sharing the store. */
  let one: CaseStore;
  let two: CaseStore;
  let nextId = 1;

  beforeEach(() => {
    clock = new ManualClock('2026-12-01T15:00:00Z');
    backend = open(clock);
    storage = new RecordingStorage(backend.storage);
    one = new CaseStore(storage, () => clock.now());
    two = new CaseStore(storage, () => clock.now());
  });
  afterEach(() => backend.close());

  function newCase(customerKey: string, changes: Partial<HandoffCase> = {}): HandoffCase {
    const now = clock.now().toISOString();
    const id = `case-${String(nextId++).padStart(4, '0')}`;
    return {
      id,
      reference: referenceFor(nextId),
      customerKey,
      customer: {},
      reason: 'customerAsked',
      status: 'queued',
      createdAt: now,
      updatedAt: now,
      summary: { headline: `headline of ${id}` } as HandoffSummary,
      onDesk: true,
      viaProtocol: false,
      ...changes,
    };
  }

  /** What the gateway does: a desk case is queued first, then stored. */
  async function openCase(store: CaseStore, item: HandoffCase): Promise<HandoffCase> {
    if (item.onDesk && item.status === 'queued') await store.enqueue(item);
    const result = await store.open(item);
    if (!result.opened) throw new Error(`not opened: ${item.id}`);
    return item;
  }

  async function stored(key: string): Promise<Record<string, unknown> | undefined> {
    const item = (await backend.storage.read([key]))[key];
    if (!item) return undefined;
    const { eTag: _eTag, ...document } = item;
    return document;
  }

  const markers = async () => [...(await backend.storage.list('stepwise/handoff/queue/')), ...(await backend.storage.list('stepwise/handoff/active/'))];

  test('a customer without a case costs one read of their pointer; one with a case, the same single read', async () => {
    await openCase(one, newCase(customer('b')));
    await one.openFor(customer('a'));
    storage.take();
    expect(await one.openFor(customer('a'))).toBeUndefined();
    expect(storage.take()).toEqual([{ op: 'read', key: pointer(customer('a')) }]);
    expect(await one.openFor(customer('b'))).toMatchObject({ customerKey: customer('b'), status: 'queued' });
    expect(storage.take()).toEqual([{ op: 'read', key: pointer(customer('b')) }]);
  });

  test('a case is created only where the customer has no open one: a second request returns the first', async () => {
    const first = await openCase(one, newCase(customer(1)));
    expect(await stored(pointer(customer(1)))).toEqual({ ...first, writtenAt: '2026-12-01T15:00:00.000Z' });

    const second = newCase(customer(1));
    await two.enqueue(second);
    expect(await two.open(second)).toEqual({ opened: false, existing: first });
    // The refused request's queue marker is gone again: one case, one marker.
    expect((await one.queue()).map((c) => c.id)).toEqual([first.id]);
    expect(await markers()).toHaveLength(1);
  });

  test('a new case replaces the customer\'s closed one', async () => {
    const first = await openCase(one, newCase(customer(1)));
    await one.change(first, (c) => {
      c.status = 'closed';
      c.outcome = 'cancelled';
    });
    expect(await one.openFor(customer(1))).toBeUndefined();
    expect(await one.lastFor(customer(1))).toMatchObject({ id: first.id, status: 'closed' });
    const second = await openCase(two, newCase(customer(1)));
    expect(await one.openFor(customer(1))).toMatchObject({ id: second.id, status: 'queued' });
  });

  test('changes are conditional: two processes changing one case at once both land, neither overwrites the other', async () => {
    const item = await openCase(one, newCase(customer(1)));
    await Promise.all([
      one.change(item, (c) => {
        c.waitingExplained = true;
      }),
      two.change(item, (c) => {
        c.summary = { ...c.summary, headline: 'moved on to step 7' };
      }),
      two.change(item, (c) => {
        c.ticket = 'T-1';
      }),
    ]);
    expect(await one.get(item)).toMatchObject({ waitingExplained: true, ticket: 'T-1', summary: { headline: 'moved on to step 7' } });
  });

  test('a change of a case that is no longer the customer\'s (replaced, forgotten) changes nothing', async () => {
    const item = await openCase(one, newCase(customer(1)));
    await one.removeFor(customer(1));
    expect(await one.change(item, (c) => void (c.status = 'active'))).toBeUndefined();
    expect(await stored(pointer(customer(1)))).toBeUndefined();
  });

  test('two technicians taking one case at once, in two processes: one gets it, the other is told who has it', async () => {
    const item = await openCase(one, newCase(customer(1)));
    const [byAlex, bySam] = await Promise.all([one.take({ reference: item.reference }, alex), two.take({ reference: item.reference }, sam)]);
    const results = [byAlex, bySam];
    expect(results.filter((r) => r.kind === 'ok')).toHaveLength(1);
    const winner = byAlex.kind === 'ok' ? alex : sam;
    expect(results.find((r) => r.kind !== 'ok')).toEqual({ kind: 'taken', item: expect.objectContaining({ id: item.id, technician: winner }) });
    expect(await one.get(item)).toMatchObject({ status: 'active', activeVia: 'desk', technician: winner });
    // Out of the queue, among the taken.
    expect(await one.queue()).toEqual([]);
    expect((await two.taken()).map((c) => c.id)).toEqual([item.id]);

    // Later presses of its "Take it" button: who has it; once closed, nobody is waiting with that reference.
    expect(await two.take({ reference: item.reference }, sam)).toMatchObject({ kind: 'taken', item: { technician: winner } });
    await one.change(item, (c) => void (c.status = 'closed'));
    expect(await two.take({ reference: item.reference }, sam)).toEqual({ kind: 'none' });
    expect(await markers()).toEqual([]);
  });

  test('"take next" by two technicians at once gives each a different case, oldest first', async () => {
    const first = await openCase(one, newCase(customer(1)));
    clock.advance(1);
    const second = await openCase(two, newCase(customer(2)));
    const results = await Promise.all([one.take('next', alex), two.take('next', sam)]);
    expect(results.map((r) => (r.kind === 'ok' ? r.item.id : r.kind)).sort()).toEqual([first.id, second.id]);
    expect(await one.take('next', alex)).toEqual({ kind: 'none' });
  });

  test('the queue is in created order (then id), whichever process wrote which, and lists only waiting desk cases', async () => {
    const late = newCase(customer('late'));
    clock.advance(-60);
    const early = newCase(customer('early'));
    const sameTime = newCase(customer('same-time'));
    clock.advance(60);
    const protocolOnly = newCase(customer('protocol'), { onDesk: false, viaProtocol: true });
    await openCase(one, late);
    await openCase(two, sameTime);
    await openCase(one, early);
    await openCase(two, protocolOnly);
    expect((await two.queue()).map((c) => c.id)).toEqual([early.id, sameTime.id, late.id]);
    expect(await one.queuePosition(late)).toBe(3);
    expect(await one.queuePosition(protocolOnly)).toBeUndefined();

    await two.take('next', alex);
    expect((await one.queue()).map((c) => c.id)).toEqual([sameTime.id, late.id]);
    expect(await one.queuePosition(late)).toBe(2);
    await one.change(sameTime, (c) => {
      c.status = 'closed';
      c.outcome = 'cancelled';
    });
    expect(await one.queuePosition(late)).toBe(1);
  });

  test('40 requests at once, split over two processes: 40 cases, 40 in the queue, in created order', async () => {
    const items = Array.from({ length: 40 }, (_, i) => {
      clock.set(new Date(Date.parse('2026-12-01T15:00:00Z') + i * 10));
      return newCase(customer(i));
    });
    await Promise.all(items.map((item, i) => openCase(i % 2 ? two : one, item)));
    expect((await one.queue()).map((c) => c.id)).toEqual(items.map((item) => item.id));
    expect(new Set((await two.all()).map((c) => c.reference)).size).toBe(40);
  });

  test('a closed case stays readable for 7 days, then counts as gone; the retention sweep deletes it, never an open one', async () => {
    const closed = await openCase(one, newCase(customer('closed')));
    await one.change(closed, (c) => {
      c.status = 'closed';
      c.outcome = 'ended';
    });
    const waiting = await openCase(one, newCase(customer('waiting')));

    clock.advance(closedRetentionMs / 1000);
    expect(await two.lastFor(customer('closed'))).toMatchObject({ id: closed.id, outcome: 'ended' });
    clock.advance(1);
    expect(await two.lastFor(customer('closed'))).toBeUndefined();
    expect(await two.openFor(customer('closed'))).toBeUndefined();

    // Forty days in the queue: the customer asks every day; the sweep (30 days) takes only what nobody rewrote.
    for (let day = 0; day < 40; day++) {
      clock.advance(24 * 3600);
      expect(await one.openFor(customer('waiting'))).toMatchObject({ id: waiting.id, status: 'queued' });
      await backend.storage.deleteOlderThan(new Date(clock.now().getTime() - 30 * 24 * 3600 * 1000));
    }
    expect(await stored(pointer(customer('closed')))).toBeUndefined();
    expect((await two.queue()).map((c) => c.id)).toEqual([waiting.id]);
  });

  test('an open case\'s pointer read more than an hour after it was written is rewritten, with its marker', async () => {
    const item = await openCase(one, newCase(customer(1)));
    clock.advance(3600);
    storage.take();
    await one.openFor(customer(1));
    expect(storage.take()).toEqual([{ op: 'read', key: pointer(customer(1)) }]);
    clock.advance(1);
    await one.openFor(customer(1));
    expect(storage.take().map((call) => call.op)).toEqual(['read', 'write', 'write']);
    expect(await stored(pointer(customer(1)))).toMatchObject({ id: item.id, writtenAt: '2026-12-01T16:00:01.000Z' });
  });

  test('forgetting a customer deletes their case and its markers, and nobody else\'s', async () => {
    const item = await openCase(one, newCase(customer(1)));
    await openCase(one, newCase(customer(2)));
    await two.take({ reference: item.reference }, alex);
    await two.removeFor(customer(1));
    expect(await stored(pointer(customer(1)))).toBeUndefined();
    expect((await one.all()).map((c) => c.customerKey)).toEqual([customer(2)]);
    expect(await markers()).toHaveLength(1);
  });

  test('a marker left without its case (a process stopped between the two writes) is dropped after a minute', async () => {
    const orphan = newCase(customer('orphan'));
    await one.enqueue(orphan);
    const item = await openCase(one, newCase(customer(1)));
    expect(await two.queuePosition(item)).toBe(2);
    expect((await two.queue()).map((c) => c.id)).toEqual([item.id]);
    expect(await markers()).toHaveLength(2);
    clock.advance(61);
    expect((await two.queue()).map((c) => c.id)).toEqual([item.id]);
    expect(await markers()).toHaveLength(1);
    expect(await two.queuePosition(item)).toBe(1);
  });

  test('the cases document of an earlier version becomes records once: open cases keep their place, it is then deleted', async () => {
    const waiting = newCase(customer(1));
    clock.advance(1);
    const withAlex = newCase(customer(2), { status: 'active', activeVia: 'desk', technician: alex });
    const oldClosed = newCase(customer(1), { status: 'closed', outcome: 'cancelled' });
    const closed = newCase(customer(3), { status: 'closed', outcome: 'resolved' });
    await backend.storage.write({
      [legacyKey]: { cases: [oldClosed, waiting, withAlex, closed], eTag: '*' },
      // The pointers that version kept.
      [pointer(customer(1))]: { writtenAt: '2026-12-01T14:00:00.000Z', eTag: '*' },
      [pointer(customer(2))]: { writtenAt: '2026-12-01T14:00:00.000Z', eTag: '*' },
    });

    expect(await one.openFor(customer(1))).toEqual(waiting);
    expect(await stored(legacyKey)).toBeUndefined();
    expect(await two.openFor(customer(2))).toEqual(withAlex);
    expect(await two.lastFor(customer(3))).toEqual(closed);
    expect((await two.queue()).map((c) => c.id)).toEqual([waiting.id]);
    expect((await two.taken()).map((c) => c.id)).toEqual([withAlex.id]);
    // A second process converts nothing twice.
    const three = new CaseStore(storage, () => clock.now());
    expect(await three.openFor(customer(1))).toEqual(waiting);
    expect(await markers()).toHaveLength(2);
  });

  test('a pointer of the earlier version without its case (closed meanwhile) is no case, and a new case replaces it', async () => {
    await backend.storage.write({ [pointer(customer(1))]: { writtenAt: clock.now().toISOString(), eTag: '*' } });
    expect(await one.openFor(customer(1))).toBeUndefined();
    expect(await one.lastFor(customer(1))).toBeUndefined();
    const item = await openCase(one, newCase(customer(1)));
    expect(await two.openFor(customer(1))).toEqual(item);
  });
});
