import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { outlookExpressSteps, storageUnavailable } from '../support/outlookExpress';
import { SharedConversation } from '../support/sharedConversation';
import { RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchableProxy';

/**
 * A blob store that takes the connection and never answers: every storage call has a client-side
 * deadline (STORAGE_TIMEOUT_MS), so the turn fails in about that time, the customer is told, and
 * nothing of the turn is saved.
 */
let azurite: Azurite;
let proxy: SwitchableProxy;
let stepwise: RunningStepwise;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startSwitchableProxy(azurite.port);
  stepwise = await startStepwise({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azuriteConnectionString(proxy.port, azurite.queuePort),
    BLOB_CONTAINER: 'deadline',
    STORAGE_TIMEOUT_MS: '500',
  });
}, 60000);
afterAll(async () => {
  await stepwise?.stop();
  await proxy?.close();
  await azurite?.stop();
});

test('a hanging store fails the turn within the deadline, tells the customer, saves nothing, and recovers', async () => {
  const conversation = new SharedConversation(stepwise.connector);
  await conversation.join(stepwise.botUrl);
  await conversation.say(stepwise.botUrl, 'Outlook Express');
  await conversation.say(stepwise.botUrl, 'done');
  expect(texts((await conversation.say(stepwise.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[2]]);

  proxy.stall();
  const started = Date.now();
  const turn = await conversation.say(stepwise.botUrl, 'done');
  const took = Date.now() - started;
  expect(turn.status).toBe(200);
  expect(texts(turn.replies)).toEqual([storageUnavailable]);
  expect(took).toBeLessThan(3000);
  expect(stepwise.logLines.some((line) => /ERROR storage unavailable; turn not saved/.test(line) && /abort/i.test(line))).toBe(true);

  const healthStarted = Date.now();
  const health = await fetch(`${stepwise.baseUrl}/healthz`);
  expect(health.status).toBe(503);
  expect(Date.now() - healthStarted).toBeLessThan(3000);

  proxy.restore();
  expect(texts((await conversation.say(stepwise.botUrl, 'repeat')).replies)).toEqual([outlookExpressSteps[2]]);
  expect(texts((await conversation.say(stepwise.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[3]]);
}, 60000);
