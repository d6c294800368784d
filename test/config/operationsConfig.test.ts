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
  [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'Configuration error: OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://localhost:4318 (got "collector:4318")'],
  [{ LOG_FORMAT: 'xml' }, 'Configuration error: LOG_FORMAT must be one of json, pretty (got "xml")'],
])('%j is refused with one clear line', (env, message) => {
  expect(() => loadConfig(env)).toThrow(new ConfigError(message));
});

test('telemetry settings: the OTLP endpoint and the Application Insights connection string', () => {
  expect(loadConfig({}).telemetry).toEqual({ otlpEndpoint: undefined, applicationInsightsConnectionString: undefined });
  const config = loadConfig({
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
    LOG_FORMAT: 'json',
  });
  expect(config.telemetry).toEqual({
    otlpEndpoint: 'http://collector:4318',
    applicationInsightsConnectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
  });
  expect(config.logFormat).toBe('json');
});
