import { MemoryStorage } from 'botbuilder';
import net from 'node:net';
import { ManualClock } from '../../src/handoff/clock';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * Proactive messages (silence check-ins) in local mode go through the local Direct Line's connector
 * with the serviceUrl saved in state. After a restart the connector has a new secret: a check-in for a
 * conversation from before it is refused, logged, and nothing crashes.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DL = '/v3/directline';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function webChatCustomer(stepwise: RunningStepwise) {
  const json = { 'Content-Type': 'application/json' };
  const started = (await (await fetch(`${stepwise.baseUrl}${DL}/conversations`, { method: 'POST', headers: json, body: '{}' })).json()) as Json;
  const auth = { ...json, Authorization: `Bearer ${started.token}` };
  const url = `${stepwise.baseUrl}${DL}/conversations/${started.conversationId}/activities`;
  return {
    say: async (text: string) => {
      const response = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text }) });
      expect(response.status).toBe(200);
    },
    texts: async () => (((await (await fetch(url, { headers: auth })).json()) as Json).activities as Json[]).map((a) => a.text as string),
  };
}

test('a silence check-in reaches a local Web Chat customer; after a restart (new secret) it fails cleanly', async () => {
  const clock = new ManualClock('2026-12-01T15:00:00Z');
  const storage = new MemoryStorage();
  const port = String(await freePort());
  let running: RunningStepwise | undefined = await startStepwise({ PORT: port }, { clock, storage });
  const atStep2 = async (stepwise: RunningStepwise) => {
    const customer = await webChatCustomer(stepwise);
    await customer.say('Outlook Express');
    await customer.say('done');
    expect((await customer.texts()).at(-1)).toMatch(/^\*\*Step 2 of 8:\*\*/);
    return customer;
  };
  try {
    const customer = await atStep2(running);
    clock.advance(120);
    expect(await running.app.bot.handoff.tick()).toBe(1);
    expect((await customer.texts()).at(-1)).toMatch(/^Still with me\? Take your time with step 2 of 8/);

    await atStep2(running);
    await running.stop();
    running = undefined;

    running = await startStepwise({ PORT: port }, { clock, storage });
    clock.advance(120);
    await expect(running.app.bot.handoff.tick()).resolves.toBe(0);
    // Both customers from before the restart (an offer due for the first, a check-in for the second).
    // A proactive failure is the caller's: one warning per check-in, which is then dropped; no turn error.
    expect(running.logLines.filter((line) => line.includes('turn failed'))).toEqual([]);
    const failed = running.logLines.filter((line) => line.includes('silence check-in failed'));
    expect(failed).toEqual([expect.stringContaining('Missing or wrong connector secret'), expect.stringContaining('Missing or wrong connector secret')]);
    clock.advance(120);
    await expect(running.app.bot.handoff.tick()).resolves.toBe(0);
    expect(running.logLines.filter((line) => line.includes('silence check-in failed'))).toHaveLength(2);
  } finally {
    await running?.stop();
  }
});
