import { ManualClock } from '../../src/handoff/clock';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { RecordingStorage } from '../support/recordingStorage';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * The pointer a customer with an open case has (`stepwise/handoff/open/<customer key>`, where their case record
 * lives), through the real endpoint with the desk: an open case there while the case is open, a closed one however
 * it closes (or nothing, after "forget me"); and the desk's queue and active markers only while it is open.
 */
const deskId = '19:desk@thread.tacv2';

let stepwise: RunningStepwise;
let storage: RecordingStorage;
let clock: ManualClock;

async function start(env: Record<string, string> = {}) {
  storage = new RecordingStorage(new StepwiseMemoryStorage(() => clock.now()));
  stepwise = await startStepwise(
    (connectorUrl) => ({
      HANDOFF_DESTINATIONS: 'protocol,desk',
      DESK_CONVERSATION_ID: deskId,
      DESK_SERVICE_URL: connectorUrl,
      DESK_TECHNICIANS: '29:sam',
      ...env,
    }),
    { storage, clock },
  );
}

beforeEach(() => {
  clock = new ManualClock('2026-12-01T15:00:00Z'); // a Tuesday, 9:00 in Chicago
});
afterEach(() => stepwise.stop());

const sam = () =>
  new HttpConversation(stepwise, 'msteams', '29:sam', {
    conversationId: deskId,
    userName: 'Sam Support',
    conversationExtra: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
  });

const pointerOf = (customer: HttpConversation) => `stepwise/handoff/open/webchat/conversations/${customer.address.conversationId}`;

/** The customer's turns find an open case at their pointer. */
async function hasPointer(customer: HttpConversation): Promise<boolean> {
  const key = pointerOf(customer);
  const stored = (await storage.inner.read([key]))[key] as { status?: string } | undefined;
  return stored !== undefined && stored.status !== 'closed';
}

/** The desk's markers (queue and active) of this customer's cases. */
async function markersOf(customer: HttpConversation): Promise<string[]> {
  const keys = [...(await storage.inner.list('stepwise/handoff/queue/')), ...(await storage.inner.list('stepwise/handoff/active/'))];
  return keys.filter((key) => key.endsWith(encodeURIComponent(`webchat/conversations/${customer.address.conversationId}`)));
}

async function outcomes(): Promise<string[]> {
  return (await stepwise.app.bot.handoff.cases.all()).map((c) => `${c.status}${c.outcome ? `: ${c.outcome}` : ''}`);
}

