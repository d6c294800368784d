import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';
import { ScriptedResponse, WebhookServer } from '../support/webhookServer';

/** The ticket webhook against a local HTTP server; retries wait through an injected sleep (no real waiting). */
let stepwise: RunningStepwise;
let tickets: WebhookServer;
let sleeps: number[];

async function start(script: ScriptedResponse[], env: Record<string, string>): Promise<void> {
  tickets = new WebhookServer(script);
  const url = await tickets.start();
  sleeps = [];
  stepwise = await startStepwise({ WEBHOOK_URL: url, WEBHOOK_TOKEN: 'tok-abc123', ...env }, { sleep: async (ms) => void sleeps.push(ms) });
}

afterEach(async () => {
  await stepwise.stop();
  await tickets.stop();
});

async function askForTechnicianAtStep3(): Promise<{ customer: HttpConversation; notice: string }> {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('done');
  await customer.say('done');
  const handoff = await customer.say('technician please');
  return { customer, notice: texts(handoff.replies)[0] };
}

test('server errors are retried with exponential backoff; the ticket reference the system returns is shown to the customer', async () => {
  await start([{ status: 503 }, { status: 500, body: { error: 'db down' } }, { status: 201, body: { ticket: 'TCK-1042' } }], {
    HANDOFF_DESTINATIONS: 'protocol,webhook',
  });
  const { notice } = await askForTechnicianAtStep3();

  expect(notice).toBe(
    "I'm bringing in a technician. They'll see which step you reached, so you won't have to start again. Your ticket number is TCK-1042. If you'd rather not wait, call 1-800-232-4335 (toll-free) or email support@airmail.net.",
  );
  expect(tickets.calls).toHaveLength(3);
  expect(sleeps).toEqual([500, 1000]);

  // Every attempt is the same request: one idempotency key, the bearer token, the same body.
  const [first] = tickets.calls;
  expect(new Set(tickets.calls.map((c) => c.body)).size).toBe(1);
  expect(new Set(tickets.calls.map((c) => c.headers['idempotency-key'])).size).toBe(1);
  expect(first.headers.authorization).toBe('Bearer tok-abc123');
  expect(first.headers['content-type']).toBe('application/json');

  const body = JSON.parse(first.body);
  expect(body).toMatchObject({
    reference: expect.stringMatching(/^SW-[2-9A-HJ-NP-Z]{6}$/),
    caseId: first.headers['idempotency-key'],
    reason: 'customerAsked',
    businessHours: 'open',
    channelId: 'webchat',
    summary: {
      client: 'Outlook Express',
      stepReached: '3 of 8',
      where: 'stuck at step 3 of 8: General tab',
      stepsCompleted: 2,
      completedSteps: ['Open Accounts', "Open your account's properties"],
      reason: 'customerAsked',
      recentCustomerMessages: ['Outlook Express', 'done', 'done', 'technician please'],
    },
  });
  expect(body.transcript.slice(-2)).toEqual([
    { from: 'bot', text: '**Step 3 of 8:** Click on the **General** tab.', timestamp: expect.any(String) },
    { from: 'customer', text: 'technician please', timestamp: expect.any(String) },
  ]);

  // The token and the URL's query never reach the logs.
  const logs = stepwise.logLines.join('\n');
  expect(logs).toContain('handoff webhook failed, retrying');
  expect(logs).toContain('handoff webhook delivered');
  expect(logs).not.toContain('tok-abc123');
  expect(logs).not.toContain('s3cr3t-query');
});

test('a refusal (4xx) is not retried; with the webhook as the only destination the customer gets phone, email and the reference', async () => {
  await start([{ status: 422, body: { error: 'bad payload' } }], { HANDOFF_DESTINATIONS: 'webhook' });
  const { customer, notice } = await askForTechnicianAtStep3();

  expect(tickets.calls).toHaveLength(1);
  expect(sleeps).toEqual([]);
  const reference = /SW-[2-9A-HJ-NP-Z]{6}/.exec(notice)?.[0];
  expect(notice).toBe(
    `Sorry, I couldn't reach a technician just now. Please call 1-800-232-4335 or email support@airmail.net and quote reference ${reference}. To carry on with the steps meanwhile, say continue.`,
  );
  expect(stepwise.logLines.some((line) => line.includes('handoff webhook refused') && line.includes('status=422'))).toBe(true);

  const back = await customer.say('continue');
  expect(texts(back.replies)).toEqual(["Okay, no technician for now. Let's carry on.", '**Step 3 of 8:** Click on the **General** tab.']);
});

test('every attempt failing gives up after WEBHOOK_MAX_ATTEMPTS, backing off 500, 1000, 2000 ms', async () => {
  await start([{ status: 503 }], { HANDOFF_DESTINATIONS: 'webhook', WEBHOOK_MAX_ATTEMPTS: '4' });
  const { notice } = await askForTechnicianAtStep3();
  expect(tickets.calls).toHaveLength(4);
  expect(sleeps).toEqual([500, 1000, 2000]);
  expect(notice).toMatch(/^Sorry, I couldn't reach a technician just now\. .* quote reference SW-[2-9A-HJ-NP-Z]{6}\./);
  expect(stepwise.logLines.filter((line) => line.includes('handoff webhook gave up'))).toHaveLength(1);
});

test('a ticket system that is down (connection refused) is retried too; a ticket-only handoff that succeeds says so', async () => {
  await start([{ status: 200, body: { id: 98765 } }], { HANDOFF_DESTINATIONS: 'webhook', WEBHOOK_BACKOFF_MS: '100' });
  const working = (await askForTechnicianAtStep3()).notice;
  expect(working).toContain('Your ticket number is 98765.');

  await tickets.stop();
  sleeps.length = 0;
  const down = (await askForTechnicianAtStep3()).notice;
  expect(sleeps).toEqual([100, 200]);
  expect(down).toMatch(/^Sorry, I couldn't reach a technician just now\./);
});
