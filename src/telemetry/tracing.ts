import type { LogRecordExporter, LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { TelemetrySettings } from '../config/config';
import type { OutcomeSink } from '../outcomes/events';
import { outcomeRecords } from './outcomeRecords';

export interface Tracing {
  /** Where spans go, for the start-up line: `otlp`, `azure-monitor`, both, or `off`. */
  exporters: string;
  /** The conversations' outcome events as log records to the same places; absent when telemetry is off. */
  outcomes?: OutcomeSink;
  /** Sends what is buffered; call before exit. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  version: string;
  /** Tests: spans go here at once (an in-memory exporter) instead of to a collector. */
  exporter?: SpanExporter;
  /** Tests: outcome log records go here at once. */
  logExporter?: LogRecordExporter;
}

/** OTLP/HTTP's path for a signal under OTEL_EXPORTER_OTLP_ENDPOINT, as the OpenTelemetry specification gives it. */
function otlpUrl(endpoint: string, signal: 'traces' | 'logs'): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/${signal}`;
}

async function otlpProcessor(endpoint: string): Promise<SpanProcessor> {
  const [{ OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([import('@opentelemetry/exporter-trace-otlp-http'), import('@opentelemetry/sdk-trace-node')]);
  return new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpUrl(endpoint, 'traces') }));
}

async function logProcessors(settings: TelemetrySettings, options: TracingOptions): Promise<LogRecordProcessor[]> {
  const { SimpleLogRecordProcessor, BatchLogRecordProcessor } = await import('@opentelemetry/sdk-logs');
  const processors: LogRecordProcessor[] = [];
  if (options.logExporter) processors.push(new SimpleLogRecordProcessor(options.logExporter));
  if (settings.otlpEndpoint) {
    const { OTLPLogExporter } = await import('@opentelemetry/exporter-logs-otlp-http');
    processors.push(new BatchLogRecordProcessor(new OTLPLogExporter({ url: otlpUrl(settings.otlpEndpoint, 'logs') })));
  }
  return processors;
}

/**
 * Registers the process-wide OpenTelemetry tracer before the app is created: Application Insights
 * through Azure Monitor's distro when its connection string is set, OTLP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is, both together, or nothing (then not even the SDK is loaded, and the
 * API's tracer costs nothing). The outcome events go the same ways as log records (`outcomes`).
 */
export async function startTracing(settings: TelemetrySettings, options: TracingOptions): Promise<Tracing> {
  const names = [settings.otlpEndpoint && 'otlp', settings.applicationInsightsConnectionString && 'azure-monitor'].filter(Boolean).join(',') || 'off';
  if (names === 'off' && !options.exporter) return { exporters: names, shutdown: async () => {} };

  const [{ resourceFromAttributes }, { NodeTracerProvider, SimpleSpanProcessor }] = await Promise.all([import('@opentelemetry/resources'), import('@opentelemetry/sdk-trace-node')]);
  const resource = resourceFromAttributes({ 'service.name': 'stepwise', 'service.version': options.version });
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (settings.otlpEndpoint) processors.push(await otlpProcessor(settings.otlpEndpoint));

  const logRecordProcessors = await logProcessors(settings, options);

  if (settings.applicationInsightsConnectionString) {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: settings.applicationInsightsConnectionString },
      resource,
      spanProcessors: processors,
      logRecordProcessors,
      enableLiveMetrics: false,
    });
    // The distro registered its logger provider (Application Insights, and the OTLP processor if any) as the global one.
    const { logs } = await import('@opentelemetry/api-logs');
    return { exporters: names, outcomes: outcomeRecords(logs.getLogger('stepwise')), shutdown: shutdownAzureMonitor };
  }
  const provider = new NodeTracerProvider({ resource, spanProcessors: processors });
  provider.register();
  const { LoggerProvider } = await import('@opentelemetry/sdk-logs');
  const loggers = new LoggerProvider({ resource, processors: logRecordProcessors });
  return {
    exporters: options.exporter ? 'memory' : names,
    outcomes: outcomeRecords(loggers.getLogger('stepwise')),
    shutdown: async () => {
      await Promise.all([provider.shutdown(), loggers.shutdown()]);
    },
  };
}
