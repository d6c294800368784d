import net from 'node:net';
import { LocalConnector } from '../../tools/lib/localConnector';
import { ConversationAddress, joinConversation, sayText } from '../../tools/lib/botClient';
import { ActivityFuzzer, FuzzCase, seededRandom } from '../support/activityFuzzer';
import { SpawnedStepwise, spawnStepwise } from '../support/spawnedStepwise';

/** Replay a failure with FUZZ_SEED=<seed> npx jest test/security/fuzz.test.ts */
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed2026);
const requests = 1200;
const parallel = 8;
const maxBodyBytes = 256 * 1024;
const secrets = ['Fuzz3dSecret#Pw1', 'Tr0ub4dor&3fz'];

let stepwise: SpawnedStepwise;
let connector: LocalConnector;

beforeAll(async () => {
  connector = new LocalConnector();
  await connector.start();
  // The real entry point in its own process, with the rate limits off so every input reaches the checks.
  stepwise = await spawnStepwise({ HOST: '127.0.0.1', RATE_LIMIT_PER_CONVERSATION: '0', RATE_LIMIT_PER_ADDRESS: '0' });
}, 30_000);

afterAll(async () => {
  await stepwise?.stop();
  await connector?.stop();
});

interface Outcome {
  kind: string;
  status: number | string;
  expected?: number;
}

async function send(fuzzCase: FuzzCase): Promise<Outcome> {
  try {
    const response = await fetch(stepwise.botUrl, { method: 'POST', headers: fuzzCase.headers, body: fuzzCase.body });
    await response.arrayBuffer();
    return { kind: fuzzCase.kind, status: response.status, expected: fuzzCase.expect };
  } catch (error) {
    return { kind: fuzzCase.kind, status: `network error: ${(error as Error).cause ?? (error as Error).message}`, expected: fuzzCase.expect };
  }
}

/** Raw HTTP the fetch API will not produce: broken framing, lying lengths, bad headers. */
async function rawExchange(request: string): Promise<string> {
  const url = new URL(stepwise.botUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let received = '';
    socket.setTimeout(1500, () => socket.destroy());
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
    socket.write(request, 'latin1', () => socket.end());
  });
}

test(`${requests} random and malformed activities (seed ${seed}): nothing answers 5xx, the process stays up, then a conversation works from the start`, async () => {
  const started = Date.now();
  const fuzzer = new ActivityFuzzer(seededRandom(seed), {
    serviceUrl: connector.serviceUrl,
    brokenServiceUrl: `${connector.serviceUrl}/broken`,
    secrets,
    maxBodyBytes,
  });
  const cases = Array.from({ length: requests }, () => fuzzer.next());

  const outcomes: Outcome[] = [];
  for (let i = 0; i < cases.length; i += parallel) {
    outcomes.push(...(await Promise.all(cases.slice(i, i + parallel).map(send))));
    expect(stepwise.alive()).toBe(true);
  }

  const rawRequests = [
    'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"message"',
    'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot hex\r\n0\r\n\r\n',
    'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}',
    'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}',
    'POST /api/messages HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n',
    'GARBAGE / HTTP/9.9\r\n\r\n',
    `POST /api/messages HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`,
    'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n',
  ];
  for (const request of rawRequests) {
    const response = await rawExchange(request);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1];
    outcomes.push({ kind: `raw HTTP: ${request.slice(0, 60).replace(/\r\n/g, ' ')}`, status: status ? Number(status) : 'no response' });
  }

  const serverErrors = outcomes.filter((o) => typeof o.status === 'string' ? o.status !== 'no response' : o.status >= 500);
  const wrongStatus = outcomes.filter((o) => o.expected !== undefined && o.status !== o.expected);
  expect(serverErrors).toEqual([]);
  expect(wrongStatus).toEqual([]);
  expect(stepwise.alive()).toBe(true);
  expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(100);

  const health = await fetch(`${stepwise.baseUrl}/healthz`);
  expect(health.status).toBe(200);

  // A customer who arrives afterwards gets the whole conversation, from the greeting on.
  const address: ConversationAddress = {
    botUrl: stepwise.botUrl,
    serviceUrl: connector.serviceUrl,
    channelId: 'webchat',
    conversationId: 'after-the-fuzz',
    userId: 'customer-after',
  };
  const say = async (text: string) => {
    const response = await sayText(address, text);
    expect(response.status).toBe(200);
    return connector.take(address.conversationId).filter((a) => a.type === 'message').map((a) => a.text);
  };
  expect((await joinConversation(address)).status).toBe(200);
  expect(connector.take(address.conversationId).map((a) => a.text)[0]).toMatch(/^Hi, I'm Stepwise, the Internet America mail helper\./);
  expect(await say('Outlook Express')).toEqual([
    "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.",
    '**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.',
  ]);
  for (let n = 2; n <= 8; n++) expect((await say('done'))[0]).toMatch(new RegExp(`^\\*\\*Step ${n} of 8:\\*\\*`));
  expect(await say('done')).toEqual(["That's every step. Now send a short test email to yourself. Did it send without the error?"]);
  expect(await say('It worked')).toEqual(['Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.']);

  const output = stepwise.output();
  expect(output).not.toMatch(/uncaught|unhandled|FATAL|heap out of memory/i);
  for (const secret of secrets) expect(output).not.toContain(secret);
  expect(Date.now() - started).toBeLessThan(60_000);
}, 90_000);
