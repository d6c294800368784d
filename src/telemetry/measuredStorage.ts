import type { StepwiseMetrics } from './metrics';

/**
 * The same store, each asynchronous call timed and its failures counted by operation (its method's
 * name), whatever methods the store has.
 */
export function measuredStorage<T extends object>(storage: T, metrics: StepwiseMetrics): T {
  return new Proxy(storage, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const stop = metrics.storageSeconds.startTimer({ operation: property });
        return result.then(
          (resolved) => {
            stop();
            return resolved;
          },
          (error: unknown) => {
            stop();
            metrics.storageErrors.inc({ operation: property });
            throw error;
          },
        );
      };
    },
  });
}
