import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

/** HEAD is answered wherever GET is: same status, same headers, no body, nothing logged as rejected. */
let stepwise: RunningStepwise;

beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

/**
 * Headers that differ between any two responses (the time), only exist with a body on the wire, or are
 * hop-by-hop (fetch sends HEAD with Connection: close, and the server answers in kind).
 */
const unstable = new Set(['date', 'transfer-encoding', 'connection', 'keep-alive']);

async function fetchBoth(path: string, headers: Record<string, string> = {}) {
  const get = await fetch(`${stepwise.baseUrl}${path}`, { headers });
  const getBody = await get.arrayBuffer();
  const head = await fetch(`${stepwise.baseUrl}${path}`, { method: 'HEAD', headers });
  const headBody = await head.arrayBuffer();
  const pick = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => !unstable.has(name)));
  return {
    get: { status: get.status, headers: pick(get), bytes: getBody.byteLength },
    head: { status: head.status, headers: pick(head), bytes: headBody.byteLength },
  };
}

test.each([
  ['/', 'text/html; charset=utf-8'],
  ['/healthz', 'application/json'],
  ['/webchat/app.js', 'application/javascript; charset=utf-8'],
  ['/webchat/app.css', 'text/css; charset=utf-8'],
  ['/webchat/webchat.js', 'application/javascript; charset=utf-8'],
])('HEAD %s: 200 with the same headers as GET and no body', async (path, contentType) => {
  const rejectedBefore = stepwise.logLines.filter((line) => line.includes('request rejected')).length;
  const { get, head } = await fetchBoth(path, { 'accept-encoding': 'identity' });
  expect(get.status).toBe(200);
  expect(get.bytes).toBeGreaterThan(0);
  expect(head.status).toBe(200);
  expect(head.headers['content-type']).toBe(contentType);
  expect(head.headers).toEqual(get.headers);
  expect(head.headers['content-length']).toBe(String(get.bytes));
  expect(head.bytes).toBe(0);
  expect(stepwise.logLines.filter((line) => line.includes('request rejected')).length).toBe(rejectedBefore);
});

test('HEAD of the gzipped Web Chat bundle: the same headers as GET, no body', async () => {
  const { get, head } = await fetchBoth('/webchat/webchat.js', { 'accept-encoding': 'gzip' });
  expect(get.status).toBe(200);
  expect(head.status).toBe(200);
  expect(head.headers['content-encoding']).toBe('gzip');
  expect(head.headers).toEqual(get.headers);
  expect(head.bytes).toBe(0);
});

test('HEAD where GET is refused gets the same refusal: 404 for an unknown route, 405 for POST-only /api/messages', async () => {
  for (const [path, status] of [
    ['/nope', 404],
    ['/api/messages', 405],
  ] as const) {
    const { get, head } = await fetchBoth(path);
    expect(get.status).toBe(status);
    expect(head.status).toBe(status);
    expect(head.headers).toEqual(get.headers);
    expect(head.bytes).toBe(0);
  }
});
