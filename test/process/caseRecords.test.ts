import { postActivity } from '../../tools/lib/botClient';
import { LocalConnector } from '../../tools/lib/localConnector';
import { startAzurite, type Azurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { SharedConversation } from '../support/sharedConversation';
import { texts } from '../support/stepwiseServer';

/**
 * Handoff cases with several bot processes on one store: two real processes sharing one Azure Blob container
 * (Azurite) and one technician desk. Requests for a technician and takes of a case land on both at the same time.
 */
const deskId = '19:desk@thread.tacv2';
const technicians = { alex: ['29:alex', 'Alex Tech'], sam: ['29:sam', 'Sam Support'], kim: ['29:kim', 'Kim Helper'], lee: ['29:lee', 'Lee Fixer'] } as const;
type Technician = keyof typeof technicians;

let azurite: Azurite;
let connector: LocalConnector;
let one: BotProcess;
let two: BotProcess;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = new LocalConnector();
  await connector.start();
  const env = {
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: 'case-records',
    HANDOFF_DESTINATIONS: 'desk',
    DESK_CHANNEL_ID: 'msteams',
    DESK_CONVERSATION_ID: deskId,
    DESK_SERVICE_URL: connector.serviceUrl,
    DESK_TECHNICIANS: Object.values(technicians)
      .map(([id]) => id)
      .join(','),
  };
  // One after the other: a process that failed to start cannot leave the other running unseen.
  one = await startBotProcess(env);
  two = await startBotProcess(env);
}, 60000);
afterAll(async () => {
  await Promise.all([one?.kill('SIGTERM'), two?.kill('SIGTERM')]);
  await connector?.stop();
  await azurite?.stop();
});

/** A technician says something at the desk, in a thread of their own (so their replies are told apart); resolves with the reply texts. */
async function atDesk(bot: BotProcess, who: Technician, text: string): Promise<string[]> {
  const [userId, userName] = technicians[who];
  const thread = `${deskId};messageid=${who}`;
  const response = await postActivity(
    {
      botUrl: bot.botUrl,
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversationId: thread,
      userId,
      userName,
      conversationExtra: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
    },
    { type: 'message', text },
  );
  await response.text();
  expect(response.status).toBe(200);
  return texts(connector.take(thread)).map((line) => line.replace(/^<at>[^<]+<\/at> /, ''));
}

function referenceIn(text: string): string {
  const match = /SW-[2-9A-HJ-NP-Z]{6}/.exec(text);
  if (!match) throw new Error(`no reference in: ${text}`);
  return match[0];
}

const queueLines = (reply: string) => reply.split('\n\n').filter((line) => /^\d+\. SW-/.test(line));

test('40 requests for a technician at once, split over two processes: 40 cases, in the desk queue in arrival order', async () => {
  const customers = Array.from({ length: 40 }, () => new SharedConversation(connector));
  const bot = (i: number) => (i % 2 ? two : one);
  await Promise.all(customers.map((customer, i) => customer.say(bot(i).botUrl, 'Outlook Express')));

  // Four waves of ten simultaneous requests, a second apart, all in flight together: within a wave any order, the waves in order.
  const waves = [0, 1, 2, 3].map((wave) => customers.slice(wave * 10, wave * 10 + 10));
  const handoffs = await Promise.all(
    waves.map(async (wave, w) => {
      await new Promise((resolve) => setTimeout(resolve, w * 1000));
      return Promise.all(wave.map((customer, i) => customer.say(bot(w * 10 + i).botUrl, 'technician')));
    }),
  );
  const told = handoffs.flat().map((turn) => texts(turn.replies).join(' '));
  for (const text of told) expect(text).toMatch(/^I'm bringing in a technician\. .*You're number \d+ in the queue\. Your reference number is SW-/);
  const references = told.map(referenceIn);
  expect(new Set(references).size).toBe(40);

  const [queue] = await atDesk(one, 'alex', 'queue');
  expect(queue.split('\n\n')[0]).toBe('Waiting customers: 40');
  const listed = queueLines(queue).map(referenceIn);
  expect(queueLines(queue).map((line) => Number(line.split('.')[0]))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect([...listed].sort()).toEqual([...references].sort());
  const waveOf = (reference: string) => Math.floor(references.indexOf(reference) / 10);
  expect(listed.map(waveOf)).toEqual([...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(3)]);
  // The other process lists the same queue.
  expect(await atDesk(two, 'sam', 'queue')).toEqual([queue]);

  // Two more take the next case at once: each gets a different one, the oldest two left.
  const [byKim, byLee] = await Promise.all([atDesk(one, 'kim', 'take next'), atDesk(two, 'lee', 'take next')]);
  const taken = [byKim[0], byLee[0]].map(referenceIn);
  expect(taken.sort()).toEqual([listed[0], listed[1]].sort());

  const [after] = await atDesk(two, 'sam', 'queue');
  expect(after.split('\n\n')[0]).toBe('Waiting customers: 38');
  expect(queueLines(after).map(referenceIn)).toEqual(listed.slice(2));
  expect(after).toContain(`${referenceIn(byKim[0])}: with Kim Helper`);
  expect(after).toContain(`${referenceIn(byLee[0])}: with Lee Fixer`);
  expect(await Promise.all([atDesk(one, 'kim', 'end'), atDesk(two, 'lee', 'end')])).toEqual([
    [`Ended ${referenceIn(byKim[0])}. The customer is back with Stepwise.`],
    [`Ended ${referenceIn(byLee[0])}. The customer is back with Stepwise.`],
  ]);
}, 60000);

test('two technicians taking one case at the same moment, on different processes: one gets it, the other is told who did', async () => {
  const customer = new SharedConversation(connector);
  await customer.say(two.botUrl, 'Outlook Express');
  const reference = referenceIn(texts((await customer.say(one.botUrl, 'technician')).replies).join(' '));

  const [byAlex, bySam] = await Promise.all([atDesk(one, 'alex', `take ${reference}`), atDesk(two, 'sam', `take ${reference}`)]);
  const connected = `You're connected to the customer for ${reference}.`;
  expect([byAlex, bySam].filter((reply) => reply[0].startsWith(connected))).toHaveLength(1);
  const [winner, loser, loserReply] = byAlex[0].startsWith(connected) ? (['alex', 'sam', bySam] as const) : (['sam', 'alex', byAlex] as const);
  expect(loserReply).toEqual([`${reference} was already taken by ${technicians[winner][1]}.`]);
  expect(texts(connector.take(customer.conversationId))).toEqual([
    `${technicians[winner][1].split(' ')[0]} from support has joined the chat and can see the steps you've done. They'll never ask for your password.`,
  ]);

  // The winner's messages reach the customer, whichever process they go through; the loser is not connected.
  await atDesk(two, winner, 'Hello from the desk');
  expect(texts(connector.take(customer.conversationId))).toEqual([`**${technicians[winner][1].split(' ')[0]}:** Hello from the desk`]);
  expect(await atDesk(one, loser, 'end')).toEqual([
    "You're not connected to a customer. Desk commands: queue, take next, take SW-XXXXXX, end, resume at step N.",
  ]);
  expect(await atDesk(one, winner, 'end')).toEqual([`Ended ${reference}. The customer is back with Stepwise.`]);
}, 60000);
