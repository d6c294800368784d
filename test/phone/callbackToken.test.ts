/**
 * With ACS_RESOURCE_ID set, every call callback must carry ACS's signed token (here the stand-in's, its
 * keys served as ACS's OpenID configuration) as well as the call's secret.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CallRecords } from '../../src/phone/callRecords';
import { acsTokenIssuer, standInResourceId } from '../../tools/lib/acsStandIn';
import { greeting, outlookExpressIntro } from '../support/outlookExpress';
import { heardIn, PhoneCall, PhoneStepwise, postCallback, startPhoneStepwise } from '../support/phoneCalls';

let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise((acs) => ({ ACS_RESOURCE_ID: standInResourceId, ACS_OPENID_CONFIGURATION_URL: acs.openIdConfigurationUrl }));
});
afterAll(() => phone.stop());
afterEach(() => expect(phone.acs.refused).toEqual([]));

const step1 = "Step 1 of 8. Click the Tools menu, then choose Accounts. Say Done or press 1. Say Help or press 2. Say Talk to a technician or press 3.";
const step2 = "Step 2 of 8. You'll see your accounts. Click your account once to highlight it, then click the Properties button. Say done when you've finished, or help.";
const rejections = () => phone.stepwise.logLines.filter((line) => line.includes('request rejected'));

/** The caller's "done" as ACS would deliver it for this call, to be posted with any Authorization. */
function recognizedDone(call: PhoneCall): unknown[] {
  return [
    {
      id: 'a1b2c3',
      source: `calling/callConnections/${call.callConnectionId}`,
      type: 'Microsoft.Communication.RecognizeCompleted',
      specversion: '1.0',
      time: new Date().toISOString(),
      data: { callConnectionId: call.callConnectionId, serverCallId: 's', correlationId: 'c', operationContext: 'listen', recognitionType: 'speech', speechResult: { speech: 'done' } },
    },
  ];
}

test('a call whose callbacks carry ACS-signed tokens goes as usual, and the keys are fetched once', async () => {
  const call = await phone.ring('+12145550111');
  const [answer, firstListen] = call.requests();
  expect(answer.action).toBe('answer');
  expect(heardIn(firstListen)[0].startsWith(`${greeting} Say Outlook Express or press 1.`)).toBe(true);
  expect(await call.say('outlook express')).toEqual([outlookExpressIntro, step1]);
  expect(await call.press('1')).toEqual([step2]);
  // Four callbacks (connected, three answers), one fetch of the key set.
  expect(phone.acs.keyFetches).toBe(1);
  expect(rejections()).toEqual([]);
  expect(phone.stepwise.logLines.some((line) => /INFO phone bridge on .*callbackTokens="checked \(audience 3f9c1b52-/.test(line))).toBe(true);
});

test('callbacks without ACS\'s valid token are refused with 401, and neither the call nor ACS is touched', async () => {
  const call = await phone.ring('+12145550122');
  await call.say('outlook express');
  const callKey = new URL(call.answer.body.callbackUri).searchParams.get('call')!;
  const records = new CallRecords(phone.stepwise.app.storage.storage);
  const recordBefore = await records.get(callKey);
  const requestsBefore = phone.acs.requests.length;
  const rejectedBefore = rejections().length;
  const { privateKey: strangersKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const longAgo = Math.floor(Date.now() / 1000) - 600;

  const refusals: [string, Record<string, string>, string, RegExp?][] = [
    ['no token', {}, 'no ACS token'],
    ['another scheme', { authorization: `Basic ${Buffer.from('acs:secret').toString('base64')}` }, 'no ACS token'],
    ['signed by another key', { authorization: `Bearer ${phone.acs.callbackToken({ privateKey: strangersKey })}` }, 'invalid ACS token', /invalid signature/],
    ['for another resource', { authorization: `Bearer ${phone.acs.callbackToken({ audience: '0d6e7c2a-1b3f-4e5d-9a8b-7c6d5e4f3a2b' })}` }, 'invalid ACS token', /jwt audience invalid/],
    ['from another issuer', { authorization: `Bearer ${phone.acs.callbackToken({ issuer: `${acsTokenIssuer}.example.net` })}` }, 'invalid ACS token', /jwt issuer invalid/],
    ['expired', { authorization: `Bearer ${phone.acs.callbackToken({ issuedAt: longAgo })}` }, 'invalid ACS token', /jwt expired/],
  ];
  for (const [what, headers, error, detail] of refusals) {
    const answer = await postCallback(call.answer.body.callbackUri, recognizedDone(call), headers);
    expect({ what, ...answer }).toEqual({ what, status: 401, body: JSON.stringify({ error }) });
    const logged = rejections().at(-1)!;
    expect(logged).toContain(`reason="${error}"`);
    if (detail) expect(logged).toMatch(detail);
  }
  expect(rejections().length - rejectedBefore).toBe(refusals.length);
  // The token is checked on top of the secret, not instead of it.
  const wrongSecret = call.answer.body.callbackUri.replace(/secret=[^&]+/, 'secret=not-the-secret');
  expect(await postCallback(wrongSecret, recognizedDone(call), { authorization: `Bearer ${phone.acs.callbackToken()}` })).toEqual({
    status: 401,
    body: JSON.stringify({ error: 'wrong call secret' }),
  });

  await phone.acs.settled();
  expect(phone.acs.requests.length).toBe(requestsBefore);
  expect(await records.get(callKey)).toEqual(recordBefore);
  // The real "done", signed: the caller was still on step 1.
  expect(await call.say('done')).toEqual([step2]);
  expect(phone.acs.keyFetches).toBe(1);
});

test('a new key ACS rotates to is fetched when a token names it; tokens of the key it replaced are refused', async () => {
  const call = await phone.ring('+12145550133');
  await call.say('outlook express');
  const oldToken = phone.acs.callbackToken();
  const fetchesBefore = phone.acs.keyFetches;

  phone.acs.rotateSigningKey();
  expect(await call.say('done')).toEqual([step2]);
  expect(phone.acs.keyFetches).toBe(fetchesBefore + 1);

  // The old key is no longer published; asking again so soon would let made-up key ids cost a fetch each.
  const answer = await postCallback(call.answer.body.callbackUri, recognizedDone(call), { authorization: `Bearer ${oldToken}` });
  expect(answer).toEqual({ status: 401, body: JSON.stringify({ error: 'invalid ACS token' }) });
  expect(rejections().at(-1)).toMatch(/detail="no ACS signing key /);
  expect(phone.acs.keyFetches).toBe(fetchesBefore + 1);
});