/** A customer at step 3 who asked for a technician and is queued on the desk. */
async function queuedCustomer(): Promise<HttpConversation> {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('done');
  await customer.say('done');
  expect(await hasPointer(customer)).toBe(false);
  await customer.say('technician');
  expect(await hasPointer(customer)).toBe(true);
  expect(await markersOf(customer)).toEqual([expect.stringMatching(/^stepwise\/handoff\/queue\//)]);
  stepwise.connector.take(deskId);
  return customer;
}

describe('during business hours', () => {
  beforeEach(() => start());

  test('asking for a technician with the desk: 5 calls, those of any handoff turn plus the queue marker and one listing for the place', async () => {
    await queuedCustomer();
    const customer = new HttpConversation(stepwise);
    await customer.say('Outlook Express');
    await customer.say('done');
    storage.take();
    const handoff = await customer.say('technician');
    expect(texts(handoff.replies)[0]).toContain("You're number 2 in the queue.");
    const id = customer.address.conversationId;
    expect(
      storage.take().map(({ op, key }) => `${op} ${key.replace(/^stepwise\/handoff\/queue\/.+$/, 'stepwise/handoff/queue/…').replace(id, '<them>')}`),
    ).toEqual([
      // Their state says they have no open case: their pointer is not read.
      'read webchat/conversations/<them>',
      'write stepwise/handoff/queue/…',
      'list stepwise/handoff/queue/',
      'write stepwise/handoff/open/webchat/conversations/<them>',
      'write webchat/conversations/<them>',
    ]);
  });

  test('taken by a technician, the relay works while the pointer is there; "end" closes the case and removes it', async () => {
    const customer = await queuedCustomer();
    await sam().say('take next');
    expect(await hasPointer(customer)).toBe(true);
    expect(await markersOf(customer)).toEqual([expect.stringMatching(/^stepwise\/handoff\/active\//)]);
    stepwise.connector.take(customer.address.conversationId);
    await customer.say('I use Windows XP');
    expect(texts(stepwise.connector.take(deskId)).map((text) => text.replace(/^<at>[^<]+<\/at> /, ''))).toEqual([
      expect.stringMatching(/^\*\*Customer \(SW-[2-9A-HJ-NP-Z]{6}\):\*\* I use Windows XP$/),
    ]);

    await sam().say('end');
    expect(await outcomes()).toEqual(['closed: ended']);
    expect(await hasPointer(customer)).toBe(false);
    expect(await markersOf(customer)).toEqual([]);
  });

  test('"never mind" while queued cancels the case and removes the pointer', async () => {
    const customer = await queuedCustomer();
    await customer.say('never mind');
    expect(await outcomes()).toEqual(['closed: cancelled']);
    expect(await hasPointer(customer)).toBe(false);
    expect(await markersOf(customer)).toEqual([]);
  });

  test('finishing the steps while queued resolves the case and removes the pointer', async () => {
    const customer = await queuedCustomer();
    await customer.say('continue');
    for (let step = 3; step <= 8; step++) await customer.say('done');
    expect(await hasPointer(customer)).toBe(true);
    await customer.say('it worked');
    expect(await outcomes()).toEqual(['closed: resolved']);
    expect(await hasPointer(customer)).toBe(false);
    expect(await markersOf(customer)).toEqual([]);
  });

  test('"forget me" while queued deletes the case and the pointer; the card keeps no details', async () => {
    const customer = await queuedCustomer();
    const other = await queuedCustomer();
    const reference = (await stepwise.app.bot.handoff.cases.openFor(`webchat/conversations/${customer.address.conversationId}`))!.reference;
    const forgotten = await customer.say('forget me');
    expect(texts(forgotten.replies)).toEqual([stepwise.app.content.messages.forgotten]);
    expect(await outcomes()).toEqual(['queued']);
    expect(await storage.inner.read([pointerOf(customer)])).toEqual({});
    expect(await markersOf(customer)).toEqual([]);
    expect(await hasPointer(other)).toBe(true);
    expect(stepwise.connector.updates(deskId).map((update) => update.text)).toContain(`${reference}: closed, details deleted at the customer's request.`);
  });

  test('"forget me" while queued, after going back to the steps, deletes the case and the pointer', async () => {
    const customer = await queuedCustomer();
    await customer.say('continue');
    await customer.say('forget me');
    expect(await outcomes()).toEqual([]);
    expect(await storage.inner.read([pointerOf(customer)])).toEqual({});
    expect(await markersOf(customer)).toEqual([]);
  });

  test('"forget me" while connected to a technician is not relayed: the technician is told, the case is gone', async () => {
    const customer = await queuedCustomer();
    await sam().say('take next');
    const reference = (await stepwise.app.bot.handoff.cases.all())[0].reference;
    stepwise.connector.take(customer.address.conversationId);
    stepwise.connector.take(deskId);
    const forgotten = await customer.say('forget me');
    expect(texts(forgotten.replies)).toEqual([stepwise.app.content.messages.forgotten]);
    expect(texts(stepwise.connector.take(deskId)).map((text) => text.replace(/^<at>[^<]+<\/at> /, ''))).toEqual([
      `The customer asked Stepwise to forget them: ${reference} is closed and its details are deleted.`,
    ]);
    expect(await outcomes()).toEqual([]);
    expect(await storage.inner.read([pointerOf(customer)])).toEqual({});
    expect(await markersOf(customer)).toEqual([]);
  });
});

test('outside business hours the case is closed at once: it is written once, closed, and never queued', async () => {
  clock.set('2026-12-05T17:00:00Z'); // a Saturday
  await start({ BUSINESS_HOURS: '08:00-18:00', BUSINESS_DAYS: 'mon-fri' });
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  const handoff = await customer.say('technician');
  expect(texts(handoff.replies)[0]).toMatch(/SW-[2-9A-HJ-NP-Z]{6}/);
  expect(await outcomes()).toEqual(['closed: afterHours']);
  // The closed case is what a later "it's working now" or a late status event finds (for 7 days).
  expect(storage.calls.filter((call) => call.key === pointerOf(customer) && call.op !== 'read')).toEqual([{ op: 'write', key: pointerOf(customer) }]);
  expect(await hasPointer(customer)).toBe(false);
  expect(await markersOf(customer)).toEqual([]);
});
