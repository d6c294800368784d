import { randomUUID } from 'node:crypto';
import { sayText } from '../../tools/lib/botClient';
import { HeldConnector } from '../support/heldConnector';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

let stepwise: RunningStepwise | undefined;
let connector: HeldConnector | undefined;

afterEach(async () => {
  connector?.release();
  await connector?.stop();
  await stepwise?.stop();
  stepwise = connector = undefined;
});

function customer(serviceUrl: string) {
  return { botUrl: stepwise!.botUrl, serviceUrl, channelId: 'webchat', conversationId: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` };
}

test('/readyz answers 200 ready once listening, and 503 draining with Retry-After and Connection: close once shutdown begins', async () => {
  stepwise = await startStepwise();
  const ready = await fetch(`${stepwise.baseUrl}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });

  stepwise.app.readiness.draining();
  const draining = await fetch(`${stepwise.baseUrl}/readyz`);
  expect(draining.status).toBe(503);
  expect(draining.headers.get('retry-after')).toBe('5');
  expect(draining.headers.get('connection')).toBe('close');
  expect(await draining.json()).toEqual({ status: 'draining' });
  // Liveness is another question: the process is still alive and its store works.
  expect((await fetch(`${stepwise.baseUrl}/healthz`)).status).toBe(200);
});

test('a drain waits for the turn in flight: the customer gets the answer, then the drain reports it finished', async () => {
  connector = new HeldConnector();
  const serviceUrl = await connector.start();
  stepwise = await startStepwise();
  const answered = sayText(customer(serviceUrl), 'hi');
  await connector.replying;
  expect(stepwise.app.turns.count).toBe(1);

  const drain = stepwise.app.drain(10_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(stepwise.app.readiness.phase).toBe('draining');
  connector.release();

  expect((await answered).status).toBe(200);
  await expect(drain).resolves.toMatchObject({ drained: true, turnsLeft: 0 });
  expect(stepwise.app.turns.count).toBe(0);
});

test('a drain gives up at its limit and names the turns still running', async () => {
  connector = new HeldConnector();
  const serviceUrl = await connector.start();
  stepwise = await startStepwise();
  const answered = sayText(customer(serviceUrl), 'hi').catch((error: Error) => error);
  await connector.replying;

  const started = Date.now();
  await expect(stepwise.app.drain(300)).resolves.toMatchObject({ drained: false, turnsLeft: 1 });
  expect(Date.now() - started).toBeLessThan(2000);
  // Its connection was cut so the process can exit.
  expect(String(await answered)).toBe('TypeError: fetch failed');
});
