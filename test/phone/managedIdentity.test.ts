/**
 * With ACS_ENDPOINT instead of a connection string, the Call Automation and SMS SDKs reach ACS with an Entra ID
 * token (the managed identity in Azure; here a credential the stand-in knows, over its own https), never a key.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { PhoneStepwise, startPhoneStepwise } from '../support/phoneCalls';

const token = 'entra-access-token-for-the-stand-in';
const scopesAsked: string[][] = [];
const credential: TokenCredential = {
  async getToken(scopes): Promise<AccessToken> {
    scopesAsked.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise(
    (acs) => ({ ACS_CONNECTION_STRING: '', ACS_ENDPOINT: acs.endpoint, ACS_SMS_FROM: '+18005550100' }),
    (acs) => ({ acsIdentity: { credential, tls: { ca: acs.certificate! } } }),
    { tls: true },
  );
  phone.acs.entraTokens.add(token);
});
afterAll(() => phone.stop());

test('a call is answered, spoken to and texted with the managed identity\'s token, over https', async () => {
  expect(phone.acs.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
  const call = await phone.ring('+12145550166');
  await call.say('outlook express');
  expect(await call.say('text me the steps')).toEqual([expect.stringMatching(/^I've sent a text message with a link/)]);
  expect(phone.acs.texts.at(-1)).toMatchObject({ from: '+18005550100', to: '+12145550166' });
  expect(phone.acs.requests.map((request) => request.action)).toEqual(expect.arrayContaining(['answer', 'recognize']));
  // Nothing was refused: every request carried the token (a request with none, or with a key, would be).
  expect(phone.acs.refused).toEqual([]);
  expect(scopesAsked.length).toBeGreaterThan(0);
  for (const scopes of scopesAsked) expect(scopes).toEqual(['https://communication.azure.com//.default']);
  expect(phone.stepwise.logLines.some((line) => line.includes('phone bridge on') && line.includes('access="managed identity"'))).toBe(true);
});
