import { ControlledStorage } from '../support/controlledStorage';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

let storage: ControlledStorage;
let stepwise: RunningStepwise;
beforeEach(async () => {
  storage = new ControlledStorage();
  stepwise = await startStepwise({}, { storage });
});
afterEach(() => stepwise.stop());

async function health(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${stepwise.baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
}

test('a store that can be read but not written (full disk, read-only file) makes /healthz 503 "down"; it is up again once writes work', async () => {
  expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up' } }) });

  storage.failWrites = true;
  expect(await health()).toEqual({ status: 503, body: expect.objectContaining({ status: 'degraded', checks: { storage: 'down' } }) });

  storage.failWrites = false;
  expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up' } }) });
  // The probe leaves nothing behind.
  expect(await storage.inner.read(['stepwise/health-probe'])).toEqual({});
});
