/**
 * The callback token check and the key set it uses, alone: the stand-in serves the keys, the clock is moved.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { AcsSigningKeys, SigningKeysUnavailable, unknownKeyCooldownMs } from '../../src/phone/acsSigningKeys';
import { callbackTokenCheck } from '../../src/phone/callbackToken';
import { createMemoryLogger } from '../../src/logging/logger';
import { AcsStandIn, acsTokenIssuer, standInResourceId } from '../../tools/lib/acsStandIn';

const start = Date.parse('2026-11-30T09:00:00Z');
let now = start;
const clock = () => now;
const seconds = () => Math.floor(now / 1000);

let acs: AcsStandIn;
beforeEach(async () => {
  now = start;
  acs = new AcsStandIn();
  await acs.start();
});
afterEach(() => acs.stop());

function keysAndLog() {
  const logger = createMemoryLogger();
  const keys = new AcsSigningKeys({ openIdConfigurationUrl: acs.openIdConfigurationUrl, logger, now: clock });
  return { keys, failures: () => logger.lines.filter((line) => line.includes('WARN ACS signing keys could not be fetched')).length };
}

describe('the ACS signing keys', () => {
  test('are fetched when first needed and then kept; lookups at the same moment share one fetch', async () => {
    const { keys } = keysAndLog();
    expect(acs.keyFetches).toBe(0);
    const found = await Promise.all([1, 2, 3].map(() => keys.find(acs.signingKeyId)));
    expect(found.every((key) => key?.asymmetricKeyType === 'rsa')).toBe(true);
    now += 60 * 60 * 1000;
    await keys.find(acs.signingKeyId);
    expect(acs.keyFetches).toBe(1);
  });

  test('a key id not in the set fetches it again, at most once per cooldown; after a day the set is fetched again anyway', async () => {
    const { keys } = keysAndLog();
    await keys.find(acs.signingKeyId);
    acs.rotateSigningKey();
    expect(await keys.find(acs.signingKeyId)).toBeDefined();
    expect(acs.keyFetches).toBe(2);

    // Made-up key ids within the cooldown of that fetch cost nothing.
    expect(await keys.find('made-up-1')).toBeUndefined();
    now += unknownKeyCooldownMs - 1;
    expect(await keys.find('made-up-2')).toBeUndefined();
    expect(acs.keyFetches).toBe(2);
    now += 1;
    expect(await keys.find('made-up-3')).toBeUndefined();
    expect(await keys.find('made-up-4')).toBeUndefined();
    expect(acs.keyFetches).toBe(3);

    now += 24 * 60 * 60 * 1000 + 1;
    expect(await keys.find(acs.signingKeyId)).toBeDefined();
    expect(acs.keyFetches).toBe(4);
  });

  test('when the keys cannot be fetched: the ones fetched before are kept; with none, the lookup fails, and is not retried at once', async () => {
    const { keys, failures } = keysAndLog();
    const kid = acs.signingKeyId;
    await keys.find(kid);
    acs.publishesKeys = false;
    now += 25 * 60 * 60 * 1000;
    expect(await keys.find(kid)).toBeDefined();
    expect(failures()).toBe(1);

    const fresh = keysAndLog();
    await expect(fresh.keys.find(kid)).rejects.toThrow(SigningKeysUnavailable);
    await expect(fresh.keys.find(kid)).rejects.toThrow(/ACS signing keys could not be fetched: http:\/\/127\.0\.0\.1:\d+\/calling\/\.well-known\/acsopenidconfiguration answered 503/);
    expect(fresh.failures()).toBe(1);
    acs.publishesKeys = true;
    now += unknownKeyCooldownMs;
    expect(await fresh.keys.find(kid)).toBeDefined();
  });
});

describe('the callback token check', () => {
  const check = () => callbackTokenCheck({ audience: standInResourceId, keys: keysAndLog().keys, now: clock });
  const bearer = (token: string) => `Bearer ${token}`;

  test("accepts ACS's token for the resource, within a minute of clock difference either way", async () => {
    const valid = check();
    expect(await valid(bearer(acs.callbackToken({ issuedAt: seconds() })))).toBeUndefined();
    // Five minutes' life, ended 30 s ago; not valid for another 30 s.
    expect(await valid(bearer(acs.callbackToken({ issuedAt: seconds() - 330 })))).toBeUndefined();
    expect(await valid(bearer(acs.callbackToken({ issuedAt: seconds() + 30 })))).toBeUndefined();
    expect(await valid(`bearer  ${acs.callbackToken({ issuedAt: seconds(), audience: standInResourceId.toUpperCase() })}`)).toBeUndefined();
  });

  test.each([
    ['nothing', undefined, 'no ACS token'],
    ['an empty header', '', 'no ACS token'],
    ['not a JWT', 'Bearer not-a-token', 'no ACS token'],
    ['three parts that are not JSON', 'Bearer aGVsbG8.d29ybGQ.IQ', 'no key id in the token'],
  ])('refuses %s', async (_what, authorization, expected) => {
    const refusal = await check()(authorization);
    expect(refusal?.status).toBe(401);
    expect(refusal?.detail ?? refusal?.reason).toBe(expected);
  });

  test('refuses a token expired more than a minute ago, or not valid for more than a minute yet', async () => {
    expect(await check()(bearer(acs.callbackToken({ issuedAt: seconds() - 361 })))).toEqual({ status: 401, reason: 'invalid ACS token', detail: 'jwt expired' });
    expect(await check()(bearer(acs.callbackToken({ issuedAt: seconds() + 61 })))).toEqual({ status: 401, reason: 'invalid ACS token', detail: 'jwt not active' });
  });

  test('refuses a token the published key did not sign with RS256, or without an expiry', async () => {
    const published = acs.signingKeyId;
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: published })).toString('base64url');
    const claims = (extra: Record<string, number> = { exp: seconds() + 300 }) =>
      Buffer.from(JSON.stringify({ iss: acsTokenIssuer, aud: standInResourceId, iat: seconds(), ...extra })).toString('base64url');
    // The public key as an HMAC secret: the classic confusion of RS256 with HS256.
    const publicPem = (await new AcsSigningKeys({ openIdConfigurationUrl: acs.openIdConfigurationUrl, logger: createMemoryLogger() }).find(published))!
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const hs256 = `${header('HS256')}.${claims()}`;
    const confused = `${hs256}.${createHmac('sha256', publicPem).update(hs256).digest('base64url')}`;
    expect(await check()(bearer(confused))).toEqual({ status: 401, reason: 'invalid ACS token', detail: 'invalid algorithm' });
    expect(await check()(bearer(`${header('none')}.${claims()}.`))).toMatchObject({ status: 401 });

    // Signed by the right key but never expiring: signed here with a key the check is given as ACS's.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const noExpiry = `${header('RS256')}.${claims({})}`;
    const token = `${noExpiry}.${sign('sha256', Buffer.from(noExpiry), privateKey).toString('base64url')}`;
    const checkWithKey = callbackTokenCheck({ audience: standInResourceId, keys: { find: async () => publicKey }, now: clock });
    expect(await checkWithKey(bearer(token))).toEqual({ status: 401, reason: 'invalid ACS token', detail: 'no expiry in the token' });
  });

  test('answers 503 when no keys could be fetched: no token can be checked', async () => {
    acs.publishesKeys = false;
    expect(await check()(bearer(acs.callbackToken({ issuedAt: seconds() })))).toMatchObject({ status: 503, reason: 'ACS signing keys unavailable' });
  });
});
