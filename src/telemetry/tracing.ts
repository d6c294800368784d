import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
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
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  return new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(endpoint) }));
}

/**
 * Registers the process-wide OpenTelemetry tracer before the app is loaded (so Azure Monitor's HTTP
 * instrumentation sees the server): Application Insights through Azure Monitor's distro when its
 * connection string is set, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is, both together, or nothing (the
 * API's tracer then costs nothing).
 */
export async function startTracing(settings: TelemetrySettings, options: TracingOptions): Promise<Tracing> {
  const resource = resourceFromAttributes({ 'service.name': 'stepwise', 'service.version': options.version });
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (settings.otlpEndpoint) processors.push(await otlpProcessor(settings.otlpEndpoint));
  const names = [settings.otlpEndpoint && 'otlp', settings.applicationInsightsConnectionString && 'azure-monitor'].filter(Boolean).join(',') || 'off';

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
  if (processors.length === 0) return { exporters: names, shutdown: async () => {} };
  const provider = new NodeTracerProvider({ resource, spanProcessors: processors });
  provider.register();
  return { exporters: options.exporter ? 'memory' : names, shutdown: () => provider.shutdown() };
}
