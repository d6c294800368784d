import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

let stepwise: RunningStepwise | undefined;
afterEach(async () => {
  await stepwise?.stop();
  stepwise = undefined;
});

const adminToken = 'metrics-admin-token-0123456789abcdef';
const azureMode = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'app-password' };

async function scrape(headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; body: string; authenticate: string | null }> {
  const response = await fetch(`${stepwise!.baseUrl}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text(), authenticate: response.headers.get('www-authenticate') };
}

/** The value of one sample line (`name{labels} value`). */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('after a conversation that ends with a technician, /metrics counts its turns, replies, the handoff and the store calls', async () => {
  stepwise = await startStepwise();
  const customer = new HttpConversation(stepwise);
  let messagesSent = 0;
  for (const step of [() => customer.join(), () => customer.say('Outlook Express'), () => customer.say('technician')]) {
    const { status, replies } = await step();
    expect(status).toBe(200);
    messagesSent += replies.filter((reply) => reply.type === 'message').length;
  }

  const { status, type, body } = await scrape();
  expect(status).toBe(200);
  expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(sample(body, 'stepwise_turns_total{channel="webchat",outcome="ok"}')).toBe(3);
  expect(sample(body, 'stepwise_turn_duration_seconds_count{channel="webchat"}')).toBe(3);
  expect(sample(body, 'stepwise_turn_duration_seconds_bucket{le="+Inf",channel="webchat"}')).toBe(3);
  expect(sample(body, 'stepwise_replies_total{channel="webchat"}')).toBe(messagesSent);
  expect(sample(body, 'stepwise_handoffs_total{reason="customerAsked"}')).toBe(1);
  expect(sample(body, 'stepwise_storage_operation_duration_seconds_count{operation="read"}')).toBeGreaterThan(0);
  expect(sample(body, 'stepwise_storage_operation_duration_seconds_count{operation="writeGuarded"}')).toBeGreaterThan(0);
  expect(body).toContain('# TYPE stepwise_storage_errors_total counter');
  expect(sample(body, 'stepwise_handoff_cases_open{state="queued"}')).toBe(0);
  expect(sample(body, 'stepwise_handoff_cases_open{state="taken"}')).toBe(0);
  expect(body).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  expect(sample(body, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
});

test('requests refused with 429 are counted by route', async () => {
  stepwise = await startStepwise({ RATE_LIMIT_PER_CONVERSATION: '1' });
  const customer = new HttpConversation(stepwise);
  expect((await customer.say('hello')).status).toBe(200);
  expect((await customer.say('hello again')).status).toBe(429);
  expect(sample((await scrape()).body, 'stepwise_rate_limited_requests_total{route="/api/messages"}')).toBe(1);
});

test('with credentials and ADMIN_TOKEN, /metrics needs the bearer token: 401 with WWW-Authenticate without it or with another', async () => {
  stepwise = await startStepwise({ ...azureMode, ADMIN_TOKEN: adminToken });
  const wrong: Record<string, string>[] = [{}, { authorization: `Bearer ${adminToken}x` }, { authorization: adminToken }];
  for (const headers of wrong) {
    const refused = await scrape(headers);
    expect(refused.status).toBe(401);
    expect(refused.authenticate).toBe('Bearer');
    expect(refused.body).toBe('{"error":"Unauthorized: send Authorization: Bearer <ADMIN_TOKEN>."}');
  }
  const allowed = await scrape({ authorization: `Bearer ${adminToken}` });
  expect(allowed.status).toBe(200);
  expect(allowed.body).toContain('# TYPE stepwise_turns_total counter');
});

test('in local mode with ADMIN_TOKEN, this machine needs the token too', async () => {
  stepwise = await startStepwise({ ADMIN_TOKEN: adminToken });
  expect((await scrape()).status).toBe(401);
  expect((await scrape({ authorization: `Bearer ${adminToken}` })).status).toBe(200);
});

test('with credentials and no ADMIN_TOKEN, /metrics is not served, even to this machine', async () => {
  stepwise = await startStepwise(azureMode);
  const { status, body } = await scrape();
  expect(status).toBe(404);
  expect(body).toBe('{"error":"Not found."}');
});

test('ADMIN_TOKEN is never logged, and a short one stops start-up', async () => {
  stepwise = await startStepwise({ ...azureMode, ADMIN_TOKEN: adminToken });
  await scrape({ authorization: `Bearer ${adminToken}` });
  expect(stepwise.logLines.join('\n')).not.toContain(adminToken);
  const { loadConfig } = await import('../../src/config/config');
  expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/^Configuration error: ADMIN_TOKEN must be at least 32 characters/);
});
