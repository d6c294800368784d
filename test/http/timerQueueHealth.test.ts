import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { outlookExpressIntro, outlookExpressSteps } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchableProxy';

let azurite: Azurite;
let relay: SwitchableProxy;
let stepwise: RunningStepwise;
beforeAll(async () => {
  azurite = await startAzurite();
  relay = await startSwitchableProxy(azurite.queuePort);
  stepwise = await startStepwise({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: 'queue-health',
    // The timers' queue through the relay, the state straight to Azurite.
    QUEUE_CONNECTION_STRING: azuriteConnectionString(azurite.port, relay.port),
    TIMER_QUEUE: 'queue-health-timers',
    STORAGE_TIMEOUT_MS: '1000',
  });
}, 60_000);
afterAll(async () => {
  await stepwise?.stop();
  await relay?.close();
  await azurite?.stop();
});

async function health(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${stepwise.baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
}

test('/healthz reports the timer queue: down is "degraded" but 200 (customers are still served), and up again once it is back', async () => {
  expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up', timers: 'up' } }) });

  relay.cutOff();
  expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'degraded', checks: { storage: 'up', timers: 'down' } }) });
  const customer = new SharedConversation(stepwise.connector);
  await customer.join(stepwise.botUrl);
  expect(texts((await customer.say(stepwise.botUrl, 'Outlook Express')).replies)).toEqual([outlookExpressIntro, outlookExpressSteps[0]]);
  expect(texts((await customer.say(stepwise.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[1]]);

  relay.restore();
  expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up', timers: 'up' } }) });
}, 60_000);
