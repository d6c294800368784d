import { createMemoryLogger } from '../../src/logging/logger';
import type { OutcomeEvent } from '../../src/outcomes/events';
import { OutcomeLog } from '../../src/outcomes/outcomeLog';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';

const event = (at: string, conversation = 'c1'): OutcomeEvent => ({ at, conversation, channel: 'webchat', stage: 'choosing', type: 'started', entry: 'greeting' });

test('events are written in one batch per flush under their day, read back by period, and swept with the state', async () => {
  let now = new Date('2026-12-01T23:59:58Z');
  const storage = new StepwiseMemoryStorage(() => now);
  const log = new OutcomeLog({ storage, now: () => now, logger: createMemoryLogger(), flushMs: 0 });
  log.accept([event('2026-12-01T23:59:57Z', 'a'), event('2026-12-01T23:59:58Z', 'b')]);
  now = new Date('2026-12-02T00:00:03Z');
  await log.flush();
  log.accept([event('2026-12-02T00:00:04Z', 'c')]);
  expect(await storage.list('stepwise/outcomes/')).toEqual([expect.stringMatching(/^stepwise\/outcomes\/2026-12-02\/20261202T000003000Z-[0-9a-f]{8}-0$/)]);

  // A batch written after midnight is found for the day before; what is still buffered is read too.
  const first = await log.read(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T23:59:59.999Z'));
  expect(first.map((e) => e.conversation)).toEqual(['a', 'b']);
  expect((await log.read(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T23:59:59.999Z'))).map((e) => e.conversation)).toEqual(['a', 'b', 'c']);

  await log.close();
  expect(await storage.list('stepwise/outcomes/')).toHaveLength(2);
  now = new Date('2027-01-05T00:00:00Z');
  expect(await storage.deleteOlderThan(new Date('2026-12-05T00:00:00Z'))).toBe(2);
});

test('a batch the store refused is kept and written at the next flush', async () => {
  const storage = new StepwiseMemoryStorage();
  const logger = createMemoryLogger();
  const log = new OutcomeLog({ storage, now: () => new Date('2026-12-01T10:00:00Z'), logger, flushMs: 0 });
  const writeGuarded = storage.writeGuarded.bind(storage);
  storage.writeGuarded = () => Promise.reject(new Error('store down'));
  log.accept([event('2026-12-01T09:59:00Z')]);
  await log.flush();
  expect(await storage.list('stepwise/outcomes/')).toEqual([]);
  expect(logger.lines.join('\n')).toContain('outcome events not yet stored');
  storage.writeGuarded = writeGuarded;
  await log.flush();
  expect(await storage.list('stepwise/outcomes/')).toHaveLength(1);
});
