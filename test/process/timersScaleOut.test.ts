import { setTimeout as sleep } from 'node:timers/promises';
import { LocalConnector } from '../../tools/lib/localConnector';
import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { outlookExpressSteps } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { texts } from '../support/stepwiseServer';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchableProxy';

/**
 * Three real bot processes on one Azurite (state in blobs, timers on a queue), with check-ins and offers
 * after 3 s of silence: every check-in and offer is sent exactly once, a process killed with due timers
 * in hand leaves them to the others, and a check-in never overwrites a turn the customer committed.
 */
const checkInSeconds = 3;
const claimSeconds = 3;
/** The victim holds what it takes longer, so the timers it had in hand are told apart by when they come. */
const victimClaimSeconds = 8;
const checkIn = (n: number, title: string) =>
  `Still with me? Take your time with step ${n} of 8 (${title}). Say done when you've finished, or help if you can't find something.`;
const stepTitles = ['Open Accounts', "Open your account's properties", 'General tab', 'Servers tab', 'Outgoing mail server', 'Account name'];
const offer = "Would you like a technician to help? Say technician and I'll bring one in, or carry on whenever you're ready.";

let azurite: Azurite;
let proxy: SwitchableProxy;
let connector: LocalConnector;
let one: BotProcess;
let two: BotProcess;
/** Reaches the state store through the proxy, so its store can be made to hang; killed in the last test. */
let victim: BotProcess;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startSwitchableProxy(azurite.port);
  connector = new LocalConnector();
  await connector.start();
  const env = {
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: 'timers',
    TIMER_QUEUE: 'timers-scale-out',
    SILENCE_CHECK_IN_SECONDS: String(checkInSeconds),
    SILENCE_OFFER_SECONDS: String(checkInSeconds),
    TIMER_CLAIM_SECONDS: String(claimSeconds),
    TIMER_POLL_SECONDS: '2',
    // A busy machine may be slow to answer the start-up write.
    STORAGE_TIMEOUT_MS: '15000',
  };
  // Two at a time: each trains its understanding at start-up, and the machine is shared.
  const started = await Promise.allSettled([startBotProcess(env), startBotProcess(env)]);
  [one, two] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined!));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  victim = await startBotProcess({
    ...env,
    BLOB_CONNECTION_STRING: azuriteConnectionString(proxy.port, azurite.queuePort),
    STORAGE_TIMEOUT_MS: '30000',
    TIMER_POLL_SECONDS: '1',
    TIMER_CLAIM_SECONDS: String(victimClaimSeconds),
  });
}, 90000);
afterAll(async () => {
  proxy?.restore();
  await Promise.all([one?.kill('SIGTERM'), two?.kill('SIGTERM'), victim?.kill('SIGKILL')]);
  await connector?.stop();
  await proxy?.close();
  await azurite?.stop();
});

/** What the bots sent each conversation on their own that a turn's replies picked up (a check-in arriving during it). */
const pickedUp = new Map<string, string[]>();

/** Says `text`; resolves with the turn's own replies (the steps), keeping any check-in or offer among them aside. */
async function say(customer: SharedConversation, bot: BotProcess, text: string): Promise<string[]> {
  const replies = texts((await customer.say(bot.botUrl, text)).replies);
  const proactive = replies.filter((reply) => reply.startsWith('Still with me?') || reply === offer);
  pickedUp.set(customer.conversationId, [...(pickedUp.get(customer.conversationId) ?? []), ...proactive]);
  return replies.filter((reply) => !proactive.includes(reply));
}

/** A customer on step 2, their turns spread over `bots`. */
async function customerAtStep2(bots: BotProcess[], i: number): Promise<SharedConversation> {
  const customer = new SharedConversation(connector);
  await customer.join(bots[i % bots.length].botUrl);
  await say(customer, bots[(i + 1) % bots.length], 'Outlook Express');
  expect(await say(customer, bots[(i + 2) % bots.length], 'done')).toEqual([outlookExpressSteps[1]]);
  return customer;
}

