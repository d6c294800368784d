import { SpanStatusCode } from '@opentelemetry/api';
import type { StepwiseMetrics } from './metrics';
import { tracer } from './spans';

/**
 * The same store, each asynchronous call timed, traced (`stepwise.storage.<operation>`) and its failures
 * counted by operation (its method's name), whatever methods the store has.
 */
export function measuredStorage<T extends object>(storage: T, metrics: StepwiseMetrics): T {
  return new Proxy(storage, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const stop = metrics.storageSeconds.startTimer({ operation: property });
        const span = tracer.startSpan(`stepwise.storage.${property}`);
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) {
          span.end();
          return result;
        }
        return result.then(
          (resolved) => {
            stop();
            span.end();
            return resolved;
          },
          (error: unknown) => {
            stop();
            metrics.storageErrors.inc({ operation: property });
            span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
            throw error;
          },
        );
      };
    },
  });
}
