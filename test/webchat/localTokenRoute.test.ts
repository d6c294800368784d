import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStepwise } from '../support/stepwiseServer';

/**
 * Local mode (`npm start`): the page's token route opens the conversation in the built-in Direct Line, and
 * the key of the customers' credentials is kept in the state store, so a restart still knows them.
 */
jest.setTimeout(30_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function token(baseUrl: string, body: Json = {}): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Json };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stepwise-token-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('a credential keeps its user id across a restart of the server; the conversation opens in the local Direct Line', async () => {
  const env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'state.sqlite') };
  let stepwise = await startStepwise(env);
  let first: Json;
  try {
    const issued = await token(stepwise.baseUrl);
    expect(issued.status).toBe(200);
    first = issued.body;
    expect(first).toEqual({
      token: expect.any(String),
      conversationId: expect.any(String),
      expires_in: expect.any(Number),
      userId: expect.stringMatching(/^dl_[0-9a-f]{32}$/),
      credential: expect.stringMatching(/^v1\.dl_[0-9a-f]{32}\./),
    });
    // The token works on the local Direct Line, for that conversation.
    const started = await fetch(`${stepwise.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${first.token}` } });
    expect(started.status).toBe(201);
    expect(((await started.json()) as Json).conversationId).toBe(first.conversationId);
    expect((await token(stepwise.baseUrl, { credential: first.credential })).body.userId).toBe(first.userId);
  } finally {
    await stepwise.stop();
  }

  stepwise = await startStepwise(env);
  try {
    const again = await token(stepwise.baseUrl, { credential: first.credential });
    expect(again.body.userId).toBe(first.userId);
    expect(again.body.conversationId).not.toBe(first.conversationId);
    const tampered = await token(stepwise.baseUrl, { credential: first.credential.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')) });
    expect(tampered.body.userId).not.toBe(first.userId);
    expect(stepwise.logLines.filter((line) => line.includes('directline_token.credential_rejected'))).toHaveLength(1);
  } finally {
    await stepwise.stop();
  }
});

test('with memory storage (tests) a fresh key each start: old credentials simply get a new customer', async () => {
  const one = await startStepwise();
  const credential = (await token(one.baseUrl)).body.credential as string;
  await one.stop();
  const two = await startStepwise();
  try {
    const again = await token(two.baseUrl, { credential });
    expect(again.status).toBe(200);
    expect(again.body.userId).not.toBe(credential.split('.')[1]);
  } finally {
    await two.stop();
  }
});
