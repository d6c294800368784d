import { ConfigError, loadConfig } from '../../src/config/config';

test('running turns get 20 s to finish on SIGTERM unless SHUTDOWN_DRAIN_SECONDS says otherwise', () => {
  expect(loadConfig({}).shutdownDrainSeconds).toBe(20);
  expect(loadConfig({ SHUTDOWN_DRAIN_SECONDS: '45' }).shutdownDrainSeconds).toBe(45);
});

test.each([
  [{ SHUTDOWN_DRAIN_SECONDS: '-1' }, 'Configuration error: SHUTDOWN_DRAIN_SECONDS must be an integer from 0 to 600 (seconds) (got "-1")'],
  [{ SHUTDOWN_DRAIN_SECONDS: 'soon' }, 'Configuration error: SHUTDOWN_DRAIN_SECONDS must be an integer from 0 to 600 (seconds) (got "soon")'],
  [
    { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppType: 'UserAssignedMSI' },
    'Configuration error: MicrosoftAppTenantId must be the tenant id when MicrosoftAppType is UserAssignedMSI',
  ],
])('%j is refused with one clear line', (env, message) => {
  expect(() => loadConfig(env)).toThrow(new ConfigError(message));
});
