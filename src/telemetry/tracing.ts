import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { TelemetrySettings } from '../config/config';

export interface Tracing {
  /** Where spans go, for the start-up line: `otlp`, `azure-monitor`, both, or `off`. */
  exporters: string;
  /** Sends what is buffered; call before exit. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  version: string;
  /** Tests: spans go here at once (an in-memory exporter) instead of to a collector. */
  exporter?: SpanExporter;
}

/** OTLP/HTTP's traces path under OTEL_EXPORTER_OTLP_ENDPOINT, as the OpenTelemetry specification gives it. */
function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

async function otlpProcessor(endpoint: string): Promise<SpanProcessor> {
  const [{ OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([import('@opentelemetry/exporter-trace-otlp-http'), import('@opentelemetry/sdk-trace-node')]);
  return new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(endpoint) }));
}

/**
 * Registers the process-wide OpenTelemetry tracer before the app is created: Application Insights
 * through Azure Monitor's distro when its connection string is set, OTLP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is, both together, or nothing (then not even the SDK is loaded, and the
 * API's tracer costs nothing).
 */
export async function startTracing(settings: TelemetrySettings, options: TracingOptions): Promise<Tracing> {
  const names = [settings.otlpEndpoint && 'otlp', settings.applicationInsightsConnectionString && 'azure-monitor'].filter(Boolean).join(',') || 'off';
  if (names === 'off' && !options.exporter) return { exporters: names, shutdown: async () => {} };

  const [{ resourceFromAttributes }, { NodeTracerProvider, SimpleSpanProcessor }] = await Promise.all([import('@opentelemetry/resources'), import('@opentelemetry/sdk-trace-node')]);
  const resource = resourceFromAttributes({ 'service.name': 'stepwise', 'service.version': options.version });
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (settings.otlpEndpoint) processors.push(await otlpProcessor(settings.otlpEndpoint));

  if (settings.applicationInsightsConnectionString) {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: settings.applicationInsightsConnectionString },
      resource,
      spanProcessors: processors,
      enableLiveMetrics: false,
    });
    return { exporters: names, shutdown: shutdownAzureMonitor };
  }
  const provider = new NodeTracerProvider({ resource, spanProcessors: processors });
  provider.register();
  return { exporters: options.exporter ? 'memory' : names, shutdown: () => provider.shutdown() };
}
