import { ConfigError, loadConfig } from '../../src/config/config';

const desk = { DESK_CONVERSATION_ID: '19:desk@thread.tacv2', DESK_SERVICE_URL: 'https://smba.trafficmanager.net/amer/', DESK_TECHNICIANS: '29:tech-1, 00000000-aaaa-bbbb-cccc-000000000001' };

describe('handoff configuration', () => {
  test('by default the handoff is the Bot Framework protocol event, with technicians always available', () => {
    expect(loadConfig({}).handoff).toEqual({ destinations: ['protocol'] });
  });

  test('several destinations at once, with the desk, the webhook and business hours', () => {
    const config = loadConfig({
      HANDOFF_DESTINATIONS: 'protocol, DESK,webhook,desk',
      ...desk,
      WEBHOOK_URL: 'https://tickets.example.net/hooks/stepwise',
      WEBHOOK_TOKEN: 'abc',
      WEBHOOK_MAX_ATTEMPTS: '5',
      BUSINESS_HOURS: '08:30-17:00',
      BUSINESS_DAYS: 'mon-fri,sat',
      BUSINESS_TIMEZONE: 'Europe/Paris',
    });
    expect(config.handoff).toEqual({
      destinations: ['protocol', 'desk', 'webhook'],
      desk: {
        channelId: 'msteams',
        conversationId: '19:desk@thread.tacv2',
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        tenantId: undefined,
        technicians: ['29:tech-1', '00000000-aaaa-bbbb-cccc-000000000001'],
      },
      webhook: { url: 'https://tickets.example.net/hooks/stepwise', token: 'abc', maxAttempts: 5, backoffMs: 500, timeoutMs: 3000 },
      businessHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6], open: 510, close: 1020 },
    });
  });

  test.each([
    [{ HANDOFF_DESTINATIONS: 'protocol,fax' }, 'Configuration error: HANDOFF_DESTINATIONS must be a comma-separated list of protocol, desk, webhook (got "protocol,fax")'],
    [{ HANDOFF_DESTINATIONS: 'desk' }, 'Configuration error: DESK_CONVERSATION_ID must be the desk conversation id when HANDOFF_DESTINATIONS includes desk'],
    [
      { HANDOFF_DESTINATIONS: 'desk', DESK_CONVERSATION_ID: 'c' },
      'Configuration error: DESK_SERVICE_URL must be the desk channel service URL when HANDOFF_DESTINATIONS includes desk',
    ],
    [
      { HANDOFF_DESTINATIONS: 'desk', ...desk, DESK_TECHNICIANS: ' , ' },
      'Configuration error: DESK_TECHNICIANS must list at least one technician id when HANDOFF_DESTINATIONS includes desk',
    ],
    [{ DESK_SERVICE_URL: 'smba' }, 'Configuration error: DESK_SERVICE_URL must be an http(s) URL (got "smba")'],
    [{ HANDOFF_DESTINATIONS: 'webhook' }, 'Configuration error: WEBHOOK_URL must be the ticket webhook URL when HANDOFF_DESTINATIONS includes webhook'],
    [{ WEBHOOK_MAX_ATTEMPTS: '0' }, 'Configuration error: WEBHOOK_MAX_ATTEMPTS must be an integer from 1 to 10 (got "0")'],
    [{ BUSINESS_HOURS: '9 to 5' }, 'Configuration error: BUSINESS_HOURS must be opening hours such as 08:00-18:00 (got "9 to 5")'],
    [{ BUSINESS_HOURS: '18:00-08:00' }, 'Configuration error: BUSINESS_HOURS must be opening hours such as 08:00-18:00 (got "18:00-08:00")'],
    [{ BUSINESS_DAYS: 'weekdays' }, 'Configuration error: BUSINESS_DAYS must be days such as mon-fri or mon,wed,fri (got "weekdays")'],
    [{ BUSINESS_TIMEZONE: 'Central' }, 'Configuration error: BUSINESS_TIMEZONE must be an IANA time zone such as America/Chicago (got "Central")'],
  ])('%j is refused with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
