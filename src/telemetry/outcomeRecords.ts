import type { AnyValueMap, Logger } from '@opentelemetry/api-logs';
import type { OutcomeSink } from '../outcomes/events';

/** The OpenTelemetry event name of outcome records. */
export const outcomeEventName = 'stepwise.outcome';
/** Application Insights stores a log record with this attribute as a custom event of that name. */
const customEventAttribute = 'microsoft.custom_event.name';

/**
 * Outcome events as OpenTelemetry log records, one per event: the event name `stepwise.outcome`, the event's
 * type as the body, its fields as `stepwise.*` attributes (already free of message text and ids), its time as
 * the timestamp. Application Insights shows them as custom events `StepwiseOutcome`.
 */
export function outcomeRecords(logger: Logger): OutcomeSink {
  return {
    accept(events) {
      for (const { at, ...fields } of events) {
        const attributes: AnyValueMap = { [customEventAttribute]: 'StepwiseOutcome' };
        for (const [name, value] of Object.entries(fields)) if (value !== undefined) attributes[`stepwise.${name}`] = value as string | number;
        logger.emit({ eventName: outcomeEventName, timestamp: new Date(at), body: fields.type, attributes });
      }
    },
  };
}
