import { AcsStandIn } from '../../tools/lib/acsStandIn';
import { acsTopic, ispNumber, PhoneStepwise, postCallback as postTo, startPhoneStepwise } from '../support/phoneCalls';

let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise();
});
afterAll(() => phone.stop());

const caller = '+12145559876';
const incoming = (topic = acsTopic) => [AcsStandIn.incomingCallEvent({ from: caller, to: ispNumber, topic })];

const postCallback = (query: string, body: unknown) => postTo(`${phone.baseUrl}/api/calls/events${query}`, body);

/** The query string of a call's callback URL: `?call=...&secret=...`. */
function callbackQuery(callbackUri: string): { call: string; secret: string } {
  const url = new URL(callbackUri);
  return { call: url.searchParams.get('call')!, secret: url.searchParams.get('secret')! };
}

describe('the Event Grid webhook', () => {
  test('answers the subscription validation handshake with its code', async () => {
    const answer = await phone.postEventGrid([AcsStandIn.validationEvent(acsTopic, '512d38b6-c7b8-40c8-89fe-f46f9e9622b6')]);
    expect(answer).toEqual({ status: 200, body: JSON.stringify({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' }) });
  });

  test.each([
    ['no secret', null, acsTopic, 401, 'no Event Grid secret'],
    ['a wrong secret', 'event-grid-secret-for-tests-but-wrong', acsTopic, 401, 'wrong Event Grid secret'],
    [
      "another resource's events",
      undefined,
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other/providers/Microsoft.Communication/communicationServices/somebody-else',
      403,
      'event from another Communication Services resource',
    ],
  ])('refuses %s (%#) and answers nothing', async (_what, secret, topic, status, error) => {
    const before = phone.acs.requests.length;
    expect(await phone.postEventGrid(incoming(topic), secret)).toEqual({ status, body: JSON.stringify({ error }) });
    // The handshake needs the secret too: a stranger cannot subscribe the webhook to their own resource.
    expect((await phone.postEventGrid([AcsStandIn.validationEvent(topic, 'code')], secret)).status).toBe(status);
    await phone.acs.settled();
    expect(phone.acs.requests.length).toBe(before);
  });

  test('refuses a body that is not an array of events with 400', async () => {
    expect(await phone.postEventGrid({ eventType: 'Microsoft.Communication.IncomingCall' })).toEqual({
      status: 400,
      body: JSON.stringify({ error: 'not an Event Grid array of events' }),
    });
    const noContext = incoming();
    delete (noContext[0].data as Record<string, unknown>).incomingCallContext;
    expect((await phone.postEventGrid(noContext)).status).toBe(400);
  });

  test('a delivery Event Grid repeats is answered once', async () => {
    const before = phone.acs.requests.length;
    const events = incoming();
    expect((await phone.postEventGrid(events)).status).toBe(200);
    expect((await phone.postEventGrid(events)).status).toBe(200);
    await phone.acs.settled();
    expect(phone.acs.requests.slice(before).filter((r) => r.action === 'answer')).toHaveLength(1);
  });
});

describe('the call callback URL', () => {
  test('refuses unsigned, forged and foreign callbacks with exact codes, and the call goes on at the same step', async () => {
    const call = await phone.ring(caller);
    const { call: callKey, secret } = callbackQuery(call.answer.body.callbackUri);
    await call.say('outlook express');
    await call.say('done');
    const recognizedDone = (connectionId: string) => [
      {
        id: 'f0rged',
        source: `calling/callConnections/${connectionId}`,
        type: 'Microsoft.Communication.RecognizeCompleted',
        specversion: '1.0',
        time: new Date().toISOString(),
        data: { callConnectionId: connectionId, serverCallId: 's', correlationId: 'c', recognitionType: 'speech', speechResult: { speech: 'done' } },
      },
    ];
    const before = phone.acs.requests.length;
    const forged = recognizedDone(call.callConnectionId);

    expect(await postCallback(`?call=${callKey}`, forged)).toEqual({ status: 401, body: JSON.stringify({ error: 'no call secret' }) });
    expect(await postCallback(`?call=${callKey}&secret=${secret.slice(1)}x`, forged)).toEqual({ status: 401, body: JSON.stringify({ error: 'wrong call secret' }) });
    expect(await postCallback(`?call=3f2504e0-4f89-11d3-9a0c-0305e82c3301&secret=${secret}`, forged)).toEqual({
      status: 404,
      body: JSON.stringify({ error: 'unknown call' }),
    });
    expect(await postCallback(`?secret=${secret}`, forged)).toEqual({ status: 404, body: JSON.stringify({ error: 'unknown call' }) });
    expect(await postCallback(`?call=${callKey}&secret=${secret}`, recognizedDone('another-connection'))).toEqual({
      status: 403,
      body: JSON.stringify({ error: 'event for another call connection' }),
    });
    expect(await postCallback(`?call=${callKey}&secret=${secret}`, '{not json')).toEqual({ status: 400, body: JSON.stringify({ error: 'The request body is not valid JSON.' }) });
    expect(await postCallback(`?call=${callKey}&secret=${secret}`, [{ data: {} }])).toEqual({ status: 400, body: JSON.stringify({ error: 'not Call Automation events' }) });

    // Nothing was asked of ACS, and the caller is still on step 2.
    expect(phone.acs.requests.length).toBe(before);
    expect(await call.say('done')).toEqual(["Step 3 of 8. Click the General tab. Say done when you've finished, or help."]);
  });

  test('/api/messages refuses the phone channel: only the bridge speaks on it', async () => {
    const response = await fetch(`${phone.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'event',
        name: 'handoff.status',
        value: { state: 'failed' },
        channelId: 'phone',
        serviceUrl: phone.stepwise.connector.serviceUrl,
        conversation: { id: 'phone-anything' },
        from: { id: 'someone' },
        recipient: { id: 'stepwise' },
      }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Forbidden: the phone channel only runs inside Stepwise (the phone bridge).' });
  });

  test("the phone conversations' connector takes the bot's proactive messages only with its secret", async () => {
    const response = await fetch(`${phone.baseUrl}/api/calls/connector/guess/v3/conversations/phone-x/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    expect(response.status).toBe(403);
  });
});