/** Everything the bots sent the customer on their own, in order. */
const sent = (customer: SharedConversation) => [...(pickedUp.get(customer.conversationId) ?? []), ...texts(connector.activities(customer.conversationId))];

/** Waits until every customer was sent `count` messages on the bots' own, or the deadline. */
async function untilEach(customers: SharedConversation[], count: number, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline && customers.some((c) => sent(c).length < count)) await sleep(100);
}

test('12 silent customers on three processes: each gets exactly one check-in and one offer; one who said "forget me" gets neither', async () => {
  const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => customerAtStep2([one, two, victim], i)));
  // Their timer stays on the queue (it cannot be searched by customer); when it comes, it finds no state.
  const forgotten = await customerAtStep2([one, two], 0);
  expect(await say(forgotten, one, 'forget me')).toEqual([
    "Done: I've deleted everything I had stored about you and this conversation, including where you were in the steps. If you need help again, just send a message.",
  ]);
  await untilEach(customers, 2, 30000);
  // Time for any second copy to arrive: the longest claim and a poll.
  await sleep(victimClaimSeconds * 1000 + 1000);
  for (const customer of customers) expect(sent(customer)).toEqual([checkIn(2, stepTitles[1]), offer]);
  expect(sent(forgotten)).toEqual([]);
  for (const bot of [one, two, victim]) expect(bot.output()).not.toMatch(/timer failed|silence check-in failed|timer poll failed/);
}, 60000);

test('customers saying "done" on one process while the others check in: no stored step ever goes back', async () => {
  const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => customerAtStep2([one], i)));
  const bots = [one, two, victim];
  // Each says "done" four times around their check-in's due time (3 s), on the processes in turn.
  await Promise.all(
    customers.map(async (customer, i) => {
      await sleep(checkInSeconds * 1000 - 300 + (i % 4) * 100);
      for (let step = 3; step <= 6; step++) {
        expect(await say(customer, bots[(i + step) % 3], 'done')).toEqual([outlookExpressSteps[step - 1]]);
        await sleep(250);
      }
      expect(await say(customer, bots[i % 3], 'repeat')).toEqual([outlookExpressSteps[5]]);
    }),
  );
  await untilEach(customers, 2, 30000);
  await sleep(claimSeconds * 1000 + 1000);
  for (const customer of customers) {
    // A check-in for step 2 that won the race with a "done" was recorded first; the customer's turn then ran again on it.
    const proactive = sent(customer);
    expect([[checkIn(6, stepTitles[5]), offer], [checkIn(2, stepTitles[1]), checkIn(6, stepTitles[5]), offer]]).toContainEqual(proactive);
  }
}, 60000);

test('kill -9 of a process holding due timers: another process sends every check-in within the claim time', async () => {
  const customers = await Promise.all(Array.from({ length: 10 }, (_, i) => customerAtStep2([one, two], i)));
  // The victim can still take timers from the queue, but its reads of the customers' state now hang.
  proxy.stall();
  await sleep(checkInSeconds * 1000 + 2000);
  const killedAt = Date.now();
  await victim.kill('SIGKILL');

  const arrived = new Map<SharedConversation, number>();
  const deadline = killedAt + (victimClaimSeconds + 2 + 5) * 1000;
  while (Date.now() < deadline && arrived.size < customers.length) {
    for (const customer of customers) if (!arrived.has(customer) && sent(customer).length > 0) arrived.set(customer, Date.now());
    await sleep(100);
  }
  expect(customers.map((customer) => sent(customer)[0])).toEqual(customers.map(() => checkIn(2, stepTitles[1])));
  // Some of them were in the victim's hands: they came only once its claim ran out (the others' come within a poll or two of their due time).
  expect([...arrived.values()].some((time) => time > killedAt + 4000)).toBe(true);

  await untilEach(customers, 2, 20000);
  await sleep(claimSeconds * 1000 + 1000);
  for (const customer of customers) expect(sent(customer)).toEqual([checkIn(2, stepTitles[1]), offer]);
}, 60000);
