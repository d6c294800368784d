import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

export const tracer = trace.getTracer('stepwise');

/** Runs `work` in a child span of the active one; a failure marks the span and goes on. */
export function inSpan<T>(name: string, attributes: Record<string, string | number>, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
