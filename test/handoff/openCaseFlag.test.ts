/**
 * The customer's state says when they have no open case, so their ordinary turns read no pointer. It must never hide
 * a case: not one opened in a run of the turn whose state write lost to another instance, nor one closed elsewhere.
 */
import { OpenPointers } from '../../src/handoff/openPointers';
import { StorageWithRival } from '../support/storageWithRival';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { BotHarness, OE, texts, toStep } from '../support/dialogHarness';


const stateKey = 'test/conversations/conv-1';
const pointerKey = OpenPointers.key(stateKey);

test('after their first message the state says there is no open case; asking for a technician clears it with the case', async () => {
  const storage = new StepwiseMemoryStorage();
  const h = new BotHarness({ storage });
  await h.run(toStep(OE, 2));
  expect((await storage.read([stateKey]))[stateKey].noOpenCase).toBe(true);

  const turn = await h.say('technician');
  expect(turn.texts).toEqual([texts.handoff]);
  const stored = await storage.read([stateKey, pointerKey]);
  expect(stored[pointerKey]).toMatchObject({ status: 'queued' });
  expect(stored[stateKey].noOpenCase).toBeUndefined();
});

test('a case opened in a run whose state write lost to another instance is found when the turn runs again', async () => {
  const storage = new StorageWithRival();
  const h = new BotHarness({ storage });
  const otherInstance = new BotHarness({ storage });
  await h.run(toStep(OE, 2));

  // The other instance saves a "done" of theirs (their state: still no open case) while this turn opens a case.
  storage.beforeNextWrite(() => otherInstance.say('done'), stateKey);
  await h.say('technician');

  const stored = await storage.read([stateKey, pointerKey]);
  expect(stored[pointerKey]).toMatchObject({ status: 'queued' });
  // The run that was saved knew of the case: their next message is answered as waiting, not as a step.
  expect(stored[stateKey].noOpenCase).toBeUndefined();
  expect(h.logger.lines.some((line) => line.includes('running the turn again'))).toBe(true);
});

test('a case closed outside their turns is read once more, then their state says none again', async () => {
  const storage = new StepwiseMemoryStorage();
  const h = new BotHarness({ storage });
  await h.run(toStep(OE, 2));
  await h.say('technician');
  // A technician on another instance ends the case: its record changes, the customer's state does not.
  const { eTag, ...open } = (await storage.read([pointerKey]))[pointerKey];
  await storage.writeGuarded([{ key: pointerKey, item: { ...open, status: 'closed', outcome: 'ended', updatedAt: new Date().toISOString() }, condition: { kind: 'eTag', eTag } }]);
  expect((await storage.read([stateKey]))[stateKey].noOpenCase).toBeUndefined();

  await h.say('done');
  expect((await storage.read([stateKey]))[stateKey].noOpenCase).toBe(true);
});
